package gcc.cli;

import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.audit.DecisionAudit;
import gcc.server.GateNode;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.TrustList;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end demo behind {@code scripts/demo}: a real gate server on loopback (ephemeral
 * ports, a throw-away data directory), provisioned only through its admin API, and the gate
 * client going through every scenario. Dates are relative to today so the codes are in date.
 */
final class ServerDemo {
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> lines = new ArrayList<>();
    private int rows;
    private int matched;
    private int gateDecisions;

    ServerDemo(Path dir) {
        this.dir = dir;
    }

    int run() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("reports"));
        Files.createDirectories(dir.resolve("codes"));
        Files.createDirectories(data.resolve("keys"));
        System.out.println("Green Clearance Code demo in " + dir);

        Signer root = DemoCommand.key(dir, "customs-root", SignatureAlgorithm.ED25519);
        Signer labEd = DemoCommand.key(dir, "lab-ningbo-ed25519", SignatureAlgorithm.ED25519);
        Signer labEs = DemoCommand.key(dir, "lab-ningbo-es256", SignatureAlgorithm.ES256);
        Signer labSm2 = DemoCommand.key(dir, "lab-ningbo-sm2", SignatureAlgorithm.SM2);
        Signer retired = DemoCommand.key(dir, "lab-ningbo-retired", SignatureAlgorithm.ED25519);
        Signer labB = DemoCommand.key(dir, "lab-shanghai-ed25519", SignatureAlgorithm.ED25519);
        Signer stranger = DemoCommand.key(dir, "not-on-the-list", SignatureAlgorithm.ED25519);
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", root.publicKeySpki()));

        ServerContext ctx = new ServerContext().set(Setting.DATA_DIR, data.toString()).set(Setting.GATE_PORT, "0")
                .set(Setting.HTTP_PORT, "0").set(Setting.REGISTRY_ENTRIES, "100000").conclude();
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        try (GateNode node = GateNode.start(ctx, clock, ServeCommand.components(clock, null))) {
            System.out.printf("server up in %d ms: gate tcp 127.0.0.1:%d, http 127.0.0.1:%d, %s transport%n",
                    (System.nanoTime() - started) / 1_000_000, node.gatePort(), node.httpPort(), node.loops());
            String token = Files.readString(ctx.adminTokenFile()).trim();
            String base = "http://127.0.0.1:" + node.httpPort();

            long from = Instant.now().minus(Duration.ofDays(200)).getEpochSecond();
            long to = Instant.now().plus(Duration.ofDays(800)).getEpochSecond();
            TrustList list = new TrustList(1, Instant.now().getEpochSecond(), List.of(
                    new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(DemoCommand.STANDARD, "GB 31701-2015"),
                            List.of(DemoCommand.labKey(labEd, from, to, KeyStatus.ACTIVE), DemoCommand.labKey(labEs, from, to, KeyStatus.ACTIVE),
                                    DemoCommand.labKey(labSm2, from, to, KeyStatus.ACTIVE),
                                    DemoCommand.labKey(retired, from, to, KeyStatus.REVOKED))),
                    new Lab("L5678", "Shanghai Textile and Toy Laboratory", "CNAS L5678", List.of(DemoCommand.STANDARD),
                            List.of(DemoCommand.labKey(labB, from, to, KeyStatus.ACTIVE)))));
            expect2xx(send(HttpRequest.newBuilder(URI.create(base + "/v1/admin/trust-list")).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(list.sign(root))).build()), "load trust list");

            Policy policy = PolicyJson.builtIn();
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
            LocalDate tested = today.minusDays(40);
            String exporter = DemoCommand.uscc("91330200MA2H7K3Q1");
            String other = DemoCommand.uscc("91310115MA1K4LXP2");
            ReportDocument valid = report("NB26-000201", DemoCommand.STANDARD, exporter, 21, -1, tested);
            ReportDocument validEs = report("NB26-000202", DemoCommand.STANDARD, exporter, 21, -1, tested);
            ReportDocument validSm2 = report("NB26-000203", DemoCommand.STANDARD, exporter, 21, -1, tested);
            ReportDocument legacy = report("NB26-000204", "GB 31701-2015", exporter, 21, -1, tested);
            ReportDocument missing = report("NB26-000205", DemoCommand.STANDARD, exporter, 20, -1, tested);
            ReportDocument failed = report("NB26-000206", DemoCommand.STANDARD, exporter, 21, 9, tested);
            ReportDocument expired = report("NB26-000207", DemoCommand.STANDARD, exporter, 21, -1, today.minusDays(200));
            ReportDocument recalled = report("NB26-000208", DemoCommand.STANDARD, exporter, 21, -1, tested);
            ReportDocument unregistered = report("NB26-000209", DemoCommand.STANDARD, exporter, 21, -1, tested);
            for (ReportDocument d : List.of(valid, validEs, validSm2, legacy, missing, failed, expired, recalled)) {
                Files.writeString(dir.resolve("reports/" + d.reportId() + ".json"), ReportJson.toPrettyString(d));
                expect2xx(post(base + "/v1/admin/reports", ReportJson.toJson(d).toString(), token), "register " + d.reportId());
            }

            String validCode = DemoCommand.issue(dir, "valid", valid, policy, labEd);
            String recalledCode = DemoCommand.issue(dir, "recalled", recalled, policy, labEd);
            System.out.printf("%n%-34s %-3s %-8s %-8s %7s  %s%n", "scenario (gate client over TCP)", "QR", "expected", "got", "server", "reasons");
            try (GateClient gate = GateClient.builder().server("127.0.0.1", node.gatePort()).requestTimeout(Duration.ofSeconds(5)).build()) {
                if (!gate.awaitConnected(Duration.ofSeconds(5))) {
                    throw new IllegalStateException("the gate client could not connect");
                }
                row(gate, "valid, Ed25519 (first sight)", validCode, exporter, Outcome.RELEASE, null);
                row(gate, "valid, Ed25519 (seen before)", validCode, exporter, Outcome.RELEASE, null);
                row(gate, "valid, ES256", DemoCommand.issue(dir, "valid-es256", validEs, policy, labEs), exporter, Outcome.RELEASE, null);
                row(gate, "valid, SM2", DemoCommand.issue(dir, "valid-sm2", validSm2, policy, labSm2), exporter, Outcome.RELEASE, null);
                row(gate, "legacy GB 31701-2015", DemoCommand.issue(dir, "legacy", legacy, policy, labEd), exporter, Outcome.HOLD, Reason.LEGACY_STANDARD);
                row(gate, "missing item 21", DemoCommand.issue(dir, "missing", missing, policy, labEd), exporter, Outcome.HOLD, Reason.INCOMPLETE_SCOPE);
                row(gate, "failed item 9 (antimony)", DemoCommand.issue(dir, "failed", failed, policy, labEd), exporter, Outcome.HOLD, Reason.ITEM_FAILED);
                row(gate, "expired 6-month physical test", DemoCommand.issue(dir, "expired", expired, policy, labEd), exporter, Outcome.HOLD, Reason.ITEM_EXPIRED);
                row(gate, "wrong exporter", validCode, other, Outcome.HOLD, Reason.EXPORTER_MISMATCH);
                row(gate, "tampered (exporter rewritten)", DemoCommand.tamper(validCode, other), other, Outcome.HOLD, Reason.BAD_SIGNATURE);
                row(gate, "unknown lab key", DemoCommand.issue(dir, "unknown-key", valid, policy, stranger), exporter, Outcome.HOLD, Reason.UNKNOWN_KEY);
                row(gate, "revoked lab key", DemoCommand.issue(dir, "retired-key", valid, policy, retired), exporter, Outcome.HOLD, Reason.KEY_REVOKED);
                row(gate, "unregistered report", DemoCommand.issue(dir, "unregistered", unregistered, policy, labEd), exporter, Outcome.HOLD, Reason.REPORT_NOT_REGISTERED);
                row(gate, "recall: before revocation", recalledCode, exporter, Outcome.RELEASE, null);
                expect2xx(post(base + "/v1/admin/reports/NB26-000208/revoke", "{\"reason\":\"recall: cord length\"}", token), "revoke");
                row(gate, "recall: after revocation", recalledCode, exporter, Outcome.HOLD, Reason.REPORT_REVOKED);
            }

            LocalDate arrival = tested.plusMonths(6).plusDays(3);
            HttpResponse<String> pre = post(base + "/v1/verify", "{\"code\":\"" + validCode + "\",\"exporter\":\"" + exporter
                    + "\",\"at\":\"" + arrival + "\"}", null);
            boolean preOk = pre.statusCode() == 200 && pre.body().contains("\"outcome\":\"HOLD\"") && pre.body().contains("ITEM_EXPIRED");
            rows++;
            matched += preOk ? 1 : 0;
            System.out.printf("%-34s %-3s %-8s %-8s %7s  %s%s%n", "HTTP pre-check, arrives " + arrival, "10", "HOLD",
                    pre.body().contains("\"outcome\":\"HOLD\"") ? "HOLD" : "?", "-", preOk ? "ITEM_EXPIRED (6-month items)" : pre.body(),
                    preOk ? "" : "   <-- MISMATCH");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println();
            System.out.println("server-side times above include JIT warm-up of a fresh JVM; steady-state figures: docs/performance.md");
            metrics.body().lines().filter(l -> l.startsWith("gcc_decisions_total") || l.startsWith("gcc_decide_latency_microseconds{")
                    || l.startsWith("gcc_memo_hit_ratio")).forEach(l -> System.out.println("  " + l));
        }
        List<AuditRecord> audited = new ArrayList<>();
        AuditQuery.scan(data.resolve("audit"), r -> r.source() == DecisionAudit.Source.GATE_TCP, Long.MAX_VALUE, audited::add);
        boolean auditOk = audited.size() == gateDecisions;
        List<AuditRecord> recallReleases = new ArrayList<>();
        AuditQuery.scan(data.resolve("audit"), new AuditQuery.Filter("NB26-000208", null, null, 1, null, null), 100, recallReleases::add);
        System.out.printf("%naudit: %d of %d gate decisions recorded; releases of recalled report NB26-000208 found: %d%s%n",
                audited.size(), gateDecisions, recallReleases.size(), auditOk && recallReleases.size() == 1 ? "" : "   <-- MISMATCH");
        System.out.printf("server stopped. %d of %d scenarios matched. Files: %s%n", matched, rows, dir);
        return matched == rows && auditOk && recallReleases.size() == 1 ? GateCtl.EXIT_OK : GateCtl.EXIT_FAILURE;
    }

    private static ReportDocument report(String id, String standard, String exporter, int items, int failed, LocalDate tested) {
        return DemoCommand.report(id, standard, exporter, items, failed, tested);
    }

    private void row(GateClient gate, String name, String code, String exporter, Outcome expected, Reason reason) {
        VerifyAnswer a = gate.verify(new GateRequest(code, exporter, null, "NGB-G07", 3));
        gateDecisions += a.decidedLocally() ? 0 : 1;
        boolean ok = a.outcome() == expected && (reason == null || a.has(reason));
        rows++;
        matched += ok ? 1 : 0;
        StringBuilder reasons = new StringBuilder();
        a.reasons().forEach(r -> reasons.append(reasons.length() == 0 ? "" : ", ").append(r.name()));
        System.out.printf("%-34s %-3d %-8s %-8s %5dus  %s%s%n", name, gcc.qr.QrCodes.version(code), expected, a.outcome(),
                a.serverMicros(), reasons.length() == 0 ? "-" : reasons, ok ? "" : "   <-- MISMATCH (expected " + reason + ")");
    }

    private HttpResponse<String> post(String url, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token).header("X-Actor", "demo");
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect2xx(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
