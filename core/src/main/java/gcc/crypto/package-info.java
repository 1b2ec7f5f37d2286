/**
 * Signature algorithms of the code format (Ed25519, ECDSA P-256, SM2 with SM3), keys and their
 * ids, all on BouncyCastle's lightweight API, which measured 6-10x faster than the JDK providers.
 */
package gcc.crypto;
