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
 * The release policy: the item profiles reports are judged against (one or more per product
 * category: during a transition an old and a new profile stand side by side), which standards
 * qualify, how a code binds to a consignment, clock tolerance, and (several ports) how old a
 * port's view of the shared registry may grow before it holds. Immutable; swap the whole
 * object to reload.
 *
 * <p>Derived lookup tables (standards as bytes, profiles by id) are built once here, so the rules
 * read them without allocation.
 *
 * <p>Cross-recognized standards are judged against the profile the report names: a third-country
 * report qualifies only if it carries a PASS for every item of that profile, numbered as it does.
 */
public final class Policy {
    /**
     * The profile of reports that name none: those registered before reports carried a profile
     * (report format 1) were judged against the provisional GB 31701-2026 list, which has this id.
     */
    public static final String IMPLIED_PROFILE = gcc.report.ReportDocument.IMPLIED_PROFILE;
    public static final long MIN_STALENESS_MILLIS = 100;
    public static final long MAX_STALENESS_MILLIS = 3_600_000;

    private final String version;
    private final List<Profile> profiles;
    private final List<String> accepted;
    private final List<String> legacy;
    private final Map<String, Boolean> crossRecognition;
    private final boolean exporterMustMatch;
    private final boolean productMustMatchWhenSupplied;
    private final Duration clockSkew;
    private final ZoneOffset zone;
    private final Duration registryStaleness;

    private final Profile[] profileArray;
    private final byte[][] acceptedBytes;
    private final byte[][] legacyBytes;
    private final byte[][] crossBytes;

    /** A policy with one profile, {@link #IMPLIED_PROFILE}, for the infant-products category. */
    public Policy(String version, String profileStandard, List<ItemSpec> items, List<String> accepted,
                  List<String> legacy, Map<String, Boolean> crossRecognition, boolean exporterMustMatch,
                  boolean productMustMatchWhenSupplied, Duration clockSkew, ZoneOffset zone) {
        this(version, List.of(new Profile(IMPLIED_PROFILE, "infant-products", profileStandard, items, Map.of())), accepted,
                legacy, crossRecognition, exporterMustMatch, productMustMatchWhenSupplied, clockSkew, zone);
    }

    public Policy(String version, List<Profile> profiles, List<String> accepted,
                  List<String> legacy, Map<String, Boolean> crossRecognition, boolean exporterMustMatch,
                  boolean productMustMatchWhenSupplied, Duration clockSkew, ZoneOffset zone) {
        this(version, profiles, accepted, legacy, crossRecognition, exporterMustMatch, productMustMatchWhenSupplied,
                clockSkew, zone, null);
    }

    /**
     * @param registryStaleness Kafka mode: how long a port may decide on its index without
     *                          confirmation from the cluster before it holds {@code REGISTRY_STALE}
     *                          (100 ms..1 h), or {@code null} to leave it to the port's setting
     */
    public Policy(String version, List<Profile> profiles, List<String> accepted,
                  List<String> legacy, Map<String, Boolean> crossRecognition, boolean exporterMustMatch,
                  boolean productMustMatchWhenSupplied, Duration clockSkew, ZoneOffset zone, Duration registryStaleness) {
        this.registryStaleness = registryStaleness;
        if (registryStaleness != null && (registryStaleness.toMillis() < MIN_STALENESS_MILLIS
                || registryStaleness.toMillis() > MAX_STALENESS_MILLIS)) {
            throw new IllegalArgumentException("registry staleness must be " + MIN_STALENESS_MILLIS + ".."
                    + MAX_STALENESS_MILLIS + " ms: " + registryStaleness.toMillis());
        }
        this.version = Objects.requireNonNull(version, "version");
        this.profiles = List.copyOf(profiles);
        this.accepted = List.copyOf(accepted);
        this.legacy = List.copyOf(legacy);
        this.crossRecognition = Map.copyOf(new TreeMap<>(crossRecognition));
        this.exporterMustMatch = exporterMustMatch;
        this.productMustMatchWhenSupplied = productMustMatchWhenSupplied;
        this.clockSkew = Objects.requireNonNull(clockSkew, "clock skew");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (this.profiles.isEmpty()) {
            throw new IllegalArgumentException("the policy holds no item profile");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Profile p : this.profiles) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("profile " + p.id() + " appears twice");
            }
        }
        this.profileArray = this.profiles.toArray(Profile[]::new);
        PolicyLimits.text("the policy version", version, PolicyLimits.MAX_VERSION);
        PolicyLimits.standards("acceptedStandards", this.accepted);
        PolicyLimits.standards("legacyStandards", this.legacy);
        PolicyLimits.standards("crossRecognition", this.crossRecognition.keySet());
        for (Profile p : this.profiles) {
            PolicyLimits.standard("the standard of profile " + p.id(), p.standard());
            PolicyLimits.text("the category of profile " + p.id(), p.category(), PolicyLimits.MAX_ITEM_TEXT);
            for (ItemSpec s : p.items()) {
                PolicyLimits.text("the name of item " + s.item(), s.name(), PolicyLimits.MAX_ITEM_TEXT);
                PolicyLimits.text("the Chinese name of item " + s.item(), s.nameZh(), PolicyLimits.MAX_ITEM_TEXT);
                PolicyLimits.text("the group of item " + s.item(), s.group(), PolicyLimits.MAX_ITEM_TEXT);
            }
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("clock skew must be 0..1 hour: " + clockSkew);
        }
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

    /** Every profile in force, the first being the default for reports that cannot be read. */
    public List<Profile> profiles() {
        return profiles;
    }

    /** The profile with this id (ASCII bytes), or {@code null} if the policy holds none. Allocation-free. */
    public Profile profile(byte[] id, int off, int len) {
        for (Profile p : profileArray) {
            if (p.idEquals(id, off, len)) {
                return p;
            }
        }
        return null;
    }

    /** The profile with this id, or {@code null}. */
    public Profile profile(String id) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        return profile(b, 0, b.length);
    }

    /** The first profile: used where a report's own cannot be known (an unregistered code). */
    public Profile defaultProfile() {
        return profileArray[0];
    }

    /** The first profile judging {@code standard}, else the default profile (for unregistered codes). */
    public Profile profileForStandard(byte[] standard, int off, int len) {
        for (Profile p : profileArray) {
            if (p.standardEquals(standard, off, len)) {
                return p;
            }
        }
        return profileArray[0];
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

    /**
     * Kafka mode: the staleness bound every port applies (one policy, so one bound at every port),
     * or empty when this policy leaves it to each port's {@code cluster.staleness-ms} setting.
     */
    public java.util.Optional<Duration> registryStaleness() {
        return java.util.Optional.ofNullable(registryStaleness);
    }

    /** The offset in which calendar dates are read (China Standard Time, +08:00, has no DST). */
    public ZoneOffset zone() {
        return zone;
    }
}
