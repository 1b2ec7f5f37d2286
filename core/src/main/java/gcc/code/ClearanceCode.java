package gcc.code;

import gcc.crypto.Signer;

import java.nio.charset.StandardCharsets;

/**
 * The text form of a clearance code: {@code GCC1:} followed by Base45 of the zlib-deflated
 * COSE_Sign1. Issuing signs claims into text; {@link #decode} turns text back into the COSE
 * structure and claims, checking caps before each layer's work.
 *
 * <p>Decoding accepts a tagged or untagged COSE_Sign1 and input whose zlib layer is absent
 * (recognised because a COSE_Sign1 starts with 0xD2 or 0x84, which no zlib header does).
 *
 * <p>Stateless and thread-safe.
 */
public final class ClearanceCode {
    /** The prefix of every version-1 code. */
    public static final String PREFIX = "GCC1:";
    /** Longest code text accepted, prefix included (a QR version 40-L symbol holds 4296 characters; ours are ~300). */
    public static final int MAX_TEXT = 1024;
    /** Largest COSE_Sign1 after inflation: a zlib bomb stops here. */
    public static final int MAX_COSE = 1024;

    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private ClearanceCode() {
    }

    /** Every layer of one code, from text to claims. */
    public record Layers(String text, byte[] compressed, byte[] cose, CoseSign1 sign1, ClearanceClaims claims,
                         boolean zlibPresent) {
    }

    /** Signs claims into code text (tagged COSE_Sign1, deflated, Base45, prefixed). */
    public static String issue(ClearanceClaims claims, Signer signer) {
        return issueLayers(claims, signer).text();
    }

    /** Signs claims and returns every layer (for tools and test vectors). */
    public static Layers issueLayers(ClearanceClaims claims, Signer signer) {
        byte[] payload = claims.encode();
        byte[] prot = CoseSign1.protectedHeader(signer.algorithm(), signer.kid());
        byte[] sig = signer.sign(CoseSign1.toBeSigned(prot, payload));
        byte[] cose = CoseSign1.encode(prot, payload, sig, true);
        byte[] z = Zlib.deflate(cose);
        String text = PREFIX + Base45.encode(z);
        try {
            return new Layers(text, z, cose, CoseSign1.parse(cose), claims, true);
        } catch (MalformedCodeException e) {
            throw new IllegalStateException("issued a code this verifier cannot parse: " + e.getMessage(), e);
        }
    }

    /** Decodes code text given as a string. */
    public static Layers decode(String text) throws MalformedCodeException {
        if (text.length() > MAX_TEXT) {
            throw new MalformedCodeException("code text longer than " + MAX_TEXT + " characters");
        }
        byte[] b = new byte[text.length()];
        for (int i = 0; i < b.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7e) {
                throw new MalformedCodeException("non-ASCII character in code text");
            }
            b[i] = (byte) c;
        }
        return decode(b, 0, b.length);
    }

    /** Decodes the ASCII code text {@code in[off, off+len)} through every layer. */
    public static Layers decode(byte[] in, int off, int len) throws MalformedCodeException {
        checkPrefix(in, off, len);
        byte[] compressed = Base45.decode(in, off + PREFIX_BYTES.length, len - PREFIX_BYTES.length);
        boolean zlib = compressed.length > 0 && compressed[0] != (byte) 0xD2 && compressed[0] != (byte) 0x84;
        byte[] cose = zlib ? Zlib.inflate(compressed, MAX_COSE) : compressed;
        if (cose.length > MAX_COSE) {
            throw new MalformedCodeException("COSE_Sign1 larger than " + MAX_COSE + " bytes");
        }
        CoseSign1 sign1 = CoseSign1.parse(cose);
        ClearanceClaims claims = ClearanceClaims.decode(sign1.payload());
        String text = new String(in, off, len, StandardCharsets.US_ASCII);
        return new Layers(text, compressed, cose, sign1, claims, zlib);
    }

    /**
     * Decodes the ASCII code text {@code in[off, off+len)} as {@link #decode(byte[], int, int)}
     * does (the same checks, in the same order, with the same answers), but into {@code s}: the
     * COSE_Sign1 is left in {@link DecodeScratch#sign1()} and only the returned claims are
     * allocated for a well-formed code. For the gate's memo miss.
     */
    public static ClearanceClaims decodeInto(byte[] in, int off, int len, DecodeScratch s) throws MalformedCodeException {
        checkPrefix(in, off, len);
        int n = Base45.decode(in, off + PREFIX_BYTES.length, len - PREFIX_BYTES.length, s.compressed, 0);
        boolean zlib = n > 0 && s.compressed[0] != (byte) 0xD2 && s.compressed[0] != (byte) 0x84;
        byte[] cose = s.compressed;
        int coseLen = n;
        if (zlib) {
            cose = s.cose;
            coseLen = Zlib.inflate(s.compressed, 0, n, MAX_COSE, s.inflater(), s.cose);
        }
        if (coseLen > MAX_COSE) {
            throw new MalformedCodeException("COSE_Sign1 larger than " + MAX_COSE + " bytes");
        }
        CoseSign1Flyweight sign1 = s.sign1.parse(cose, 0, coseLen);
        return ClearanceClaims.decode(sign1.payloadBuffer(), sign1.payloadOffset(), sign1.payloadLength(), s);
    }

    private static void checkPrefix(byte[] in, int off, int len) throws MalformedCodeException {
        if (len > MAX_TEXT) {
            throw new MalformedCodeException("code text longer than " + MAX_TEXT + " characters");
        }
        if (len < PREFIX_BYTES.length) {
            throw new MalformedCodeException("code text too short");
        }
        if (!java.util.Arrays.equals(in, off, off + PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length)) {
            boolean otherVersion = len > 4 && in[off] == 'G' && in[off + 1] == 'C' && in[off + 2] == 'C'
                    && in[off + 3] >= '0' && in[off + 3] <= '9' && in[off + 4] == ':';
            throw new MalformedCodeException(otherVersion ? MalformedCodeException.Kind.UNSUPPORTED_VERSION : MalformedCodeException.Kind.MALFORMED,
                    otherVersion ? "unsupported code version prefix" : "code does not start with " + PREFIX);
        }
    }
}
