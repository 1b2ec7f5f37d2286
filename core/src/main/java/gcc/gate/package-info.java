/**
 * The gate TCP protocol as flyweights over byte arrays: length-prefixed, big-endian frames with a
 * magic, a version and a client-chosen request id, so many requests can be in flight on one
 * connection and be answered in any order. Pure codecs; {@code docs/protocol.md} is the spec and
 * holds the test vectors.
 */
package gcc.gate;
