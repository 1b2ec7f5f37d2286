package gcc.code;

import java.nio.charset.StandardCharsets;

/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric set, so a code
 * uses the QR symbol's densest text mode. Strict decoding: every character must be in the
 * alphabet, every triple at most 65535 and a trailing pair at most 255, and a length of 1 mod 3
 * is malformed.
 *
 * <p>Stateless and thread-safe.
 */
public final class Base45 {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final byte[] ENC = ALPHABET.getBytes(StandardCharsets.US_ASCII);
    private static final int[] DEC = new int[256];

    static {
        java.util.Arrays.fill(DEC, -1);
        for (int i = 0; i < ENC.length; i++) {
            DEC[ENC[i]] = i;
        }
    }

    private Base45() {
    }

    public static String encode(byte[] in) {
        StringBuilder sb = new StringBuilder(in.length / 2 * 3 + 2);
        int i = 0;
        for (; i + 1 < in.length; i += 2) {
            int n = ((in[i] & 0xff) << 8) | (in[i + 1] & 0xff);
            sb.append((char) ENC[n % 45]).append((char) ENC[n / 45 % 45]).append((char) ENC[n / 2025]);
        }
        if (i < in.length) {
            int n = in[i] & 0xff;
            sb.append((char) ENC[n % 45]).append((char) ENC[n / 45]);
        }
        return sb.toString();
    }

    /** Decodes the ASCII characters {@code in[off, off+len)}. */
    public static byte[] decode(byte[] in, int off, int len) throws MalformedCodeException {
        if (len % 3 == 1) {
            throw new MalformedCodeException("Base45 length " + len + " is 1 mod 3");
        }
        byte[] out = new byte[decodedLength(len)];
        decode(in, off, len, out, 0);
        return out;
    }

    /** Bytes that {@code len} characters decode to (a length of 1 mod 3 is malformed). */
    public static int decodedLength(int len) {
        return len / 3 * 2 + (len % 3 == 2 ? 1 : 0);
    }

    /**
     * Decodes the ASCII characters {@code in[off, off+len)} into {@code out} from {@code outOff}
     * (room for {@link #decodedLength} bytes) and returns how many were written. Allocation-free
     * unless the input is malformed.
     */
    public static int decode(byte[] in, int off, int len, byte[] out, int outOff) throws MalformedCodeException {
        if (len % 3 == 1) {
            throw new MalformedCodeException("Base45 length " + len + " is 1 mod 3");
        }
        int o = outOff;
        int i = off;
        int end = off + len;
        for (; i + 2 < end; i += 3) {
            int n = value(in[i]) + value(in[i + 1]) * 45 + value(in[i + 2]) * 2025;
            if (n > 0xffff) {
                throw new MalformedCodeException("Base45 triple above 65535");
            }
            out[o++] = (byte) (n >>> 8);
            out[o++] = (byte) n;
        }
        if (i < end) {
            int n = value(in[i]) + value(in[i + 1]) * 45;
            if (n > 0xff) {
                throw new MalformedCodeException("Base45 pair above 255");
            }
            out[o++] = (byte) n;
        }
        return o - outOff;
    }

    public static byte[] decode(String text) throws MalformedCodeException {
        return decode(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
    }

    private static int value(byte b) throws MalformedCodeException {
        int v = DEC[b & 0xff];
        if (v < 0) {
            throw new MalformedCodeException("character outside the Base45 alphabet");
        }
        return v;
    }
}
