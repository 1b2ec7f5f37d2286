package gcc.trust;

import gcc.cbor.CborLimits;

/**
 * Size limits of a trust list, sized for a national list of hundreds of labs and separate from the
 * small limits of a clearance code ({@link CborLimits#CODE}). They bound what a hostile or broken
 * upload can cost before its signature is checked: the signed bytes are capped first, then every
 * count is checked before the work it causes. {@code gatectl trust-list build} and {@code sign}
 * apply the same limits, so a list they write always loads.
 *
 * <p>Figures: one key encodes to about 60 bytes (Ed25519) or 120 bytes (ES256, SM2) and a lab's
 * names and standards to about 100, so {@value #MAX_LABS} labs with four ES256 keys each take
 * about 0.6 MiB, within {@link #MAX_SIGNED_BYTES} (1 MiB, the default {@code http.max-body-bytes},
 * so any list that loads can also be uploaded).
 */
public final class TrustListLimits {
    /** Most labs on one list. */
    public static final int MAX_LABS = 1_000;
    /** Most keys one lab may list (current, next and retired keys of several algorithms). */
    public static final int MAX_KEYS_PER_LAB = 16;
    /** Most standards one lab may be accredited for. */
    public static final int MAX_STANDARDS_PER_LAB = 32;
    /** Largest signed list (COSE_Sign1 bytes) accepted, and so largest payload. */
    public static final int MAX_SIGNED_BYTES = 1024 * 1024;
    /** Largest unsigned payload: the signed size less room for the header and the longest signature. */
    public static final int MAX_PAYLOAD_BYTES = MAX_SIGNED_BYTES - 256;
    /** Longest lab id, name, accreditation number and standard name. */
    public static final int MAX_LAB_ID = 16;
    public static final int MAX_LAB_NAME = 200;
    public static final int MAX_ACCREDITATION = 64;
    public static final int MAX_STANDARD = 64;
    /** Largest public key (SubjectPublicKeyInfo DER). */
    public static final int MAX_SPKI = 512;

    /** CBOR limits of the signed envelope: a tagged array of four whose payload may be large. */
    public static final CborLimits ENVELOPE = new CborLimits(4, 4, MAX_SIGNED_BYTES);
    /**
     * CBOR limits of the payload: list map, labs array, lab map, keys array, key map, values (depth 6);
     * the labs array is the longest array (twice the limit here, so the decoder, not the CBOR layer,
     * names the count that is over); the public key or a UTF-8 name is the longest string.
     */
    public static final CborLimits PAYLOAD = new CborLimits(6, 2 * MAX_LABS, Math.max(MAX_SPKI, MAX_LAB_NAME * 4));

    private TrustListLimits() {
    }
}
