package gcc.testkit;

import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.policy.ItemSpec;
import gcc.policy.Policy;
import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete, deterministic little world for tests: a customs root key, labs with keys of every
 * algorithm, the provisional GB 31701-2026 policy, an in-memory registry and a verifier whose
 * clock stands at {@link #NOW}. The same seed gives the same keys, so codes and vectors repeat.
 * Not thread-safe while being set up; its verifier is as thread-safe as {@link Verifier}.
 */
public final class TestWorld {
    /** The decision instant of every test: 2026-06-15 10:00 China Standard Time. */
    public static final Instant NOW = Instant.parse("2026-06-15T02:00:00Z");
    public static final String STANDARD = Reports.STANDARD;
    public static final String LEGACY = Reports.LEGACY;
    public static final String EXPORTER = Reports.uscc("91330200MA2H7K3Q1");
    public static final String OTHER_EXPORTER = Reports.uscc("91330201MA2AB12C3");

    public final SecureRandom random;
    public final Signer root;
    public final Signer labA;
    public final Signer labAes;
    public final Signer labAsm2;
    public final Signer labB;
    public final Signer revokedKey;
    public final Signer unknownKey;
    public final Policy policy;
    public final InMemoryReportRegistry registry = new InMemoryReportRegistry();
    public final TrustStore trust;
    public final SignatureMemo memo = new SignatureMemo(1024);
    public final Verifier verifier;
    private long trustVersion = 1;

    public TestWorld() {
        this(7);
    }

    public TestWorld(long seed) {
        random = seeded(seed);
        root = signer(SignatureAlgorithm.ED25519);
        labA = signer(SignatureAlgorithm.ED25519);
        labAes = signer(SignatureAlgorithm.ES256);
        labAsm2 = signer(SignatureAlgorithm.SM2);
        labB = signer(SignatureAlgorithm.ED25519);
        revokedKey = signer(SignatureAlgorithm.ED25519);
        unknownKey = signer(SignatureAlgorithm.ED25519);
        policy = provisionalPolicy();
        trust = new TrustStore(SignatureVerifier.ofSpki(root.publicKeySpki()));
        offerTrustList(trustList(1, KeyStatus.REVOKED));
        verifier = new Verifier(trust, () -> policy, registry, memo, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A SecureRandom that repeats for a seed, so keys are the same every run. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Signer signer(SignatureAlgorithm alg) {
        return new Signer(Keys.generate(alg, random).getPrivate(), random);
    }

    public static Policy provisionalPolicy() {
        String[][] items = {
                {"formaldehyde content", "chemical", "12"}, {"pH value", "chemical", "12"},
                {"decomposable carcinogenic aromatic amine dyes", "chemical", "12"},
                {"phthalates DEHP, DBP, BBP", "chemical", "12"}, {"phthalates DINP, DIDP, DNOP", "chemical", "12"},
                {"six additional phthalates", "chemical", "12"}, {"lead", "heavy metals", "12"},
                {"cadmium", "heavy metals", "12"}, {"antimony", "heavy metals", "12"},
                {"arsenic", "heavy metals", "12"}, {"odour", "chemical", "12"},
                {"colour fastness to saliva", "fastness", "12"}, {"colour fastness to water", "fastness", "12"},
                {"colour fastness to perspiration", "fastness", "12"}, {"colour fastness to rubbing", "fastness", "12"},
                {"attachment tensile strength", "physical", "6"}, {"sharp points", "physical", "6"},
                {"sharp edges", "physical", "6"}, {"cords and drawstrings", "physical", "6"},
                {"filling materials", "physical", "6"}, {"burning behaviour", "flammability", "6"}};
        List<ItemSpec> specs = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            specs.add(new ItemSpec(i + 1, items[i][0], items[i][1], Integer.parseInt(items[i][2])));
        }
        // A feeding accessory has no textile to test for colour fastness, and no cords or filling.
        gcc.policy.Profile infant = new gcc.policy.Profile(ReportDocument.IMPLIED_PROFILE, "infant-products", STANDARD, specs,
                Map.of("feeding", List.of(12, 13, 14, 15, 19, 20)));
        return new Policy("test", List.of(infant), List.of(STANDARD), List.of(LEGACY),
                Map.of("ASTM F963-23", false), true, true, Duration.ofMinutes(5), ZoneOffset.ofHours(8));
    }

    /** The trust list: lab A (three keys, one of them revoked), lab B; {@code unknownKey} is absent. */
    public TrustList trustList(long version, KeyStatus revokedKeyStatus) {
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        Lab a = new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(STANDARD, LEGACY),
                List.of(key(labA, from, to, KeyStatus.ACTIVE), key(labAes, from, to, KeyStatus.ACTIVE),
                        key(labAsm2, from, to, KeyStatus.ACTIVE), key(revokedKey, from, to, revokedKeyStatus)));
        Lab b = new Lab("L5678", "Shanghai Textile Lab", "CNAS L5678", List.of(LEGACY),
                List.of(key(labB, from, to, KeyStatus.ACTIVE)));
        return new TrustList(version, NOW.getEpochSecond(), List.of(a, b));
    }

    public static LabKey key(Signer s, long from, long to, KeyStatus status) {
        return new LabKey(s.algorithm(), s.publicKeySpki(), from, to, status);
    }

    public void offerTrustList(TrustList list) {
        try {
            trust.offer(list.sign(root));
            trustVersion = list.version();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public long trustVersion() {
        return trustVersion;
    }

    /** A full-scope, all-PASS report for {@link #EXPORTER}, tested 2026-05-02, issued 2026-05-20. */
    public static ReportDocument report(String id) {
        return Reports.passing(id, EXPORTER, LocalDate.of(2026, 5, 2));
    }

    /** Registers a report as the lab would. */
    public void register(ReportDocument doc) {
        String refusal = registry.submit(RegistryEvent.register(doc, "lab:" + doc.labId()), NOW.toEpochMilli());
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Issues a code for a report with a signer, with the expiry the policy computes. */
    public String issue(ReportDocument doc, Signer signer) {
        return ClearanceCode.issue(ClearanceClaims.of(doc, earliestExpiry(doc, policy)), signer);
    }

    /** The first day on which one of the report's profile items is no longer valid. */
    public static int earliestExpiry(ReportDocument doc, Policy policy) {
        return gcc.code.CodeIssuer.earliestExpiryDay(doc, policy);
    }
}
