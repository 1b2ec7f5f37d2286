/**
 * The clearance code format: {@code GCC1:} + Base45 (RFC 9285) of zlib (RFC 1950) of a
 * COSE_Sign1 (RFC 9052) whose payload is the CBOR claims map. Pure functions over bytes with
 * caps applied before work; the spec and test vectors are in {@code docs/code-format.md}.
 */
package gcc.code;
