package gcc.demo;

import gcc.cli.GateCtl;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.qr.QrCodes;
import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.testkit.Tamper;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gatectl demo --offline}: creates a throw-away customs root key, two labs with keys, a
 * signed trust list and a handful of reports; issues their codes (text and QR PNG); verifies each
 * with the library alone at a fixed instant (reading the valid ones back from their PNG) and
 * prints what was expected and what the verifier said.
 */
final class OfflineDemo {
    static final String AT_TEXT = "2026-06-15T10:00+08:00";
    static final Instant AT = Instant.parse("2026-06-15T02:00:00Z");

    /** One row of the demo: a code, a declaration, and what should happen. */
    record Scenario(String name, String code, String exporter, Outcome expected, Reason reason, Path png) {
    }

    private final Path dir;

    OfflineDemo(Path dir) {
        this.dir = dir;
    }

    int run() throws Exception {
        System.out.println("Green Clearance Code offline demo in " + dir);
        Policy policy = PolicyJson.builtIn();
        DemoKeys keys = DemoKeys.write(dir);
        TrustList list = keys.trustList(AT.getEpochSecond(), Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2028-12-31T00:00:00Z").getEpochSecond());
        byte[] signedList = list.sign(keys.root());
        Files.write(dir.resolve("trust-list.cose"), signedList);
        DemoReports reports = DemoReports.of(100, LocalDate.of(2026, 5, 2), LocalDate.of(2025, 11, 20));
        TrustStore trust = new TrustStore(SignatureVerifier.ofSpki(keys.root().publicKeySpki()));
        trust.offer(signedList);
        Verifier verifier = new Verifier(trust, () -> policy, registry(reports), new SignatureMemo(1024),
                Clock.fixed(AT, ZoneOffset.UTC));
        List<Scenario> rows = scenarios(reports, keys, policy);

        System.out.printf("%nDecisions for %s (policy %s, trust list v%d)%n%n", AT_TEXT, policy.version(), list.version());
        System.out.printf("%-30s %-26s %-3s %-8s %-8s %s%n", "scenario", "code (start...end)", "QR", "expected", "got", "reasons");
        int matched = 0;
        for (Scenario s : rows) {
            matched += decide(verifier, s) ? 1 : 0;
        }
        System.out.printf("%n%d of %d scenarios matched. Files: %s%n", matched, rows.size(), dir);
        return matched == rows.size() ? GateCtl.EXIT_OK : GateCtl.EXIT_FAILURE;
    }

    /** The lab's registrations and the regulator's recall, in memory. */
    private InMemoryReportRegistry registry(DemoReports reports) throws Exception {
        InMemoryReportRegistry registry = new InMemoryReportRegistry();
        for (ReportDocument d : reports.registered(dir)) {
            String refusal = registry.submit(RegistryEvent.register(d, "lab:L1234"), AT.toEpochMilli());
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
        }
        registry.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, reports.revoked().reportId(), "recall: cord length",
                "samr"), AT.toEpochMilli());
        return registry;
    }

    private List<Scenario> scenarios(DemoReports r, DemoKeys k, Policy policy) throws Exception {
        String exporter = DemoReports.EXPORTER;
        String valid = DemoReports.issue(dir, "valid", r.valid(), policy, k.labEd());
        List<Scenario> rows = new ArrayList<>();
        rows.add(new Scenario("valid, Ed25519", valid, exporter, Outcome.RELEASE, null, dir.resolve("codes/valid.png")));
        rows.add(new Scenario("valid, ES256", DemoReports.issue(dir, "valid-es256", r.validEs(), policy, k.labEs()),
                exporter, Outcome.RELEASE, null, dir.resolve("codes/valid-es256.png")));
        rows.add(new Scenario("valid, SM2", DemoReports.issue(dir, "valid-sm2", r.validSm2(), policy, k.labSm2()),
                exporter, Outcome.RELEASE, null, dir.resolve("codes/valid-sm2.png")));
        rows.add(hold("legacy GB 31701-2015", "legacy", r.legacy(), k.labEd(), policy, Reason.LEGACY_STANDARD));
        rows.add(hold("missing item 21", "missing-item", r.missing(), k.labEd(), policy, Reason.INCOMPLETE_SCOPE));
        rows.add(hold("failed item 9 (antimony)", "failed-item", r.failed(), k.labEd(), policy, Reason.ITEM_FAILED));
        rows.add(hold("expired 6-month test", "expired", r.expired(), k.labEd(), policy, Reason.ITEM_EXPIRED));
        rows.add(new Scenario("wrong exporter", valid, DemoReports.OTHER_EXPORTER, Outcome.HOLD, Reason.EXPORTER_MISMATCH, null));
        rows.add(new Scenario("tampered (exporter rewritten)", Tamper.exporter(valid, DemoReports.OTHER_EXPORTER),
                DemoReports.OTHER_EXPORTER, Outcome.HOLD, Reason.BAD_SIGNATURE, null));
        rows.add(hold("unknown lab key", "unknown-key", r.valid(), k.stranger(), policy, Reason.UNKNOWN_KEY));
        rows.add(hold("revoked report", "revoked", r.revoked(), k.labEd(), policy, Reason.REPORT_REVOKED));
        rows.add(hold("revoked lab key", "revoked-key", r.valid(), k.retired(), policy, Reason.KEY_REVOKED));
        return rows;
    }

    private Scenario hold(String name, String file, ReportDocument doc, Signer signer, Policy policy,
                          Reason reason) throws Exception {
        return new Scenario(name, DemoReports.issue(dir, file, doc, policy, signer), DemoReports.EXPORTER, Outcome.HOLD,
                reason, null);
    }

    /** Decides one scenario (from its PNG when it has one) and prints its row; true when it matched. */
    private static boolean decide(Verifier verifier, Scenario s) throws Exception {
        String code = s.png() != null ? QrCodes.readPng(s.png()) : s.code();
        Decision d = verifier.verify(code, s.exporter(), null, null);
        boolean ok = d.outcome() == s.expected() && (s.reason() == null || d.has(s.reason()));
        StringBuilder reasons = new StringBuilder();
        d.findings().forEach(f -> reasons.append(reasons.length() == 0 ? "" : ", ").append(f.reason().name()));
        String shown = s.code().substring(0, 9) + "..." + s.code().substring(s.code().length() - 14);
        System.out.printf("%-30s %-26s %-3d %-8s %-8s %s%s%n", s.name(), shown, QrCodes.version(s.code()), s.expected(),
                d.outcome(), reasons.length() == 0 ? "-" : reasons, ok ? "" : "   <-- MISMATCH (expected " + s.reason() + ")");
        return ok;
    }
}
