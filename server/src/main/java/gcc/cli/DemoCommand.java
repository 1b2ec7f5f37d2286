package gcc.cli;

import gcc.cbor.Cbor;
import gcc.cbor.CborLimits;
import gcc.code.Base45;
import gcc.code.ClearanceCode;
import gcc.code.CodeIssuer;
import gcc.code.CoseSign1;
import gcc.code.Zlib;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
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
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.report.Uscc;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gatectl demo}: the offline walk-through. Creates a throw-away customs root key, two labs
 * with keys, a signed trust list and a handful of reports; issues their codes (text and QR PNG);
 * verifies each offline (reading the valid ones back from their PNG) and prints what was expected
 * and what the verifier said. Exit 0 only when every row matches.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The end-to-end demo (scripts/demo): starts a gate server on a throw-away data directory,",
                "provisions keys, trust list and reports through the admin API, drives the gate client through every",
                "scenario, revokes a report while running, pre-validates over HTTP, checks the audit and stops.",
                "--offline runs the library-only walk-through instead (decisions fixed at " + DemoCommand.AT_TEXT + ").",
                "Exit 0 only when every scenario gets its expected outcome and reason."})
final class DemoCommand implements Callable<Integer> {
    static final String AT_TEXT = "2026-06-15T10:00+08:00";
    static final Instant AT = Instant.parse("2026-06-15T02:00:00Z");
    static final String STANDARD = "GB 31701-2026";

    @Option(names = "--out", description = "working directory (default: a new temporary directory)")
    Path out;

    @Option(names = "--offline", description = "verify with the library only, no server")
    boolean offline;

    /** One row of the demo: a code, a declaration, and what should happen. */
    record Scenario(String name, String code, String exporter, Outcome expected, Reason reason, Path png) {
    }

    @Override
    public Integer call() throws Exception {
        if (!offline) {
            return new ServerDemo(out != null ? out : Files.createTempDirectory("gcc-demo-")).run();
        }
        Path dir = out != null ? out : Files.createTempDirectory("gcc-demo-");
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("reports"));
        Files.createDirectories(dir.resolve("codes"));
        System.out.println("Green Clearance Code offline demo in " + dir);

        Policy policy = PolicyJson.builtIn();
        Signer root = key(dir, "customs-root", SignatureAlgorithm.ED25519);
        Signer labEd = key(dir, "lab-ningbo-ed25519", SignatureAlgorithm.ED25519);
        Signer labEs = key(dir, "lab-ningbo-es256", SignatureAlgorithm.ES256);
        Signer labSm2 = key(dir, "lab-ningbo-sm2", SignatureAlgorithm.SM2);
        Signer labRevoked = key(dir, "lab-ningbo-retired", SignatureAlgorithm.ED25519);
        Signer labB = key(dir, "lab-shanghai-ed25519", SignatureAlgorithm.ED25519);
        Signer stranger = key(dir, "not-on-the-list", SignatureAlgorithm.ED25519);

        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-12-31T00:00:00Z").getEpochSecond();
        TrustList list = new TrustList(1, AT.getEpochSecond(), List.of(
                new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(STANDARD, "GB 31701-2015"),
                        List.of(labKey(labEd, from, to, KeyStatus.ACTIVE), labKey(labEs, from, to, KeyStatus.ACTIVE),
                                labKey(labSm2, from, to, KeyStatus.ACTIVE), labKey(labRevoked, from, to, KeyStatus.REVOKED))),
                new Lab("L5678", "Shanghai Textile and Toy Laboratory", "CNAS L5678", List.of(STANDARD),
                        List.of(labKey(labB, from, to, KeyStatus.ACTIVE)))));
        byte[] signedList = list.sign(root);
        Files.write(dir.resolve("trust-list.cose"), signedList);

        String exporter = uscc("91330200MA2H7K3Q1");
        String otherExporter = uscc("91310115MA1K4LXP2");
        LocalDate tested = LocalDate.of(2026, 5, 2);
        Map<String, ReportDocument> reports = new LinkedHashMap<>();
        reports.put("valid", report("NB26-000101", STANDARD, exporter, 21, -1, tested));
        reports.put("valid-es256", report("NB26-000102", STANDARD, exporter, 21, -1, tested));
        reports.put("valid-sm2", report("NB26-000103", STANDARD, exporter, 21, -1, tested));
        reports.put("legacy", report("NB26-000104", "GB 31701-2015", exporter, 21, -1, tested));
        reports.put("missing-item", report("NB26-000105", STANDARD, exporter, 20, -1, tested));
        reports.put("failed-item", report("NB26-000106", STANDARD, exporter, 21, 9, tested));
        reports.put("expired", report("NB26-000107", STANDARD, exporter, 21, -1, LocalDate.of(2025, 11, 20)));
        reports.put("revoked", report("NB26-000108", STANDARD, exporter, 21, -1, tested));
        InMemoryReportRegistry registry = new InMemoryReportRegistry();
        for (Map.Entry<String, ReportDocument> e : reports.entrySet()) {
            Files.writeString(dir.resolve("reports/" + e.getKey() + ".json"), ReportJson.toPrettyString(e.getValue()));
            String refusal = registry.submit(RegistryEvent.register(e.getValue(), "lab:L1234"), AT.toEpochMilli());
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
        }
        registry.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "NB26-000108", "recall: cord length", "samr"),
                AT.toEpochMilli());

        TrustStore trust = new TrustStore(SignatureVerifier.ofSpki(root.publicKeySpki()));
        trust.offer(signedList);
        Verifier verifier = new Verifier(trust, () -> policy, registry, new SignatureMemo(1024), Clock.fixed(AT, ZoneOffset.UTC));

        String valid = issue(dir, "valid", reports.get("valid"), policy, labEd);
        List<Scenario> rows = new ArrayList<>();
        rows.add(new Scenario("valid, Ed25519", valid, exporter, Outcome.RELEASE, null, dir.resolve("codes/valid.png")));
        rows.add(new Scenario("valid, ES256", issue(dir, "valid-es256", reports.get("valid-es256"), policy, labEs),
                exporter, Outcome.RELEASE, null, dir.resolve("codes/valid-es256.png")));
        rows.add(new Scenario("valid, SM2", issue(dir, "valid-sm2", reports.get("valid-sm2"), policy, labSm2),
                exporter, Outcome.RELEASE, null, dir.resolve("codes/valid-sm2.png")));
        rows.add(new Scenario("legacy GB 31701-2015", issue(dir, "legacy", reports.get("legacy"), policy, labEd),
                exporter, Outcome.HOLD, Reason.LEGACY_STANDARD, null));
        rows.add(new Scenario("missing item 21", issue(dir, "missing-item", reports.get("missing-item"), policy, labEd),
                exporter, Outcome.HOLD, Reason.INCOMPLETE_SCOPE, null));
        rows.add(new Scenario("failed item 9 (antimony)", issue(dir, "failed-item", reports.get("failed-item"), policy, labEd),
                exporter, Outcome.HOLD, Reason.ITEM_FAILED, null));
        rows.add(new Scenario("expired 6-month test", issue(dir, "expired", reports.get("expired"), policy, labEd),
                exporter, Outcome.HOLD, Reason.ITEM_EXPIRED, null));
        rows.add(new Scenario("wrong exporter", valid, otherExporter, Outcome.HOLD, Reason.EXPORTER_MISMATCH, null));
        rows.add(new Scenario("tampered (exporter rewritten)", tamper(valid, otherExporter), otherExporter,
                Outcome.HOLD, Reason.BAD_SIGNATURE, null));
        rows.add(new Scenario("unknown lab key", issue(dir, "unknown-key", reports.get("valid"), policy, stranger),
                exporter, Outcome.HOLD, Reason.UNKNOWN_KEY, null));
        rows.add(new Scenario("revoked report", issue(dir, "revoked", reports.get("revoked"), policy, labEd),
                exporter, Outcome.HOLD, Reason.REPORT_REVOKED, null));
        rows.add(new Scenario("revoked lab key", issue(dir, "revoked-key", reports.get("valid"), policy, labRevoked),
                exporter, Outcome.HOLD, Reason.KEY_REVOKED, null));

        System.out.printf("%nDecisions for %s (policy %s, trust list v%d)%n%n", AT_TEXT, policy.version(), list.version());
        System.out.printf("%-30s %-26s %-3s %-8s %-8s %s%n", "scenario", "code (start...end)", "QR", "expected", "got", "reasons");
        int matched = 0;
        for (Scenario s : rows) {
            String code = s.png() != null ? QrCodes.readPng(s.png()) : s.code();
            Decision d = verifier.verify(code, s.exporter(), null, null);
            boolean ok = d.outcome() == s.expected() && (s.reason() == null || d.has(s.reason()));
            matched += ok ? 1 : 0;
            StringBuilder reasons = new StringBuilder();
            d.findings().forEach(f -> reasons.append(reasons.length() == 0 ? "" : ", ").append(f.reason().name()));
            String shown = s.code().substring(0, 9) + "..." + s.code().substring(s.code().length() - 14);
            System.out.printf("%-30s %-26s %-3d %-8s %-8s %s%s%n", s.name(), shown,
                    QrCodes.version(s.code()), s.expected(), d.outcome(),
                    reasons.length() == 0 ? "-" : reasons, ok ? "" : "   <-- MISMATCH (expected " + s.reason() + ")");
        }
        System.out.printf("%n%d of %d scenarios matched. Files: %s%n", matched, rows.size(), dir);
        return matched == rows.size() ? GateCtl.EXIT_OK : GateCtl.EXIT_FAILURE;
    }

    static String uscc(String body17) {
        return body17 + Uscc.checkCharacter(body17);
    }

    static Signer key(Path dir, String name, SignatureAlgorithm alg) throws Exception {
        var kp = Keys.generate(alg, Keys.random());
        KeyFiles.writePrivate(dir.resolve("keys/" + name + ".key.pem"), kp.getPrivate());
        KeyFiles.writePublic(dir.resolve("keys/" + name + ".pub.pem"), Keys.spki(kp.getPublic()));
        return new Signer(kp.getPrivate(), Keys.random());
    }

    static LabKey labKey(Signer s, long from, long to, KeyStatus status) {
        return new LabKey(s.algorithm(), s.publicKeySpki(), from, to, status);
    }

    static ReportDocument report(String id, String standard, String exporter, int items, int failed, LocalDate tested) {
        List<ItemResult> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            list.add(new ItemResult(i, i != failed, tested));
        }
        return new ReportDocument(id, "L1234", standard, new Product("8715001000", "SX-200"), exporter,
                tested.plusDays(14), list, null);
    }

    static String issue(Path dir, String name, ReportDocument doc, Policy policy, Signer signer) throws Exception {
        String text = CodeIssuer.issue(doc, policy, signer).text();
        Files.writeString(dir.resolve("codes/" + name + ".txt"), text + "\n");
        QrCodes.writePng(text, dir.resolve("codes/" + name + ".png"));
        return text;
    }

    /** A forger's edit: rewrites the exporter claim and keeps the lab's signature. */
    static String tamper(String code, String newExporter) throws Exception {
        ClearanceCode.Layers l = ClearanceCode.decode(code);
        Map<Object, Object> claims = new LinkedHashMap<>((Map<?, ?>) Cbor.decode(l.sign1().payload(), CborLimits.CODE));
        claims.put(6L, Uscc.pack(newExporter.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0));
        byte[] cose = CoseSign1.encode(l.sign1().protectedBytes(), Cbor.encode(claims), l.sign1().signature(), true);
        return ClearanceCode.PREFIX + Base45.encode(Zlib.deflate(cose));
    }
}
