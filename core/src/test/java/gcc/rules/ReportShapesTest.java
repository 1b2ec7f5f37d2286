package gcc.rules;

import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.ItemSpec;
import gcc.policy.Policy;
import gcc.policy.Profile;
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gcc.testkit.TestWorld.EXPORTER;
import static gcc.testkit.TestWorld.OTHER_EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real report shapes: not-applicable items, product series, agents and profile versions. */
class ReportShapesTest {
    private final TestWorld w = new TestWorld();

    private String registered(ReportDocument doc) {
        w.register(doc);
        return w.issue(doc, w.labA);
    }

    private static ReportDocument feedingBottle(String id, int... notApplicable) {
        ReportDocument base = TestWorld.report(id);
        List<ItemResult> items = new ArrayList<>(base.items());
        for (int n : notApplicable) {
            items.set(n - 1, ItemResult.notApplicable(n));
        }
        return base.withProfile(base.profile(), "feeding").withItems(items)
                .withProducts(List.of(new Product("3924100000", "FB-260")));
    }

    @Test
    void shouldReleaseAFeedingAccessoryWhoseNotApplicableItemsPolicyAllows() {
        ReportDocument doc = feedingBottle("R-FEED", 12, 13, 14, 15, 19, 20);
        String code = registered(doc);
        Decision d = w.verifier.verify(code, EXPORTER, "3924100000/FB-260", null);
        assertEquals(Outcome.RELEASE, d.outcome(), d.toString());
        // Not-applicable items never expire: six months on only the tested physical items do.
        Decision later = w.verifier.verify(code, EXPORTER, null, java.time.Instant.parse("2026-11-05T02:00:00Z"));
        assertTrue(later.has(Reason.ITEM_EXPIRED) && later.findings().get(0).detail().contains("16 (")
                && !later.findings().get(0).detail().contains("19 ("), later.toString());
    }

    @Test
    void shouldHoldTheSameNotApplicableItemsForAClassThatNeedsThem() {
        ReportDocument doc = feedingBottle("R-FEED2", 12, 19).withProfile(ReportDocument.IMPLIED_PROFILE, "garment");
        Decision d = w.verifier.verify(registered(doc), EXPORTER, null, null);
        assertEquals(Set.of(Reason.NOT_APPLICABLE_REFUSED), d.reasons(), d.toString());
        ReportDocument unclassified = feedingBottle("R-FEED3", 12).withProfile(ReportDocument.IMPLIED_PROFILE, "");
        assertEquals(Set.of(Reason.NOT_APPLICABLE_REFUSED), w.verifier.verify(registered(unclassified), EXPORTER, null, null)
                .reasons());
    }

    @Test
    void shouldReleaseEveryProductOfASeriesAndHoldAnotherProduct() {
        ReportDocument doc = TestWorld.report("R-SERIES").withProducts(List.of(new Product("8715001000", "SX-200"),
                new Product("8715001000", "SX-200L"), new Product("8715009000", "SX-300")));
        String code = registered(doc);
        for (String p : List.of("8715001000/SX-200L", "8715009000/SX-300", "SX-300", "8715009000", "8715001000/SX-200")) {
            assertEquals(Outcome.RELEASE, w.verifier.verify(code, EXPORTER, p, null).outcome(), p);
        }
        assertEquals(Set.of(Reason.PRODUCT_MISMATCH), w.verifier.verify(code, EXPORTER, "8715009000/SX-200L", null).reasons());
        assertEquals(Set.of(Reason.PRODUCT_MISMATCH), w.verifier.verify(code, EXPORTER, "SX-999", null).reasons());
    }

    @Test
    void shouldReleaseForARegisteredAgentAndHoldForAnyoneElse() {
        String agent = gcc.testkit.Reports.uscc("91310115MA1K4QWE7");
        ReportDocument doc = TestWorld.report("R-AGENT").withAgents(List.of(agent));
        String code = registered(doc);
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, agent, null, null).outcome());
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, EXPORTER, null, null).outcome());
        Decision other = w.verifier.verify(code, OTHER_EXPORTER, null, null);
        assertEquals(Set.of(Reason.EXPORTER_MISMATCH), other.reasons());
        assertTrue(other.findings().get(0).detail().endsWith("and 1 authorized agent"), other.toString());
    }

    @Test
    void shouldJudgeEachReportByItsOwnProfileDuringATransition() {
        // Profile 2 adds item 22 (a new test) and shortens burning behaviour to 3 months.
        List<ItemSpec> v2 = new ArrayList<>(w.policy.defaultProfile().items());
        v2.set(20, new ItemSpec(21, "burning behaviour", "燃烧性能", "flammability", 3));
        v2.add(new ItemSpec(22, "magnets", "磁体", "physical", 6));
        Profile p2 = new Profile("GB31701-2026.2", "infant-products", TestWorld.STANDARD, v2, Map.of());
        Policy both = new Policy("transition", List.of(w.policy.defaultProfile(), p2), w.policy.acceptedStandards(),
                w.policy.legacyStandards(), w.policy.crossRecognition(), true, true, w.policy.clockSkew(), w.policy.zone());
        Verifier v = new Verifier(w.trust, () -> both, w.registry, new SignatureMemo(64), Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));

        ReportDocument old = gcc.testkit.Reports.report("R-P1", TestWorld.STANDARD, EXPORTER, 21, -1, LocalDate.of(2026, 2, 1));
        assertEquals(Outcome.RELEASE, v.verify(registered(old), EXPORTER, null, null).outcome(), "21 items under profile 1");

        ReportDocument onV2 = gcc.testkit.Reports.report("R-P2", TestWorld.STANDARD, EXPORTER, 21, -1, LocalDate.of(2026, 2, 1))
                .withProfile("GB31701-2026.2", "");
        Decision d = v.verify(registered(onV2), EXPORTER, null, null);
        assertTrue(d.has(Reason.INCOMPLETE_SCOPE) && d.findings().get(0).detail().contains("22 (magnets)"), d.toString());
        assertTrue(d.has(Reason.ITEM_EXPIRED) && d.toString().contains("21 (burning behaviour)"), d.toString());
    }

    @Test
    void shouldKeepTheDigestOfAFirstFormatReportAndRoundTripEveryNewField() throws Exception {
        ReportDocument plain = TestWorld.report("R-ROUND");
        assertEquals(1L, ((Map<?, ?>) gcc.cbor.Cbor.decode(plain.canonicalBytes(), gcc.cbor.CborLimits.DOCUMENT)).get(0L),
                "a report using nothing new keeps format 1 and so its digest");
        ReportDocument rich = feedingBottle("R-ROUND2", 12, 19).withAgents(List.of(OTHER_EXPORTER))
                .withProducts(List.of(new Product("3924100000", "FB-260"), new Product("3924100000", "FB-240")));
        List<ItemResult> items = new ArrayList<>(rich.items());
        items.set(6, items.get(6).with(new ItemResult.Measurement("12", "<= 90", "mg/kg", "GB/T 30157-2013")));
        rich = rich.withItems(items);
        assertTrue(rich.problems().isEmpty(), rich.problems().toString());
        assertEquals(2L, ((Map<?, ?>) gcc.cbor.Cbor.decode(rich.canonicalBytes(), gcc.cbor.CborLimits.DOCUMENT)).get(0L));
        ReportDocument back = ReportDocument.fromCanonicalBytes(rich.canonicalBytes());
        assertEquals(rich, back);
        assertEquals("mg/kg", back.items().get(6).measurement().unit());
        assertEquals(List.of(EXPORTER, OTHER_EXPORTER), back.authorizedExporters());
    }
}
