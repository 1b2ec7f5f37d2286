package gcc.code;

import gcc.crypto.SignatureAlgorithm;

/**
 * A code whose signature verified with a trust-list key: its claims and the key material that
 * verified them. The memo holds these; the key's status and window are still checked against the
 * current trust list on every decision. Immutable.
 */
public record VerifiedCode(ClearanceClaims claims, long kid, SignatureAlgorithm algorithm, byte[] spki) {
}
