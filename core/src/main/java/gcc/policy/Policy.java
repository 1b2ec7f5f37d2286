package gcc.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The release policy: which standard profile a report must cover, which standards qualify, how a
 * code binds to a consignment, and clock tolerance. Immutable; swap the whole object to reload.
 *
 * <p>Derived lookup tables (required item mask, validity by item number, standards as bytes)
 * are built once here, so the rules read them without allocation.
 *
 * <p>Cross-recognized standards are judged against the same profile: a third-country report
 * qualifies only if it carries a PASS for every profile item, numbered as the profile numbers them.
 */
public final class Policy {
    private final String version;
    private final String profileStandard;
    private final List<ItemSpec> items;
    private final List<String> accepted;
    private final List<String> legacy;
    private final Map<String, Boolean> crossRecognition;
    private final boolean exporterMustMatch;
    private final boolean productMustMatchWhenSupplied;
    private final Duration clockSkew;
    private final ZoneOffset zone;

    private final int requiredMask;
    private final int[] validityByItem = new int[32];
    private final ItemSpec[] specByItem = new ItemSpec[32];
    private final byte[][] acceptedBytes;
    private final byte[][] legacyBytes;
    private final byte[][] crossBytes;

    public Policy(String version, String profileStandard, List<ItemSpec> items, List<String> accepted,
                  List<String> legacy, Map<String, Boolean> crossRecognition, boolean exporterMustMatch,
                  boolean productMustMatchWhenSupplied, Duration clockSkew, ZoneOffset zone) {
        this.version = Objects.requireNonNull(version, "version");
        this.profileStandard = Objects.requireNonNull(profileStandard, "profile standard");
        this.items = List.copyOf(items);
        this.accepted = List.copyOf(accepted);
        this.legacy = List.copyOf(legacy);
        this.crossRecognition = Map.copyOf(new TreeMap<>(crossRecognition));
        this.exporterMustMatch = exporterMustMatch;
        this.productMustMatchWhenSupplied = productMustMatchWhenSupplied;
        this.clockSkew = Objects.requireNonNull(clockSkew, "clock skew");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (this.items.isEmpty()) {
            throw new IllegalArgumentException("the standard profile lists no items");
        }
        PolicyLimits.text("the policy version", version, PolicyLimits.MAX_VERSION);
        PolicyLimits.standard("the profile standard", profileStandard);
        PolicyLimits.standards("acceptedStandards", this.accepted);
        PolicyLimits.standards("legacyStandards", this.legacy);
        PolicyLimits.standards("crossRecognition", this.crossRecognition.keySet());
        for (ItemSpec s : this.items) {
            PolicyLimits.text("the name of item " + s.item(), s.name(), PolicyLimits.MAX_ITEM_TEXT);
            PolicyLimits.text("the group of item " + s.item(), s.group(), PolicyLimits.MAX_ITEM_TEXT);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("clock skew must be 0..1 hour: " + clockSkew);
        }
        int mask = 0;
        for (ItemSpec s : this.items) {
            if (specByItem[s.item()] != null) {
                throw new IllegalArgumentException("item " + s.item() + " appears twice in the profile");
            }
            specByItem[s.item()] = s;
            validityByItem[s.item()] = s.validityMonths();
            mask |= 1 << (s.item() - 1);
        }
        this.requiredMask = mask;
        for (String a : this.accepted) {
            if (this.legacy.contains(a)) {
                throw new IllegalArgumentException("standard '" + a + "' is both accepted and legacy");
            }
        }
        this.acceptedBytes = bytes(this.accepted);
        this.legacyBytes = bytes(this.legacy);
        List<String> on = new ArrayList<>();
        this.crossRecognition.forEach((k, v) -> {
            if (v) {
                on.add(k);
            }
        });
        this.crossBytes = bytes(on);
    }

    private static byte[][] bytes(List<String> list) {
        byte[][] out = new byte[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** How a report's standard (ASCII bytes) is treated. Allocation-free. */
    public StandardClass classify(byte[] standard, int off, int len) {
        if (contains(acceptedBytes, standard, off, len)) {
            return StandardClass.ACCEPTED;
        }
        if (contains(legacyBytes, standard, off, len)) {
            return StandardClass.LEGACY;
        }
        if (contains(crossBytes, standard, off, len)) {
            return StandardClass.CROSS_RECOGNIZED;
        }
        return StandardClass.UNRECOGNIZED;
    }

    private static boolean contains(byte[][] set, byte[] b, int off, int len) {
        for (byte[] s : set) {
            if (s.length == len && Arrays.equals(s, 0, len, b, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    public String version() {
        return version;
    }

    /** The standard whose item list is the profile (e.g. GB 31701-2026). */
    public String profileStandard() {
        return profileStandard;
    }

    public List<ItemSpec> items() {
        return items;
    }

    /** The spec of item {@code n}, or {@code null} if the profile has none. */
    public ItemSpec item(int n) {
        return n >= 1 && n < 32 ? specByItem[n] : null;
    }

    /** Bit {@code n-1} set for every profile item {@code n}. */
    public int requiredMask() {
        return requiredMask;
    }

    /** Validity months of item {@code n} (0 if not in the profile). */
    public int validityMonths(int n) {
        return validityByItem[n];
    }

    public List<String> acceptedStandards() {
        return accepted;
    }

    public List<String> legacyStandards() {
        return legacy;
    }

    /** Third-country standards and whether each is recognized as equivalent. */
    public Map<String, Boolean> crossRecognition() {
        return crossRecognition;
    }

    public boolean exporterMustMatch() {
        return exporterMustMatch;
    }

    public boolean productMustMatchWhenSupplied() {
        return productMustMatchWhenSupplied;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** The offset in which calendar dates are read (China Standard Time, +08:00, has no DST). */
    public ZoneOffset zone() {
        return zone;
    }
}
