/**
 * The decision recorder: decide, record to the audit (HOLD if it cannot), count. The gate
 * listener and the HTTP API both decide through it and through nothing else.
 */
package gcc.recorder;
