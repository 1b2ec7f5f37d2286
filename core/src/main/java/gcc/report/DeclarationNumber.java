package gcc.report;

/**
 * A China customs declaration (entry) number: 18 digits (customs office, year, import or export
 * flag and a serial). It carries no check digit, so the shape is all that can be checked offline;
 * it links a gate decision to the declaration for post-clearance inspection.
 *
 * <p>Stateless and thread-safe; {@link #isValid(byte[], int, int)} allocates nothing.
 */
public final class DeclarationNumber {
    /** Every declaration number has exactly this many digits. */
    public static final int LENGTH = 18;

    private DeclarationNumber() {
    }

    /** True if {@code s} is 18 ASCII digits. */
    public static boolean isValid(CharSequence s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Allocation-free form of {@link #isValid(CharSequence)} over ASCII bytes. */
    public static boolean isValid(byte[] b, int off, int len) {
        if (len != LENGTH) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
