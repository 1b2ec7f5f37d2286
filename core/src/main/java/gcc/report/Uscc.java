package gcc.report;

/**
 * China's 18-character Unified Social Credit Code (GB 32100-2015), which names the exporter in a
 * report and in a gate's declaration. The last character is a check character over the first 17,
 * computed modulo 31 over the code's own alphabet (digits and upper-case letters without I, O,
 * Z, S and V).
 *
 * <p>Stateless and thread-safe; {@link #isValid(byte[], int, int)} allocates nothing.
 */
public final class Uscc {
    /** Every USCC has exactly this many characters. */
    public static final int LENGTH = 18;

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Uscc() {
    }

    /** True if {@code code} is 18 characters of the USCC alphabet with a correct check character. */
    public static boolean isValid(CharSequence code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (c > 127) {
                return false;
            }
            b[i] = (byte) c;
        }
        return isValid(b, 0, LENGTH);
    }

    /** True if the ASCII bytes {@code in[off, off+len)} are a valid USCC. */
    public static boolean isValid(byte[] in, int off, int len) {
        if (len != LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int v = value(in[off + i]);
            if (v < 0) {
                return false;
            }
            sum += v * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return value(in[off + LENGTH - 1]) == check;
    }

    /** The check character for the first 17 characters of {@code body17}. */
    public static char checkCharacter(CharSequence body17) {
        if (body17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need the first 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            char c = body17.charAt(i);
            int v = c < 128 ? VALUE[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("character '" + c + "' is not in the USCC alphabet");
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Bytes of a packed USCC: 18 base-31 digits fit 90 bits. */
    public static final int PACKED_LENGTH = 12;

    /**
     * Packs a valid USCC (ASCII {@code in[off, off+18)}) into 12 bytes: the 18 characters read as
     * base-31 digits of the code's alphabet, most significant first, as a big-endian number.
     * Clearance codes carry the exporter this way to stay within a version-10 QR symbol.
     */
    public static byte[] pack(byte[] in, int off) {
        java.math.BigInteger n = java.math.BigInteger.ZERO;
        java.math.BigInteger base = java.math.BigInteger.valueOf(31);
        for (int i = 0; i < LENGTH; i++) {
            int v = value(in[off + i]);
            if (v < 0) {
                throw new IllegalArgumentException("not a USCC character");
            }
            n = n.multiply(base).add(java.math.BigInteger.valueOf(v));
        }
        byte[] out = new byte[PACKED_LENGTH];
        byte[] mag = n.toByteArray();
        int copy = Math.min(mag.length, PACKED_LENGTH);
        System.arraycopy(mag, mag.length - copy, out, PACKED_LENGTH - copy, copy);
        return out;
    }

    /** Unpacks 12 bytes into the 18 ASCII characters, or {@code null} if they encode no USCC. */
    public static byte[] unpack(byte[] packed) {
        if (packed.length != PACKED_LENGTH) {
            return null;
        }
        java.math.BigInteger n = new java.math.BigInteger(1, packed);
        java.math.BigInteger base = java.math.BigInteger.valueOf(31);
        byte[] out = new byte[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            out[i] = (byte) ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        return n.signum() == 0 ? out : null;
    }

    private static int value(byte b) {
        return b >= 0 ? VALUE[b] : -1;
    }
}
