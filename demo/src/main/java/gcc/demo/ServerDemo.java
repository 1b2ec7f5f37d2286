package gcc.demo;

import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import gcc.auth.Principal;
import gcc.cli.GateCtl;
import gcc.cli.ServeCommand;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.crypto.Signer;
import gcc.decision.Language;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.qr.QrCodes;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.audit.DecisionAudit;
import gcc.server.GateNode;
import gcc.testkit.ApiClient;
import gcc.testkit.Reports;
import gcc.testkit.Tamper;

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
    private final Path data;
    /** The customs declaration and container number of the demo's linked consignment. */
    static final String DECLARATION = "310420261000123456";
    static final String CONTAINER = "CSQU3054383";
    private final Policy policy = PolicyJson.builtIn();
    private int rows;
    private int matched;
    private int gateDecisions;

    ServerDemo(Path dir) {
        this.dir = dir;
        this.data = dir.resolve("data");
    }

    int run() throws Exception {
        System.out.println("Green Clearance Code demo in " + dir);
        DemoKeys keys = DemoKeys.write(dir);
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", keys.root().publicKeySpki()));
        // Lab L1234's own credential, issued offline as `gatectl credentials add --role lab:L1234` would.
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String labToken = java.util.HexFormat.of().formatHex(secret);
        CredentialFile.write(data.resolve("credentials.json"),
                List.of(Credential.token(Principal.of("lab-l1234", "lab:L1234"), labToken)));
        ServerContext ctx = new ServerContext().set(Setting.DATA_DIR, data.toString()).set(Setting.GATE_PORT, "0")
                .set(Setting.HTTP_PORT, "0").set(Setting.REGISTRY_ENTRIES, "100000").conclude();
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        DemoReports reports = DemoReports.of(200, today.minusDays(40), today.minusDays(200));
        try (GateNode node = GateNode.start(ctx, clock, ServeCommand.components(clock, null))) {
            System.out.printf("server up in %d ms: gate tcp 127.0.0.1:%d, http 127.0.0.1:%d, %s transport%n",
                    (System.nanoTime() - started) / 1_000_000, node.gatePort(), node.httpPort(), node.loops());
            ApiClient api = new ApiClient("http://127.0.0.1:" + node.httpPort(),
                    Files.readString(ctx.adminTokenFile()).trim(), "demo");
            provision(api, keys, reports);
            labScene(new ApiClient("http://127.0.0.1:" + node.httpPort(), labToken, "lab-l1234"), reports.valid());
            gateScenarios(node.gatePort(), api, keys, reports);
            declarationScene(node.gatePort(), api, keys, reports);
            preValidate(api, reports.valid().items().get(0).testDate());
            printMetrics(api);
        }
        boolean auditOk = checkAudit(reports.revoked().reportId());
        System.out.printf("server stopped. %d of %d scenarios matched. Files: %s%n", matched, rows, dir);
        return matched == rows && auditOk ? GateCtl.EXIT_OK : GateCtl.EXIT_FAILURE;
    }

    /** The trust list and the lab's reports, through the admin API only. */
    private void provision(ApiClient api, DemoKeys keys, DemoReports reports) throws Exception {
        Instant now = Instant.now();
        api.putTrustList(keys.trustList(now.getEpochSecond(), now.minus(Duration.ofDays(200)).getEpochSecond(),
                now.plus(Duration.ofDays(800)).getEpochSecond()).sign(keys.root()));
        for (ReportDocument d : reports.registered(dir)) {
            api.register(Reports.json(d), d.reportId());
        }
    }

    /**
     * Lab L1234, with its own credential, registers a report of its own (accepted) and one in the
     * name of lab L5678 (refused: a lab changes only its own reports).
     */
    private void labScene(ApiClient lab, ReportDocument template) throws Exception {
        System.out.printf("%n%-34s %-8s %-8s  %s%n", "scenario (lab L1234's credential)", "expected", "got", "answer");
        labRow(lab, "registers its own report", ReportJson.toJson(template).put("reportId", "NB26-LAB-OWN").toString(), 201);
        labRow(lab, "registers lab L5678's report", ReportJson.toJson(template).put("reportId", "NB26-LAB-OTHER")
                .put("lab", "L5678").toString(), 403);
    }

    private void labRow(ApiClient lab, String name, String json, int expected) throws Exception {
        HttpResponse<String> r = lab.postWithToken("/v1/admin/reports", json);
        boolean ok = r.statusCode() == expected;
        rows++;
        matched += ok ? 1 : 0;
        String answer = r.statusCode() / 100 == 2 ? "accepted" : r.body().replaceAll(".*\"error\":\"([^\"]*)\".*", "$1");
        System.out.printf("%-34s %-8s %-8s  %s%s%n", name, expected == 201 ? "accepted" : "refused",
                r.statusCode() + "", answer, ok ? "" : "   <-- MISMATCH");
    }

    /** Every scenario through the gate client over TCP, with a recall made while running. */
    private void gateScenarios(int gatePort, ApiClient api, DemoKeys k, DemoReports r) throws Exception {
        String exporter = DemoReports.EXPORTER;
        String other = DemoReports.OTHER_EXPORTER;
        String validCode = issue("valid", r.valid(), k.labEd());
        String recalledCode = issue("recalled", r.revoked(), k.labEd());
        System.out.printf("%n%-34s %-3s %-8s %-8s %7s  %s%n", "scenario (gate client over TCP)", "QR", "expected", "got", "server", "reasons");
        try (GateClient gate = GateClient.builder().server("127.0.0.1", gatePort).requestTimeout(Duration.ofSeconds(5)).build()) {
            if (!gate.awaitConnected(Duration.ofSeconds(5))) {
                throw new IllegalStateException("the gate client could not connect");
            }
            row(gate, "valid, Ed25519 (first sight)", validCode, exporter, Outcome.RELEASE, null);
            row(gate, "valid, Ed25519 (seen before)", validCode, exporter, Outcome.RELEASE, null);
            row(gate, "valid, ES256", issue("valid-es256", r.validEs(), k.labEs()), exporter, Outcome.RELEASE, null);
            row(gate, "valid, SM2", issue("valid-sm2", r.validSm2(), k.labSm2()), exporter, Outcome.RELEASE, null);
            row(gate, "legacy GB 31701-2015", issue("legacy", r.legacy(), k.labEd()), exporter, Outcome.HOLD, Reason.LEGACY_STANDARD);
            row(gate, "missing item 21", issue("missing", r.missing(), k.labEd()), exporter, Outcome.HOLD, Reason.INCOMPLETE_SCOPE);
            row(gate, "failed item 9 (antimony)", issue("failed", r.failed(), k.labEd()), exporter, Outcome.HOLD, Reason.ITEM_FAILED);
            row(gate, "expired 6-month physical test", issue("expired", r.expired(), k.labEd()), exporter, Outcome.HOLD, Reason.ITEM_EXPIRED);
            row(gate, "wrong exporter", validCode, other, Outcome.HOLD, Reason.EXPORTER_MISMATCH);
            row(gate, "tampered (exporter rewritten)", Tamper.exporter(validCode, other), other, Outcome.HOLD, Reason.BAD_SIGNATURE);
            row(gate, "unknown lab key", issue("unknown-key", r.valid(), k.stranger()), exporter, Outcome.HOLD, Reason.UNKNOWN_KEY);
            row(gate, "revoked lab key", issue("retired-key", r.valid(), k.retired()), exporter, Outcome.HOLD, Reason.KEY_REVOKED);
            row(gate, "unregistered report", issue("unregistered", r.unregistered(), k.labEd()), exporter, Outcome.HOLD,
                    Reason.REPORT_NOT_REGISTERED);
            row(gate, "recall: before revocation", recalledCode, exporter, Outcome.RELEASE, null);
            api.changeStatus(r.revoked().reportId(), "revoke", "recall: cord length");
            row(gate, "recall: after revocation", recalledCode, exporter, Outcome.HOLD, Reason.REPORT_REVOKED);
            String failedCode = Files.readString(dir.resolve("codes/failed.txt")).trim();
            VerifyAnswer failed = gate.verify(new GateRequest(failedCode, exporter, null, "NGB-G07", 3, DECLARATION, null));
            record(failed, "failed item 9 (v2, with details)", failedCode, Outcome.HOLD, Reason.ITEM_FAILED);
            explainInChinese(failed, "the HOLD explained in Chinese");
            reportShapes(gate, api, k, r);
        }
    }

    /**
     * A feeding-bottle report of the demo lab whose textile, cord and filling items are not
     * applicable (policy allows that for class {@code feeding}) and which authorizes an agent:
     * the agent's consignment is released. The same items marked not applicable on a report
     * without a product class are held. Then every report of the lab is suspended at once (a
     * lab-wide recall: one journaled scope, not a rewrite of each report) and lifted again.
     */
    private void reportShapes(GateClient gate, ApiClient api, DemoKeys k, DemoReports r) throws Exception {
        ReportDocument bottles = DemoReports.bottles(r.valid(), "NB26-000291", "feeding");
        ReportDocument unclassified = DemoReports.bottles(r.valid(), "NB26-000292", "");
        api.register(ReportJson.toJson(bottles).toString(), bottles.reportId());
        api.register(ReportJson.toJson(unclassified).toString(), unclassified.reportId());
        String bottleCode = issue("agent-bottles", bottles, k.labEd());
        row(gate, "agent exports, 6 items n/a (feeding)", bottleCode, DemoReports.AGENT, Outcome.RELEASE, null);
        row(gate, "6 items n/a, no product class", issue("na-refused", unclassified, k.labEd()), DemoReports.EXPORTER,
                Outcome.HOLD, Reason.NOT_APPLICABLE_REFUSED);
        HttpResponse<String> recall = api.postWithToken("/v1/admin/recalls/lab/" + bottles.labId() + "/suspend",
                "{\"reason\":\"accreditation under review\"}");
        if (recall.statusCode() != 200) {
            throw new IllegalStateException("lab-wide recall refused: " + recall.body());
        }
        VerifyAnswer held = gate.verify(new GateRequest(bottleCode, DemoReports.AGENT, null, "NGB-G07", 3, DECLARATION, null));
        record(held, "lab-wide recall of " + bottles.labId() + " (v2)", bottleCode, Outcome.HOLD, Reason.REPORT_SUSPENDED);
        explainInChinese(held, "the lab-wide recall, in Chinese");
        api.postWithToken("/v1/admin/recalls/lab/" + bottles.labId() + "/lift", "{\"reason\":\"review closed\"}");
    }

    /** What a gate screen shows for a HOLD: one line per reason with the server's detail, in Chinese. */
    private static void explainInChinese(VerifyAnswer a, String what) {
        System.out.println("  " + what + ":");
        a.details(Language.ZH).forEach(line -> System.out.println("    " + line));
    }

    /**
     * A gate scan carrying the customs declaration and container number (protocol version 2),
     * then customs finding that decision through the audit query, as post-clearance inspection
     * would.
     */
    private void declarationScene(int gatePort, ApiClient api, DemoKeys k, DemoReports r) throws Exception {
        String code = Files.readString(dir.resolve("codes/valid.txt")).trim();
        System.out.printf("%n%-34s %-3s %-8s %-8s %7s  %s%n", "declaration link (v2)", "QR", "expected", "got", "server", "reasons");
        try (GateClient gate = GateClient.builder().server("127.0.0.1", gatePort).requestTimeout(Duration.ofSeconds(5)).build()) {
            if (!gate.awaitConnected(Duration.ofSeconds(5))) {
                throw new IllegalStateException("the gate client could not connect");
            }
            VerifyAnswer a = gate.verify(new GateRequest(code, DemoReports.EXPORTER, null, "NGB-G08", 2, DECLARATION, CONTAINER));
            record(a, "scan, declaration + container", code, Outcome.RELEASE, null);
        }
        HttpResponse<String> found = api.getWithToken("/v1/audit?declaration=" + DECLARATION + "&container=" + CONTAINER);
        boolean ok = found.statusCode() == 200 && found.body().contains("\"count\":1") && found.body().contains("\"gate\":\"NGB-G08\"");
        rows++;
        matched += ok ? 1 : 0;
        System.out.printf("%-34s %-3s %-8s %-8s %7s  %s%s%n", "GET /v1/audit?declaration=...", "-", "found", ok ? "found" : "?",
                "-", ok ? DECLARATION + " / " + CONTAINER + " at gate NGB-G08" : found.statusCode() + " " + found.body(),
                ok ? "" : "   <-- MISMATCH");
    }

    /** A pre-validation over HTTP for an arrival after the 6-month items lapse: HOLD, ITEM_EXPIRED. */
    private void preValidate(ApiClient api, LocalDate tested) throws Exception {
        String code = Files.readString(dir.resolve("codes/valid.txt")).trim();
        LocalDate arrival = tested.plusMonths(6).plusDays(3);
        HttpResponse<String> pre = api.post("/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + DemoReports.EXPORTER
                + "\",\"at\":\"" + arrival + "\"}");
        boolean hold = pre.statusCode() == 200 && pre.body().contains("\"outcome\":\"HOLD\"");
        boolean ok = hold && pre.body().contains("ITEM_EXPIRED");
        rows++;
        matched += ok ? 1 : 0;
        System.out.printf("%-34s %-3s %-8s %-8s %7s  %s%s%n", "HTTP pre-check, arrives " + arrival, "10", "HOLD",
                hold ? "HOLD" : "?", "-", ok ? "ITEM_EXPIRED (6-month items)" : pre.body(), ok ? "" : "   <-- MISMATCH");
    }

    private void printMetrics(ApiClient api) throws Exception {
        HttpResponse<String> metrics = api.get("/metrics");
        System.out.println();
        System.out.println("server-side times above include JIT warm-up of a fresh JVM; steady-state figures: docs/performance.md");
        metrics.body().lines().filter(l -> l.startsWith("gcc_decisions_total") || l.startsWith("gcc_decide_latency_microseconds{")
                || l.startsWith("gcc_memo_hit_ratio")).forEach(l -> System.out.println("  " + l));
    }

    /** Every gate decision is in the audit, and so is the one release of the recalled report. */
    private boolean checkAudit(String recalledId) throws Exception {
        List<AuditRecord> audited = new ArrayList<>();
        AuditQuery.scan(data.resolve("audit"), r -> r.source() == DecisionAudit.Source.GATE_TCP, Long.MAX_VALUE, audited::add);
        List<AuditRecord> recallReleases = new ArrayList<>();
        AuditQuery.scan(data.resolve("audit"), new AuditQuery.Filter(recalledId, null, null, 1, null, null), 100, recallReleases::add);
        boolean ok = audited.size() == gateDecisions && recallReleases.size() == 1;
        System.out.printf("%naudit: %d of %d gate decisions recorded; releases of recalled report %s found: %d%s%n",
                audited.size(), gateDecisions, recalledId, recallReleases.size(), ok ? "" : "   <-- MISMATCH");
        return ok;
    }

    private String issue(String name, ReportDocument doc, Signer signer) throws Exception {
        return DemoReports.issue(dir, name, doc, policy, signer);
    }

    private VerifyAnswer row(GateClient gate, String name, String code, String exporter, Outcome expected, Reason reason) {
        VerifyAnswer a = gate.verify(new GateRequest(code, exporter, null, "NGB-G07", 3));
        record(a, name, code, expected, reason);
        return a;
    }

    private void record(VerifyAnswer a, String name, String code, Outcome expected, Reason reason) {
        gateDecisions += a.decidedLocally() ? 0 : 1;
        boolean ok = a.outcome() == expected && (reason == null || a.has(reason));
        rows++;
        matched += ok ? 1 : 0;
        StringBuilder reasons = new StringBuilder();
        a.reasons().forEach(r -> reasons.append(reasons.length() == 0 ? "" : ", ").append(r.name()));
        System.out.printf("%-34s %-3d %-8s %-8s %5dus  %s%s%n", name, QrCodes.version(code), expected, a.outcome(),
                a.serverMicros(), reasons.length() == 0 ? "-" : reasons, ok ? "" : "   <-- MISMATCH (expected " + reason + ")");
    }
}
