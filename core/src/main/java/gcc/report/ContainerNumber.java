package gcc.report;

/**
 * A container number per ISO 6346: three letters of owner code, a category letter (U freight,
 * J detachable equipment, Z trailer or chassis), six digits of serial number and a check digit.
 * The check digit is the sum of each of the first ten characters' values times 2^position, modulo
 * 11, with 10 written as 0; letters count from A = 10 upward, skipping 11, 22 and 33 (the
 * multiples of 11), so a single wrong character or two swapped ones always change it.
 *
 * <p>Stateless and thread-safe; {@link #isValid(byte[], int, int)} allocates nothing.
 */
public final class ContainerNumber {
    /** Every container number has exactly this many characters. */
    public static final int LENGTH = 11;

    private static final int[] LETTER_VALUE = new int[26];

    static {
        int v = 10;
        for (int i = 0; i < 26; i++) {
            if (v % 11 == 0) {
                v++;
            }
            LETTER_VALUE[i] = v++;
        }
    }

    private ContainerNumber() {
    }

    /** True if {@code s} is a well-formed container number with a correct check digit. */
    public static boolean isValid(CharSequence s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (c > 0x7f) {
                return false;
            }
            b[i] = (byte) c;
        }
        return isValid(b, 0, LENGTH);
    }

    /** Allocation-free form of {@link #isValid(CharSequence)} over ASCII bytes. */
    public static boolean isValid(byte[] b, int off, int len) {
        if (len != LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int c = b[off + i];
            int value;
            if (i < 4) {
                if (c < 'A' || c > 'Z') {
                    return false;
                }
                value = LETTER_VALUE[c - 'A'];
            } else {
                if (c < '0' || c > '9') {
                    return false;
                }
                value = c - '0';
            }
            sum += value << i;
        }
        int category = b[off + 3];
        if (category != 'U' && category != 'J' && category != 'Z') {
            return false;
        }
        int check = b[off + 10];
        return check >= '0' && check <= '9' && (sum % 11) % 10 == check - '0';
    }
}
