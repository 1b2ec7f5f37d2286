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
        byte[] out = new byte[PACKED_LENGTH];
        if (!pack(in, off, out, 0)) {
            throw new IllegalArgumentException("not a USCC character");
        }
        return out;
    }

    /**
     * {@link #pack(byte[], int)} into {@code out[outOff, outOff+12)}; false (out unspecified) if a
     * character is outside the alphabet. Allocation-free: the number is three 32-bit limbs.
     */
    public static boolean pack(byte[] in, int off, byte[] out, int outOff) {
        long hi = 0;
        long mid = 0;
        long lo = 0;
        for (int i = 0; i < LENGTH; i++) {
            int v = value(in[off + i]);
            if (v < 0) {
                return false;
            }
            lo = lo * 31 + v;
            mid = mid * 31 + (lo >>> 32);
            hi = (hi * 31 + (mid >>> 32)) & 0xffff_ffffL;
            lo &= 0xffff_ffffL;
            mid &= 0xffff_ffffL;
        }
        putInt(out, outOff, hi);
        putInt(out, outOff + 4, mid);
        putInt(out, outOff + 8, lo);
        return true;
    }

    /** Unpacks 12 bytes into the 18 ASCII characters, or {@code null} if they encode no USCC. */
    public static byte[] unpack(byte[] packed) {
        if (packed.length != PACKED_LENGTH) {
            return null;
        }
        byte[] out = new byte[LENGTH];
        return unpack(packed, 0, out, 0) ? out : null;
    }

    /**
     * {@link #unpack(byte[])} of {@code packed[off, off+12)} into {@code out[outOff, outOff+18)};
     * false (out unspecified) if the number is 31^18 or more. Allocation-free.
     */
    public static boolean unpack(byte[] packed, int off, byte[] out, int outOff) {
        long hi = getInt(packed, off);
        long mid = getInt(packed, off + 4);
        long lo = getInt(packed, off + 8);
        for (int i = LENGTH - 1; i >= 0; i--) {
            long r = hi % 31;
            hi /= 31;
            long cur = (r << 32) | mid;
            mid = cur / 31;
            cur = ((cur % 31) << 32) | lo;
            lo = cur / 31;
            out[outOff + i] = (byte) ALPHABET.charAt((int) (cur % 31));
        }
        return (hi | mid | lo) == 0;
    }

    private static long getInt(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    private static void putInt(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int value(byte b) {
        return b >= 0 ? VALUE[b] : -1;
    }
}
