/**
 * The gate TCP listener: bootstrap, frame decoder (caps the size before buffering) and the
 * request handler that moves frames to and from the decision recorder.
 */
package gcc.gatetcp;
