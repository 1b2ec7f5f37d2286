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

    private static int value(byte b) {
        return b >= 0 ? VALUE[b] : -1;
    }
}
