package gcc.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One item profile of one product category: which items a report must cover, how long each result
 * stays valid, and which items may be NOT_APPLICABLE for which product class. A report names
 * its profile by {@link #id()}, so replacing a profile means adding one with a new id (both stay
 * in the policy during a transition) instead of renumbering reports registered under the old one.
 *
 * <p>Immutable. Derived tables (required mask, validity by item, class masks as bytes) are
 * built once, so the rules read them without allocation.
 */
public final class Profile {
    /** Longest profile id and product class, in ASCII characters. */
    public static final int MAX_ID = 24;
    public static final int MAX_CLASS = 16;

    private final String id;
    private final String category;
    private final String standard;
    private final List<ItemSpec> items;
    private final Map<String, List<Integer>> notApplicable;

    private final int requiredMask;
    private final int[] validityByItem = new int[32];
    private final ItemSpec[] specByItem = new ItemSpec[32];
    private final byte[] idBytes;
    private final byte[] standardBytes;
    private final byte[][] classBytes;
    private final int[] classMasks;

    /**
     * @param id            the name reports use, e.g. {@code GB31701-2026.1}
     * @param category      the product category, e.g. {@code infant-products} or {@code toys}
     * @param standard      the standard whose item list this is
     * @param items         every item a report must cover
     * @param notApplicable product class to the items a report for that class may mark NOT_APPLICABLE
     */
    public Profile(String id, String category, String standard, List<ItemSpec> items,
                   Map<String, List<Integer>> notApplicable) {
        this.id = Objects.requireNonNull(id, "id");
        this.category = Objects.requireNonNull(category, "category");
        this.standard = Objects.requireNonNull(standard, "standard");
        this.items = List.copyOf(items);
        TreeMap<String, List<Integer>> na = new TreeMap<>();
        notApplicable.forEach((k, v) -> na.put(k, List.copyOf(v)));
        this.notApplicable = java.util.Collections.unmodifiableMap(na);
        if (!validName(id, MAX_ID)) {
            throw new IllegalArgumentException("profile id must be 1.." + MAX_ID + " characters of A-Z a-z 0-9 . - _: '" + id + "'");
        }
        if (this.items.isEmpty()) {
            throw new IllegalArgumentException("profile " + id + " lists no items");
        }
        int mask = 0;
        for (ItemSpec s : this.items) {
            if (specByItem[s.item()] != null) {
                throw new IllegalArgumentException("item " + s.item() + " appears twice in profile " + id);
            }
            specByItem[s.item()] = s;
            validityByItem[s.item()] = s.validityMonths();
            mask |= 1 << (s.item() - 1);
        }
        this.requiredMask = mask;
        this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
        this.standardBytes = standard.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> cls = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : this.notApplicable.entrySet()) {
            if (!validName(e.getKey(), MAX_CLASS)) {
                throw new IllegalArgumentException("product class must be 1.." + MAX_CLASS + " characters of A-Z a-z 0-9 . - _: '"
                        + e.getKey() + "'");
            }
            int m = 0;
            for (int n : e.getValue()) {
                if (n < 1 || n > 31 || specByItem[n] == null) {
                    throw new IllegalArgumentException("profile " + id + ": item " + n + " (not applicable for '" + e.getKey()
                            + "') is not in the profile");
                }
                m |= 1 << (n - 1);
            }
            cls.add(e.getKey().getBytes(StandardCharsets.US_ASCII));
            masks.add(m);
        }
        this.classBytes = cls.toArray(byte[][]::new);
        this.classMasks = masks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True if {@code s} is 1..max characters of A-Z a-z 0-9 . - _ (profile ids and product classes). */
    public static boolean validName(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public String id() {
        return id;
    }

    public String category() {
        return category;
    }

    public String standard() {
        return standard;
    }

    public List<ItemSpec> items() {
        return items;
    }

    /** Product class to the item numbers that may be NOT_APPLICABLE for it. */
    public Map<String, List<Integer>> notApplicable() {
        return notApplicable;
    }

    /** The spec of item {@code n}, or {@code null} if this profile has none. */
    public ItemSpec item(int n) {
        return n >= 1 && n < 32 ? specByItem[n] : null;
    }

    /** Bit {@code n-1} set for every item {@code n} of this profile. */
    public int requiredMask() {
        return requiredMask;
    }

    /** Validity months of item {@code n} (0 if not in this profile). */
    public int validityMonths(int n) {
        return n >= 1 && n < 32 ? validityByItem[n] : 0;
    }

    /** True if this profile's id equals the ASCII bytes given. Allocation-free. */
    public boolean idEquals(byte[] b, int off, int len) {
        return idBytes.length == len && Arrays.equals(idBytes, 0, len, b, off, off + len);
    }

    /** True if this profile judges the standard given as ASCII bytes. Allocation-free. */
    public boolean standardEquals(byte[] b, int off, int len) {
        return standardBytes.length == len && Arrays.equals(standardBytes, 0, len, b, off, off + len);
    }

    /**
     * The items a report of product class {@code cls} (ASCII bytes; length 0 = unclassified) may
     * mark NOT_APPLICABLE; 0 when the class is unknown. Allocation-free.
     */
    public int notApplicableMask(byte[] cls, int off, int len) {
        for (int i = 0; i < classBytes.length; i++) {
            if (classBytes[i].length == len && Arrays.equals(classBytes[i], 0, len, cls, off, off + len)) {
                return classMasks[i];
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "Profile[" + id + ", " + category + ", " + standard + ", " + items.size() + " items]";
    }
}
