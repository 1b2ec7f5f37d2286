package gcc.code;

import gcc.cbor.CborCursor;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;

/**
 * A COSE_Sign1 read in place: the protected header, payload and signature as ranges of the
 * bytes it was parsed from, for a memo miss that should allocate nothing before the curve.
 *
 * <p>{@link #parse} first tries the one shape this project issues, byte for byte:
 * <pre>
 *   [D2]                   optional tag 18
 *   84                     array(4)
 *   4x | 58 xx             bstr: protected header, exactly {1: alg, 4: h'8-byte kid'} as issued
 *   A0                     unprotected header: empty map
 *   58 xx | 59 xx xx       bstr: payload
 *   58 40 ...              bstr: signature
 * </pre>
 * Anything else goes through {@link CoseSign1#parse}, which accepts or rejects it (with its
 * reason) exactly as it always has; the fast shape is a subset of what that parser accepts and
 * yields the same fields, so both paths give the same answer for every input.
 *
 * <p>Not thread-safe: one per thread (in {@link DecodeScratch}), valid until the next parse.
 */
public final class CoseSign1Flyweight {
    private static final byte[][] PROTECTED_PREFIX = new byte[SignatureAlgorithm.values().length][];

    static {
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            byte[] h = CoseSign1.protectedHeader(a, new byte[Keys.KID_LENGTH]);
            PROTECTED_PREFIX[a.ordinal()] = java.util.Arrays.copyOf(h, h.length - Keys.KID_LENGTH);
        }
    }

    private final CborCursor cursor = new CborCursor();
    private byte[] protectedBuf;
    private int protectedOff;
    private int protectedLen;
    private byte[] payloadBuf;
    private int payloadOff;
    private int payloadLen;
    private byte[] signatureBuf;
    private int signatureOff;
    private int signatureLen;
    private SignatureAlgorithm algorithm;
    private long kid;
    private boolean tagged;

    /** Parses {@code in[off, off+len)}; the ranges refer to {@code in}, which must not change while in use. */
    public CoseSign1Flyweight parse(byte[] in, int off, int len) throws MalformedCodeException {
        if (!parseIssuedShape(in, off, len)) {
            wrap(CoseSign1.parse(java.util.Arrays.copyOfRange(in, off, off + len)));
        }
        return this;
    }

    private boolean parseIssuedShape(byte[] in, int off, int len) {
        CborCursor c = cursor.wrap(in, off, len);
        boolean tag = c.head(6) == CoseSign1.TAG;
        if (!tag) {
            c.wrap(in, off, len);
        }
        if (c.head(4) != 4) {
            return false;
        }
        long pl = c.head(2);
        int po = c.position();
        if (pl < 0) {
            return false;
        }
        c.skip((int) pl);
        SignatureAlgorithm alg = issuedAlgorithm(in, po, (int) pl);
        if (alg == null || c.head(5) != 0) {
            return false;
        }
        long yl = c.head(2);
        int yo = c.position();
        if (yl < 0 || yl > ClearanceCode.MAX_COSE) {
            return false;
        }
        c.skip((int) yl);
        long sl = c.head(2);
        int so = c.position();
        if (sl < 0) {
            return false;
        }
        c.skip((int) sl);
        if (!c.atEnd()) {
            return false;
        }
        set(in, po, (int) pl, in, yo, (int) yl, in, so, (int) sl, alg,
                Keys.kidAsLong(in, po + (int) pl - Keys.KID_LENGTH), tag);
        return true;
    }

    /** The algorithm of a protected header that is exactly one this project issues, else null. */
    private static SignatureAlgorithm issuedAlgorithm(byte[] in, int off, int len) {
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            byte[] p = PROTECTED_PREFIX[a.ordinal()];
            if (len == p.length + Keys.KID_LENGTH && java.util.Arrays.equals(in, off, off + p.length, p, 0, p.length)) {
                return a;
            }
        }
        return null;
    }

    private void wrap(CoseSign1 s) {
        byte[] p = s.protectedBytes();
        byte[] y = s.payload();
        byte[] g = s.signature();
        set(p, 0, p.length, y, 0, y.length, g, 0, g.length, s.algorithm(), s.kidAsLong(), s.tagged());
    }

    private void set(byte[] p, int po, int pl, byte[] y, int yo, int yl, byte[] g, int go, int gl,
                     SignatureAlgorithm alg, long kid, boolean tag) {
        protectedBuf = p;
        protectedOff = po;
        protectedLen = pl;
        payloadBuf = y;
        payloadOff = yo;
        payloadLen = yl;
        signatureBuf = g;
        signatureOff = go;
        signatureLen = gl;
        algorithm = alg;
        this.kid = kid;
        tagged = tag;
    }

    /** Bytes of the Sig_structure {@link #toBeSigned} writes (its buffer must hold this many). */
    public int toBeSignedLength() {
        return headLength(10) + 10 + headLength(protectedLen) + protectedLen + 2 + headLength(payloadLen) + payloadLen;
    }

    /**
     * Writes the Sig_structure {@code ["Signature1", protected, h'', payload]} (the same bytes as
     * {@link CoseSign1#toBeSigned()}) into {@code out} from 0 and returns its length.
     */
    public int toBeSigned(byte[] out) {
        int p = 0;
        out[p++] = (byte) 0x84;
        p = writeHead(out, p, 3, 10);
        for (int i = 0; i < 10; i++) {
            out[p++] = (byte) "Signature1".charAt(i);
        }
        p = writeHead(out, p, 2, protectedLen);
        System.arraycopy(protectedBuf, protectedOff, out, p, protectedLen);
        p += protectedLen;
        out[p++] = 0x40;
        p = writeHead(out, p, 2, payloadLen);
        System.arraycopy(payloadBuf, payloadOff, out, p, payloadLen);
        return p + payloadLen;
    }

    private static int headLength(int arg) {
        return arg < 24 ? 1 : arg < 0x100 ? 2 : arg < 0x10000 ? 3 : 5;
    }

    private static int writeHead(byte[] out, int p, int major, int arg) {
        int mt = major << 5;
        if (arg < 24) {
            out[p++] = (byte) (mt | arg);
        } else if (arg < 0x100) {
            out[p++] = (byte) (mt | 24);
            out[p++] = (byte) arg;
        } else if (arg < 0x10000) {
            out[p++] = (byte) (mt | 25);
            out[p++] = (byte) (arg >>> 8);
            out[p++] = (byte) arg;
        } else {
            out[p++] = (byte) (mt | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out[p++] = (byte) (arg >>> s);
            }
        }
        return p;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public long kidAsLong() {
        return kid;
    }

    public boolean tagged() {
        return tagged;
    }

    public byte[] payloadBuffer() {
        return payloadBuf;
    }

    public int payloadOffset() {
        return payloadOff;
    }

    public int payloadLength() {
        return payloadLen;
    }

    public byte[] signatureBuffer() {
        return signatureBuf;
    }

    public int signatureOffset() {
        return signatureOff;
    }

    public int signatureLength() {
        return signatureLen;
    }
}
