package gcc.policy;

import java.util.Collection;

/**
 * Size limits of a release policy, separate from a code's and a trust list's. A policy is small
 * and written by people; the limits keep a mistaken or hostile file from costing the gate's hot
 * path (standards are matched by a linear scan) or memory, and keep every standard name plain
 * ASCII so it can only match a code's standard byte for byte.
 */
public final class PolicyLimits {
    /** Largest policy file read. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** Most standards in each of accepted, legacy and cross-recognized. */
    public static final int MAX_STANDARDS = 64;
    /** Longest standard name (as a code's standard claim allows), printable ASCII. */
    public static final int MAX_STANDARD = 64;
    /** Longest policy version label. */
    public static final int MAX_VERSION = 64;
    /** Longest item name or group. */
    public static final int MAX_ITEM_TEXT = 200;

    private PolicyLimits() {
    }

    /** Checks a list of standard names; throws an {@link IllegalArgumentException} naming the problem. */
    static void standards(String what, Collection<String> names) {
        if (names.size() > MAX_STANDARDS) {
            throw new IllegalArgumentException(what + ": " + names.size() + " standards, over the limit of " + MAX_STANDARDS);
        }
        for (String s : names) {
            standard(what, s);
        }
    }

    static void standard(String what, String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_STANDARD || !printableAscii(s)) {
            throw new IllegalArgumentException(what + ": a standard must be 1.." + MAX_STANDARD
                    + " printable ASCII characters: '" + s + "'");
        }
    }

    static void text(String what, String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters");
        }
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
