/**
 * CBOR (RFC 8949) as the code format uses it: a deterministic encoder (section 4.2.1) and a
 * strict, capped decoder that turns any input into a value tree or a {@link gcc.cbor.CborException}.
 * Pure functions over bytes; no I/O.
 */
package gcc.cbor;
