package gcc.policy;

import java.util.Objects;

/**
 * One item of a standard profile: its number, name (English and Chinese), group and how many
 * months a test result stays valid from its test date.
 */
public record ItemSpec(int item, String name, String nameZh, String group, int validityMonths) {
    /** An item named in English only (its Chinese name is the English one). */
    public ItemSpec(int item, String name, String group, int validityMonths) {
        this(item, name, name, group, validityMonths);
    }

    public ItemSpec {
        Objects.requireNonNull(nameZh, "nameZh");
        if (item < 1 || item > 31) {
            throw new IllegalArgumentException("item number must be 1..31: " + item);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        if (validityMonths < 1 || validityMonths > 120) {
            throw new IllegalArgumentException("validity of item " + item + " must be 1..120 months: " + validityMonths);
        }
    }
}
