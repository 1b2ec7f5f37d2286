package gcc.rules;

import gcc.cbor.Cbor;
import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.CoseSign1;
import gcc.code.Zlib;
import gcc.crypto.Signer;
import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRegistry;
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;
import gcc.crypto.SignatureVerifier;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per HOLD reason the verifier itself can produce; a last check proves none is untested. */
class HoldReasonsTest {
    private static final Set<Reason> SEEN = EnumSet.noneOf(Reason.class);
    private static final Set<Reason> DECIDED_ELSEWHERE = EnumSet.of(Reason.AUDIT_UNAVAILABLE, Reason.SERVER_BUSY,
            Reason.TIMEOUT, Reason.CONNECTION_LOST, Reason.PROTOCOL_ERROR);

    private final TestWorld w = new TestWorld();

    private Decision expectHold(Decision d, Reason reason) {
        assertEquals(Outcome.HOLD, d.outcome(), d.toString());
        assertTrue(d.has(reason), "expected " + reason + " in " + d);
        d.findings().forEach(f -> assertTrue(!f.detail().isBlank() && !f.detailZh().isBlank(), "detail for " + f));
        SEEN.addAll(d.reasons());
        return d;
    }

    private Decision verify(String code) {
        return w.verifier.verify(code, EXPORTER, null, null);
    }

    private String registeredCode(ReportDocument doc, Signer signer) {
        w.register(doc);
        return w.issue(doc, signer);
    }

    @Test
    void shouldHoldMalformedCode() {
        expectHold(verify("hello"), Reason.MALFORMED_CODE);
        expectHold(verify("GCC1:%%%"), Reason.MALFORMED_CODE);
        expectHold(verify("GCC1:" + "A".repeat(2000)), Reason.MALFORMED_CODE);
    }

    @Test
    void shouldHoldUnsupportedVersionOfPrefixOrPayload() {
        expectHold(verify("GCC2:ABC"), Reason.UNSUPPORTED_VERSION);
        Map<Object, Object> payload = new LinkedHashMap<>();
        payload.put(1L, 2L);
        byte[] p = Cbor.encode(payload);
        byte[] prot = CoseSign1.protectedHeader(w.labA.algorithm(), w.labA.kid());
        byte[] cose = CoseSign1.encode(prot, p, w.labA.sign(CoseSign1.toBeSigned(prot, p)), true);
        expectHold(verify(ClearanceCode.PREFIX + gcc.code.Base45.encode(Zlib.deflate(cose))), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void shouldHoldUnknownKey() {
        expectHold(verify(registeredCode(TestWorld.report("R-UNKNOWN-KEY"), w.unknownKey)), Reason.UNKNOWN_KEY);
    }

    @Test
    void shouldHoldBadSignature() {
        var doc = TestWorld.report("R-BAD-SIG");
        w.register(doc);
        var layers = ClearanceCode.issueLayers(ClearanceClaims.of(doc, TestWorld.earliestExpiry(doc, w.policy)), w.labA);
        byte[] sig = layers.sign1().signature();
        sig[5] ^= 0x10;
        byte[] cose = CoseSign1.encode(layers.sign1().protectedBytes(), layers.sign1().payload(), sig, true);
        expectHold(verify(ClearanceCode.PREFIX + gcc.code.Base45.encode(Zlib.deflate(cose))), Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldHoldKeyNotValidAtTheDecisionTime() {
        String code = registeredCode(TestWorld.report("R-KEY-WINDOW"), w.labA);
        Decision d = w.verifier.verify(code, EXPORTER, null, Instant.parse("2025-12-20T00:00:00Z"));
        expectHold(d, Reason.KEY_NOT_VALID_AT_TIME);
    }

    @Test
    void shouldHoldRevokedLabKey() {
        expectHold(verify(registeredCode(TestWorld.report("R-REVOKED-KEY"), w.revokedKey)), Reason.KEY_REVOKED);
    }

    @Test
    void shouldHoldLabNotAccreditedForTheStandard() {
        ReportDocument base = TestWorld.report("R-NOT-ACCRED");
        ReportDocument doc = new ReportDocument(base.reportId(), "L5678", base.standard(), base.product(),
                base.exporter(), base.issueDate(), base.items(), null);
        expectHold(verify(registeredCode(doc, w.labB)), Reason.LAB_NOT_ACCREDITED);
    }

    @Test
    void shouldHoldUnregisteredReport() {
        expectHold(verify(w.issue(TestWorld.report("R-NOT-REG"), w.labA)), Reason.REPORT_NOT_REGISTERED);
    }

    @Test
    void shouldHoldWhenDigestDiffersFromRegisteredReport() {
        ReportDocument registered = TestWorld.report("R-DIGEST");
        w.register(registered);
        ReportDocument forged = new ReportDocument(registered.reportId(), "L1234", registered.standard(),
                registered.product(), registered.exporter(), registered.issueDate(),
                Reports.report("X", TestWorld.STANDARD, EXPORTER, 21, -1, LocalDate.of(2026, 5, 3)).items(), null);
        expectHold(verify(w.issue(forged, w.labA)), Reason.DIGEST_MISMATCH);
    }

    @Test
    void shouldHoldLegacyStandard() {
        ReportDocument doc = Reports.report("R-LEGACY", TestWorld.LEGACY, EXPORTER, 21, -1, LocalDate.of(2026, 5, 2));
        expectHold(verify(registeredCode(doc, w.labA)), Reason.LEGACY_STANDARD);
    }

    @Test
    void shouldHoldThirdCountryStandardUnlessCrossRecognized() {
        ReportDocument doc = Reports.report("R-ASTM", "ASTM F963-23", EXPORTER, 21, -1, LocalDate.of(2026, 5, 2));
        String code = registeredCode(doc, w.labA);
        expectHold(verify(code), Reason.STANDARD_NOT_RECOGNIZED);

        Policy p = w.policy;
        Policy on = new Policy("on", p.profiles(), p.acceptedStandards(), p.legacyStandards(),
                Map.of("ASTM F963-23", true), true, true, p.clockSkew(), p.zone());
        TrustStore trust = new TrustStore(SignatureVerifier.ofSpki(w.root.publicKeySpki()));
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        try {
            trust.offer(new TrustList(1, 0, List.of(new Lab("L1234", "Lab A", "CNAS L1234",
                    List.of("ASTM F963-23"), List.of(TestWorld.key(w.labA, from, to, KeyStatus.ACTIVE))))).sign(w.root));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Verifier v = new Verifier(trust, () -> on, w.registry, new SignatureMemo(64), Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        assertEquals(Outcome.RELEASE, v.verify(code, EXPORTER, null, null).outcome());
    }

    @Test
    void shouldHoldIncompleteScopeNamingTheMissingItems() {
        ReportDocument doc = Reports.report("R-SCOPE", TestWorld.STANDARD, EXPORTER, 19, -1, LocalDate.of(2026, 5, 2));
        Decision d = expectHold(verify(registeredCode(doc, w.labA)), Reason.INCOMPLETE_SCOPE);
        String detail = d.findings().stream().filter(f -> f.reason() == Reason.INCOMPLETE_SCOPE).findFirst().orElseThrow().detail();
        assertTrue(detail.contains("20 (filling materials)") && detail.contains("21 (burning behaviour)"), detail);
    }

    @Test
    void shouldHoldFailedItem() {
        ReportDocument doc = Reports.report("R-FAIL", TestWorld.STANDARD, EXPORTER, 21, 4, LocalDate.of(2026, 5, 2));
        Decision d = expectHold(verify(registeredCode(doc, w.labA)), Reason.ITEM_FAILED);
        assertTrue(d.findings().get(0).detail().contains("4 (phthalates DEHP, DBP, BBP)"), d.toString());
    }

    @Test
    void shouldHoldExpiredSixMonthPhysicalTest() {
        ReportDocument doc = Reports.report("R-EXPIRED", TestWorld.STANDARD, EXPORTER, 21, -1, LocalDate.of(2025, 12, 1));
        Decision d = expectHold(verify(registeredCode(doc, w.labA)), Reason.ITEM_EXPIRED);
        String detail = d.findings().stream().filter(f -> f.reason() == Reason.ITEM_EXPIRED).findFirst().orElseThrow().detail();
        assertTrue(detail.contains("16 (attachment tensile strength)") && !detail.contains("1 (formaldehyde")
                && detail.contains("since 2026-06-01"), detail);
        String zh = d.findings().stream().filter(f -> f.reason() == Reason.ITEM_EXPIRED).findFirst().orElseThrow()
                .detail(gcc.decision.Language.ZH);
        assertTrue(zh.startsWith("过期项目：16（attachment tensile strength）") && zh.endsWith("自 2026-06-01 起失效"), zh);
    }

    @Test
    void shouldHoldPreValidationForAnArrivalAfterASixMonthExpiry() {
        String code = registeredCode(TestWorld.report("R-ARRIVAL"), w.labA);
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, EXPORTER, null, Instant.parse("2026-10-31T16:00:00Z")).outcome());
        expectHold(w.verifier.verify(code, EXPORTER, null, Instant.parse("2026-11-01T16:00:00Z")), Reason.ITEM_EXPIRED);
    }

    @Test
    void shouldHoldRevokedSuspendedAndSupersededReports() {
        String revoked = registeredCode(TestWorld.report("R-REVOKED"), w.labA);
        String suspended = registeredCode(TestWorld.report("R-SUSPENDED"), w.labA);
        String superseded = registeredCode(TestWorld.report("R-OLD"), w.labA);
        assertEquals(Outcome.RELEASE, verify(revoked).outcome());
        w.registry.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-REVOKED", "recall", "samr"), 0);
        w.registry.submit(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "R-SUSPENDED", "audit", "samr"), 0);
        w.register(TestWorld.report("R-NEW").withSupersedes("R-OLD"));
        expectHold(verify(revoked), Reason.REPORT_REVOKED);
        expectHold(verify(suspended), Reason.REPORT_SUSPENDED);
        Decision d = expectHold(verify(superseded), Reason.REPORT_SUPERSEDED);
        assertTrue(d.findings().get(0).detail().contains("R-NEW"), d.toString());
    }

    @Test
    void shouldHoldWrongExporterAndInvalidDeclaration() {
        String code = registeredCode(TestWorld.report("R-EXPORTER"), w.labA);
        expectHold(w.verifier.verify(code, TestWorld.OTHER_EXPORTER, null, null), Reason.EXPORTER_MISMATCH);
        expectHold(w.verifier.verify(code, "not-a-uscc", null, null), Reason.INVALID_REQUEST);
    }

    @Test
    void shouldMatchProductWhenTheGateSuppliesIt() {
        String code = registeredCode(TestWorld.report("R-PRODUCT"), w.labA);
        for (String p : new String[]{"8715001000/SX-200", "8715001000", "SX-200"}) {
            assertEquals(Outcome.RELEASE, w.verifier.verify(code, EXPORTER, p, null).outcome(), p);
        }
        expectHold(w.verifier.verify(code, EXPORTER, "8715001000/SX-300", null), Reason.PRODUCT_MISMATCH);
        expectHold(w.verifier.verify(code, EXPORTER, "9401", null), Reason.PRODUCT_MISMATCH);
    }

    @Test
    void shouldHoldWhenTheSigningKeyBelongsToAnotherLab() {
        expectHold(verify(registeredCode(TestWorld.report("R-OTHER-LAB"), w.labB)), Reason.CLAIMS_MISMATCH);
    }

    @Test
    void shouldHoldCodeIssuedAfterTheDecisionDate() {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            items.add(new ItemResult(i, true, LocalDate.of(2026, 6, 10)));
        }
        ReportDocument doc = new ReportDocument("R-FUTURE", "L1234", TestWorld.STANDARD,
                new Product("8715001000", "SX-200"), EXPORTER, LocalDate.of(2026, 6, 20), items, null);
        expectHold(verify(registeredCode(doc, w.labA)), Reason.CODE_NOT_YET_VALID);
    }

    @Test
    void shouldHoldWithoutATrustList() {
        Verifier v = new Verifier(new TrustStore(SignatureVerifier.ofSpki(w.root.publicKeySpki())), () -> w.policy,
                w.registry, new SignatureMemo(64), Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        expectHold(v.verify(registeredCode(TestWorld.report("R-NO-TRUST"), w.labA), EXPORTER, null, null),
                Reason.TRUST_LIST_UNAVAILABLE);
    }

    @Test
    void shouldHoldWhileTheRegistryIsUnavailable() {
        String code = registeredCode(TestWorld.report("R-UNAVAILABLE"), w.labA);
        w.registry.available(false);
        expectHold(verify(code), Reason.REGISTRY_UNAVAILABLE);
        w.registry.available(true);
        assertEquals(Outcome.RELEASE, verify(code).outcome());
    }

    @Test
    void shouldHoldWhenTheSharedRegistryIsStale() {
        String code = registeredCode(TestWorld.report("R-STALE"), w.labA);
        ReportRegistry stale = (id, len, into) -> ReportRegistry.Lookup.STALE;
        Verifier v = new Verifier(w.trust, () -> w.policy, stale, new SignatureMemo(64),
                Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        expectHold(v.verify(code, EXPORTER, null, null), Reason.REGISTRY_STALE);
    }

    @Test
    void shouldHoldOnAnInternalError() {
        ReportRegistry broken = (id, len, into) -> {
            throw new IllegalStateException("disk on fire");
        };
        Verifier v = new Verifier(w.trust, () -> w.policy, broken, new SignatureMemo(64),
                Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        expectHold(v.verify(w.issue(TestWorld.report("R-INTERNAL"), w.labA), EXPORTER, null, null), Reason.INTERNAL_ERROR);
    }

    @Test
    void shouldListEveryReasonThatApplies() {
        ReportDocument doc = Reports.report("R-MANY", TestWorld.STANDARD, EXPORTER, 20, 3, LocalDate.of(2025, 12, 1));
        Decision d = w.verifier.verify(registeredCode(doc, w.revokedKey), TestWorld.OTHER_EXPORTER, "9999999999/X", null);
        assertEquals(EnumSet.of(Reason.KEY_REVOKED, Reason.INCOMPLETE_SCOPE, Reason.ITEM_FAILED, Reason.ITEM_EXPIRED,
                Reason.EXPORTER_MISMATCH, Reason.PRODUCT_MISMATCH), d.reasons());
        SEEN.addAll(d.reasons());
    }

    @Test
    void shouldHoldAReportOnAProfileThePolicyDoesNotHold() {
        ReportDocument doc = TestWorld.report("R-PROFILE").withProfile("GB31701-2026.9", "");
        w.register(doc);
        // Signed by a lab whose policy held the profile: the same expiry as under profile 1.
        String code = gcc.code.ClearanceCode.issue(gcc.code.ClearanceClaims.of(doc,
                TestWorld.earliestExpiry(TestWorld.report("R-PROFILE"), w.policy)), w.labA);
        Decision d = expectHold(verify(code), Reason.PROFILE_NOT_IN_FORCE);
        assertTrue(d.findings().get(0).detail().contains("GB31701-2026.9"), d.toString());
        assertEquals(java.util.Set.of(Reason.PROFILE_NOT_IN_FORCE), d.reasons(), "its items are not judged by another list");
    }

    @Test
    void shouldHoldAnItemMarkedNotApplicableThatPolicyRequiresForTheClass() {
        ReportDocument base = TestWorld.report("R-NA");
        List<gcc.report.ItemResult> items = new ArrayList<>(base.items());
        items.set(15, gcc.report.ItemResult.notApplicable(16)); // attachment strength: required for a stroller
        ReportDocument doc = base.withProfile(base.profile(), "stroller").withItems(items);
        Decision d = expectHold(verify(registeredCode(doc, w.labA)), Reason.NOT_APPLICABLE_REFUSED);
        assertEquals(java.util.Set.of(Reason.NOT_APPLICABLE_REFUSED), d.reasons(), d.toString());
        assertTrue(d.findings().get(0).detail().contains("product class stroller: 16 (attachment tensile strength)"), d.toString());
        assertTrue(d.findings().get(0).detailZh().contains("“stroller”类产品"), d.findings().get(0).detailZh());
    }

    @Test
    void shouldHoldASuspendedExporterUnderAnyReport() {
        String code = registeredCode(TestWorld.report("R-DECL"), w.labA);
        assertEquals(null, w.registry.submit(gcc.registry.RegistryEvent.scope(gcc.registry.RegistryEvent.Type.SCOPE_SUSPEND,
                "DECLARANT:" + EXPORTER, "penalty decision 2026-17", "customs:ningbo"), TestWorld.NOW.toEpochMilli()));
        Decision d = expectHold(verify(code), Reason.EXPORTER_SUSPENDED);
        assertEquals(java.util.Set.of(Reason.EXPORTER_SUSPENDED), d.reasons());
        assertTrue(d.findings().get(0).detail().endsWith("is suspended: penalty decision 2026-17"), d.toString());
    }

    private static final java.util.concurrent.atomic.AtomicInteger RUN = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterEach
    void countRun() {
        RUN.incrementAndGet();
    }

    @AfterAll
    static void everyVerifierReasonHasATest() {
        long tests = java.util.Arrays.stream(HoldReasonsTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (RUN.get() < tests) {
            return; // a subset was selected: the coverage claim needs the whole class
        }
        EnumSet<Reason> missing = EnumSet.allOf(Reason.class);
        missing.removeAll(SEEN);
        missing.removeAll(DECIDED_ELSEWHERE);
        assertTrue(missing.isEmpty(), "reasons the verifier produces but no test shows: " + missing);
    }
}
