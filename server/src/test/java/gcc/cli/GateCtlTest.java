package gcc.cli;

import gcc.qr.QrCodes;
import gcc.report.ReportJson;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every gatectl command run in-process, as an operator would type it. */
public class GateCtlTest {
    @TempDir
    Path dir;

    public record Run(int exit, String out, String err) {
    }

    public static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            CommandLine cl = GateCtl.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /** Keys for customs and one lab per algorithm, a signed trust list, one registered report. */
    private void provision() throws Exception {
        for (String[] k : new String[][]{{"root", "ed25519"}, {"lab-ed", "ed25519"}, {"lab-es", "es256"}, {"lab-sm2", "sm2"}}) {
            Run r = run("keygen", "--alg", k[1], "--out", p(k[0]));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("kid"), r.out());
        }
        Files.writeString(dir.resolve("list.json"), """
                { "version": 2, "issuedAt": "2026-06-01T00:00:00Z",
                  "labs": [ { "id": "L1234", "name": "Ningbo lab", "accreditation": "CNAS L1234",
                              "standards": ["GB 31701-2026"],
                              "keys": [
                                {"publicKey": "lab-ed.pub.pem",  "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2030-01-01T00:00:00Z", "status": "active"},
                                {"publicKey": "lab-es.pub.pem",  "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2030-01-01T00:00:00Z", "status": "active"},
                                {"publicKey": "lab-sm2.pub.pem", "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2030-01-01T00:00:00Z", "status": "active"} ] } ] }
                """);
        assertEquals(0, run("trust-list", "build", "--in", p("list.json"), "--out", p("list.cbor")).exit());
        assertEquals(0, run("trust-list", "sign", "--in", p("list.cbor"), "--root-key", p("root.key.pem"), "--out", p("trust.cose")).exit());
        Files.writeString(dir.resolve("report.json"), ReportJson.toPrettyString(TestWorld.report("NB26-000777")));
    }

    @Test
    void shouldIssueEveryAlgorithmWithinQrVersionTenAndVerifyFromThePng() throws Exception {
        provision();
        for (String lab : new String[]{"lab-ed", "lab-es", "lab-sm2"}) {
            Run issued = run("issue", "--report", p("report.json"), "--key", p(lab + ".key.pem"), "--out", p(lab + "-code"),
                    "--at", "2026-06-15");
            assertEquals(0, issued.exit(), issued.err());
            Path png = dir.resolve(lab + "-code.png");
            String text = Files.readString(dir.resolve(lab + "-code.txt")).trim();
            assertTrue(QrCodes.version(text) <= 10, lab + " needs QR version " + QrCodes.version(text));
            assertTrue(issued.out().contains("QR        version " + QrCodes.version(text)), issued.out());
            assertEquals(text, QrCodes.readPng(png));
            Run v = run("verify", "--png", png.toString(), "--exporter", TestWorld.EXPORTER, "--at", "2026-06-15",
                    "--trust-list", p("trust.cose"), "--root-pub", p("root.pub.pem"), "--reports", p("report.json"));
            assertEquals(GateCtl.EXIT_OK, v.exit(), v.out() + v.err());
            assertTrue(v.out().contains("\"outcome\" : \"RELEASE\""), v.out());
        }
    }

    @Test
    void shouldExitTenForHoldAndTwoForBadInput() throws Exception {
        provision();
        run("issue", "--report", p("report.json"), "--key", p("lab-ed.key.pem"), "--out", p("code"), "--at", "2026-06-15");
        String[] common = {"--trust-list", p("trust.cose"), "--root-pub", p("root.pub.pem"), "--reports", p("report.json")};
        List<String> args = new ArrayList<>(List.of("verify", "--file", p("code.txt"), "--exporter", TestWorld.OTHER_EXPORTER,
                "--at", "2026-06-15"));
        args.addAll(List.of(common));
        Run wrongExporter = run(args.toArray(String[]::new));
        assertEquals(GateCtl.EXIT_HOLD, wrongExporter.exit());
        assertTrue(wrongExporter.out().contains("EXPORTER_MISMATCH"), wrongExporter.out());

        args = new ArrayList<>(List.of("verify", "--file", p("code.txt"), "--exporter", TestWorld.EXPORTER, "--at", "2026-11-03"));
        args.addAll(List.of(common));
        Run arrival = run(args.toArray(String[]::new));
        assertEquals(GateCtl.EXIT_HOLD, arrival.exit());
        assertTrue(arrival.out().contains("ITEM_EXPIRED") && arrival.out().contains("attachment tensile strength"), arrival.out());
        args.addAll(List.of("--lang", "zh"));
        Run chinese = run(args.toArray(String[]::new));
        assertTrue(chinese.out().contains("\"summary\" : \"有检测项目已过有效期\"") && chinese.out().contains("附件抗拉强力"), chinese.out());
        args.set(args.size() - 1, "fr");
        assertEquals(GateCtl.EXIT_USAGE, run(args.toArray(String[]::new)).exit(), "an unknown language is a usage error");

        args = new ArrayList<>(List.of("verify", "--file", p("code.txt"), "--exporter", TestWorld.EXPORTER, "--revoked", "NB26-000777"));
        args.addAll(List.of(common));
        assertTrue(run(args.toArray(String[]::new)).out().contains("REPORT_REVOKED"));

        assertEquals(GateCtl.EXIT_USAGE, run("verify", "--exporter", TestWorld.EXPORTER).exit(), "no code, no trust list");
        assertEquals(GateCtl.EXIT_USAGE, run("verify", "GCC1:X", "--exporter", TestWorld.EXPORTER, "--trust-list",
                p("list.json"), "--root-pub", p("root.pub.pem")).exit(), "a trust list that is not signed");
        assertEquals(GateCtl.EXIT_USAGE, run("verify", "GCC1:X", "--exporter", TestWorld.EXPORTER, "--at", "soon",
                "--trust-list", p("trust.cose"), "--root-pub", p("root.pub.pem")).exit());
    }

    @Test
    void shouldInspectEveryLayerWithoutVerifying() throws Exception {
        provision();
        run("issue", "--report", p("report.json"), "--key", p("lab-sm2.key.pem"), "--out", p("code"), "--at", "2026-06-15");
        Run r = run("inspect", "--png", p("code.png"));
        assertEquals(0, r.exit(), r.err());
        for (String s : new String[]{"coseSign1Hex", "\"alg\" : \"sm2 (-65601)\"", "NB26-000777", "itemsPassed", TestWorld.EXPORTER}) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
        assertEquals(GateCtl.EXIT_USAGE, run("inspect", "GCC1:%%%").exit());
    }

    @Test
    void shouldRefuseATrustListSignedByTheWrongRoot() throws Exception {
        provision();
        Run ok = run("trust-list", "inspect", "--in", p("trust.cose"), "--root-pub", p("root.pub.pem"));
        assertEquals(0, ok.exit());
        assertTrue(ok.out().contains("\"signatureVerified\" : true") && ok.out().contains("CNAS L1234"), ok.out());
        Run bad = run("trust-list", "inspect", "--in", p("trust.cose"), "--root-pub", p("lab-ed.pub.pem"));
        assertEquals(GateCtl.EXIT_HOLD, bad.exit());
        assertTrue(bad.out().contains("\"signatureVerified\" : false"), bad.out());
    }

    @Test
    void shouldDigestAndCheckReports() throws Exception {
        provision();
        Run d = run("report", "digest", p("report.json"));
        assertEquals(0, d.exit());
        assertTrue(d.out().startsWith(java.util.HexFormat.of().formatHex(TestWorld.report("NB26-000777").digest())), d.out());
        Files.writeString(dir.resolve("bad.json"), Files.readString(dir.resolve("report.json"))
                .replace(TestWorld.EXPORTER, "91330200MA2H7K3Q10").replace("2026-05-02", "2026-07-01"));
        Run c = run("report", "check", "--at", "2026-06-15", p("report.json"), p("bad.json"));
        assertEquals(GateCtl.EXIT_USAGE, c.exit());
        assertTrue(c.out().contains("RELEASE  " + p("report.json")) && c.out().contains("BAD      " + p("bad.json"))
                && c.out().contains("Unified Social Credit Code") && c.out().contains("after the report was issued"), c.out());
    }

    private Path report(String name, gcc.report.ReportDocument doc) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, ReportJson.toPrettyString(doc));
        return f;
    }

    @Test
    void shouldGiveTheVerdictTheGateWouldGiveEachReport() throws Exception {
        java.time.LocalDate tested = java.time.LocalDate.of(2026, 5, 2);
        Path good = report("good.json", TestWorld.report("NB26-000801"));
        Path failed = report("failed.json", Reports.report("NB26-000802", TestWorld.STANDARD, TestWorld.EXPORTER, 21, 9, tested));
        Path twenty = report("twenty.json", Reports.report("NB26-000803", TestWorld.STANDARD, TestWorld.EXPORTER, 20, -1, tested));
        Path legacy = report("legacy.json", Reports.report("NB26-000804", TestWorld.LEGACY, TestWorld.EXPORTER, 21, -1, tested));

        Run ok = run("report", "check", "--at", "2026-06-15", good.toString());
        assertEquals(GateCtl.EXIT_OK, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("RELEASE  " + good) && ok.out().contains("earliest expiry 2026-11-02"), ok.out());

        Run held = run("report", "check", "--at", "2026-06-15", good.toString(), failed.toString(), twenty.toString(), legacy.toString());
        assertEquals(GateCtl.EXIT_HOLD, held.exit(), held.out());
        assertTrue(held.out().contains("HOLD     " + failed) && held.out().contains("ITEM_FAILED: failed items 9 (antimony)"), held.out());
        assertTrue(held.out().contains("HOLD     " + twenty) && held.out().contains("INCOMPLETE_SCOPE")
                && held.out().contains("21 (burning behaviour)"), held.out());
        assertTrue(held.out().contains("HOLD     " + legacy) && held.out().contains("LEGACY_STANDARD"), held.out());

        Run soon = run("report", "check", "--at", "2026-10-20", good.toString());
        assertEquals(GateCtl.EXIT_OK, soon.exit(), soon.out());
        assertTrue(soon.out().contains("warning: item 16 (attachment tensile strength) stops being valid on 2026-11-02, in 13 days"),
                soon.out());
        Run expired = run("report", "check", "--at", "2026-11-03", good.toString());
        assertEquals(GateCtl.EXIT_HOLD, expired.exit());
        assertTrue(expired.out().contains("ITEM_EXPIRED"), expired.out());
        Run early = run("report", "check", "--at", "2026-05-01", good.toString());
        assertTrue(early.out().contains("CODE_NOT_YET_VALID"), early.out());

        // A policy whose profile stops at item 20 makes the 20-item report complete.
        assertEquals(0, run("policy", "init", "--out", p("policy.json")).exit());
        String policy = Files.readString(dir.resolve("policy.json"));
        Files.writeString(dir.resolve("policy20.json"), policy.replaceAll("(?m)^.*\"item\": 21,.*$\\n?", "").replaceAll(",(\\s*)]", "$1]"));
        Run custom = run("report", "check", "--policy", p("policy20.json"), "--at", "2026-06-15", twenty.toString());
        assertEquals(GateCtl.EXIT_OK, custom.exit(), custom.out() + custom.err());
    }

    @Test
    void shouldRefuseToIssueACodeTheGateWouldHoldOrThatOutgrowsQrVersionTen() throws Exception {
        provision();
        java.time.LocalDate tested = java.time.LocalDate.of(2026, 5, 2);
        Path failed = report("failed.json", Reports.report("NB26-000810", TestWorld.STANDARD, TestWorld.EXPORTER, 21, 9, tested));
        Run refused = run("issue", "--report", failed.toString(), "--key", p("lab-ed.key.pem"), "--out", p("failed"), "--at", "2026-06-15");
        assertEquals(GateCtl.EXIT_HOLD, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("ITEM_FAILED") && refused.err().contains("nothing written"), refused.err());
        assertTrue(Files.notExists(dir.resolve("failed.txt")) && Files.notExists(dir.resolve("failed.png")));
        Run forced = run("issue", "--report", failed.toString(), "--key", p("lab-ed.key.pem"), "--out", p("failed"), "--at", "2026-06-15",
                "--force");
        assertEquals(GateCtl.EXIT_OK, forced.exit(), forced.err());
        assertTrue(forced.err().contains("warning: the gate would HOLD") && forced.out().contains("verdict   HOLD"), forced.err());
        assertTrue(Files.exists(dir.resolve("failed.txt")));

        Path longId = report("long.json", TestWorld.report("NB26-LONG-REPORT-ID-000000000001"));
        Run big = run("issue", "--report", longId.toString(), "--key", p("lab-sm2.key.pem"), "--out", p("long"), "--at", "2026-06-15");
        assertEquals(GateCtl.EXIT_USAGE, big.exit(), big.out() + big.err());
        assertTrue(big.err().contains("needs QR version 11") || big.err().contains("needs QR version 12"), big.err());
        assertTrue(Files.notExists(dir.resolve("long.txt")));
        Run bigForced = run("issue", "--report", longId.toString(), "--key", p("lab-sm2.key.pem"), "--out", p("long"),
                "--at", "2026-06-15", "--force");
        assertEquals(GateCtl.EXIT_OK, bigForced.exit(), bigForced.err());
        assertTrue(bigForced.out().contains("(above version 10)") && bigForced.out().contains("verdict   RELEASE"), bigForced.out());
    }

    @Test
    void shouldCheckAndCompleteTheUsccCheckCharacter() {
        Run ok = run("uscc", "check", TestWorld.EXPORTER);
        assertEquals(GateCtl.EXIT_OK, ok.exit());
        assertTrue(ok.out().startsWith("valid    " + TestWorld.EXPORTER), ok.out());
        String typo = TestWorld.EXPORTER.substring(0, 17) + (TestWorld.EXPORTER.charAt(17) == '0' ? '1' : '0');
        Run bad = run("uscc", "check", TestWorld.EXPORTER, typo, "91330200MA2H7K3Q", "9133020OMA2H7K3Q16");
        assertEquals(GateCtl.EXIT_USAGE, bad.exit());
        assertTrue(bad.out().contains("the first 17 characters give '" + TestWorld.EXPORTER.charAt(17) + "'")
                && bad.out().contains("16 characters, a USCC has 18") && bad.out().contains("'O' is not in the USCC alphabet"), bad.out());
        Run done = run("uscc", "complete", TestWorld.EXPORTER.substring(0, 17), typo);
        assertEquals(GateCtl.EXIT_OK, done.exit());
        assertEquals(TestWorld.EXPORTER + "\n" + TestWorld.EXPORTER + "\n", done.out().replace("\r", ""));
        assertEquals(GateCtl.EXIT_USAGE, run("uscc", "complete", "91330200MA2H7K3").exit());
    }

    @Test
    void shouldExitTwoWhenImportingIntoARegistryAServerHolds() throws Exception {
        provision();
        try (gcc.registry.PersistentRegistry held = gcc.registry.PersistentRegistry.open(dir.resolve("data/registry"), 1000,
                java.time.Clock.systemUTC())) {
            Run r = run("registry", "import", "--data", p("data"), "--entries", "1000", p("report.json"));
            assertEquals(GateCtl.EXIT_USAGE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("open in another process"), r.err());
        }
        Run missing = run("registry", "import", "--data", p("data"), "--entries", "1000", p("report.json"), p("nope.json"));
        assertEquals(GateCtl.EXIT_USAGE, missing.exit());
        assertTrue(missing.out().contains("registered  " + p("report.json")) && missing.out().contains("nope.json: no such file"),
                missing.out());
    }

    @Test
    void shouldRecallALabAndListTheRecallsInForce() throws Exception {
        provision();
        String[] data = {"--data", p("data"), "--entries", "1000"};
        assertEquals(0, run("registry", "import", data[0], data[1], data[2], data[3], p("report.json")).exit());
        Run r = run("registry", "recall", "--lab", "L1234", "--revoke", "--reason", "accreditation withdrawn",
                data[0], data[1], data[2], data[3]);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("SCOPE_REVOKE LAB:L1234"), r.out());
        Run both = run("registry", "recall", "--lab", "L1234", "--model", "X", "--suspend", "--reason", "x", data[0], data[1]);
        assertEquals(GateCtl.EXIT_USAGE, both.exit());
        assertEquals(GateCtl.EXIT_USAGE, run("registry", "recall", "--lab", "L1234", "--lift", "--reason", "x", data[0], data[1])
                .exit(), "a revocation is final");
        Run list = run("registry", "recalls", data[0], data[1]);
        assertTrue(list.out().contains("REVOKED   LAB:L1234") && list.out().contains("accreditation withdrawn"), list.out());
        assertTrue(run("registry", "recall", "--help").out().contains("--declarant"));
    }

    @Test
    void shouldWriteAndCheckThePolicy() {
        assertEquals(0, run("policy", "init", "--out", p("policy.json")).exit());
        Run c = run("policy", "check", p("policy.json"));
        assertEquals(0, c.exit());
        assertTrue(c.out().contains("21 items") && c.out().contains("burning behaviour") && c.out().contains("GB31701-2026.1")
                && c.out().contains("may be not applicable for feeding"), c.out());
        assertEquals(GateCtl.EXIT_USAGE, run("policy", "init", "--out", p("policy.json")).exit(), "no silent overwrite");
    }

    @Test
    void shouldImportReportFilesAndJsonLinesInBulkReportingEveryRefusal() throws Exception {
        provision();
        Files.writeString(dir.resolve("more.jsonl"), gcc.testkit.Reports.json(TestWorld.report("NB26-000801")) + "\n"
                + "{\"reportId\": 7}\n\n" + gcc.testkit.Reports.json(TestWorld.report("NB26-000802")) + "\n"
                + gcc.testkit.Reports.json(TestWorld.report("NB26-000777")) + "\n");
        Run r = run("registry", "import", "--data", p("data"), "--entries", "1000", p("report.json"), p("more.jsonl"));
        assertEquals(GateCtl.EXIT_USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("more.jsonl:2: ") && r.out().contains("NB26-000777: ")
                && r.out().contains("3 registered, 2 refused"), r.out());
        assertTrue(r.err().contains("registry import more.jsonl: 5 done in "), "the progress's total line: " + r.err());
        Run show = run("registry", "show", "--data", p("data"), "--entries", "1000", "NB26-000802");
        assertEquals(0, show.exit(), show.err());
        Run rebuild = run("registry", "rebuild", "--data", p("data"));
        assertEquals(0, rebuild.exit(), rebuild.err());
        assertTrue(rebuild.err().contains("registry rebuild: 3 done in "), rebuild.err());
        Run verify = run("registry", "verify-index", "--data", p("data"));
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.err().contains("registry verify-index: 9 done in "), "3 journal entries, 3 + 3 records: " + verify.err());
    }

    @Test
    void shouldSayVerifyServerNeedsTheGateSdkWhenItIsNotOnTheClassPath() {
        Run r = run("verify", "GCC1:X", "--exporter", TestWorld.EXPORTER, "--server", "127.0.0.1:1");
        assertEquals(GateCtl.EXIT_FAILURE, r.exit());
        assertTrue(r.err().contains("needs the gate SDK"), r.err());
    }

    @Test
    void shouldReadTheTestkitsReportJsonAsTheSameDocument() throws Exception {
        var doc = gcc.testkit.Reports.report("NB26-000778", TestWorld.LEGACY, TestWorld.OTHER_EXPORTER, 20, 7,
                java.time.LocalDate.of(2026, 4, 1));
        assertEquals(java.util.HexFormat.of().formatHex(doc.digest()),
                java.util.HexFormat.of().formatHex(ReportJson.parse(gcc.testkit.Reports.json(doc)).digest()));
    }

    @Test
    void shouldQueryTheAuditAsTableAndJsonLines() throws Exception {
        Path audit = dir.resolve("data/audit");
        gcc.audit.AuditJournal j = new gcc.audit.AuditJournal(audit);
        byte[] gate = "NGB-G09".getBytes(StandardCharsets.US_ASCII);
        byte[] ex = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        byte[] rid = "NB26-000900".getBytes(StandardCharsets.US_ASCII);
        long t = java.time.Instant.parse("2026-06-15T02:00:00Z").getEpochSecond() * 1_000_000;
        gcc.audit.DecisionEntry e = new gcc.audit.DecisionEntry()
                .origin(gcc.audit.DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 4).exporter(ex, 0, 18).reportId(rid, 0, rid.length);
        j.record(e.outcome(true, 0, 120, t));
        j.record(e.outcome(false, gcc.decision.Reason.REPORT_REVOKED.bit(), 90, t + 1));
        j.close(java.time.Duration.ofSeconds(5));
        Run table = run("audit", "--data", p("data"), "--report", "NB26-000900", "--outcome", "RELEASE");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("NGB-G09") && table.out().contains("RELEASE") && !table.out().contains("REPORT_REVOKED"),
                table.out());
        Run jsonl = run("audit", "--data", p("data"), "--gate", "NGB-G09", "--format", "jsonl", "--from", "2026-06-15");
        assertEquals(2, jsonl.out().lines().count(), jsonl.out());
        assertTrue(jsonl.out().contains("\"reasons\":[\"REPORT_REVOKED\"]"), jsonl.out());
        Run none = run("audit", "--data", p("data"), "--exporter", TestWorld.OTHER_EXPORTER);
        assertTrue(none.err().contains("no matching records"));
        assertEquals(GateCtl.EXIT_USAGE, run("audit", "--data", p("data"), "--outcome", "MAYBE").exit());
    }

    @Test
    void shouldFindTheDecisionForADeclarationAndAContainer() throws Exception {
        gcc.audit.AuditJournal j = new gcc.audit.AuditJournal(dir.resolve("data/audit"));
        byte[] gate = "NGB-G07".getBytes(StandardCharsets.US_ASCII);
        byte[] ex = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        byte[] rid = "NB26-000901".getBytes(StandardCharsets.US_ASCII);
        byte[] decl = "310420261000123456".getBytes(StandardCharsets.US_ASCII);
        byte[] cont = "CSQU3054383".getBytes(StandardCharsets.US_ASCII);
        long t = java.time.Instant.parse("2026-06-15T02:00:00Z").getEpochSecond() * 1_000_000;
        gcc.audit.DecisionEntry e = new gcc.audit.DecisionEntry();
        j.record(e.origin(gcc.audit.DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 1).exporter(ex, 0, 18)
                .reportId(rid, 0, rid.length).declaration(decl, 0, decl.length).container(cont, 0, cont.length)
                .outcome(true, 0, 70, t));
        j.record(e.origin(gcc.audit.DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 1).exporter(ex, 0, 18)
                .reportId(rid, 0, rid.length).container(cont, 0, cont.length).outcome(true, 0, 70, t + 1));
        j.close(java.time.Duration.ofSeconds(5));
        Run byDeclaration = run("audit", "--data", p("data"), "--declaration", "310420261000123456");
        assertEquals(0, byDeclaration.exit(), byDeclaration.err());
        assertEquals(2, byDeclaration.out().lines().count(), "header and one record: " + byDeclaration.out());
        assertTrue(byDeclaration.out().contains("CSQU3054383"), byDeclaration.out());
        Run byContainer = run("audit", "--data", p("data"), "--container", "CSQU3054383", "--format", "jsonl");
        assertEquals(2, byContainer.out().lines().count(), byContainer.out());
        assertTrue(byContainer.out().contains("\"declaration\":\"310420261000123456\""), byContainer.out());
        Run none = run("audit", "--data", p("data"), "--declaration", "310420261000999999");
        assertTrue(none.err().contains("no matching records"), none.err());
    }

    @Test
    void shouldAnswerHelpOnEveryCommand() {
        List<String[]> commands = new ArrayList<>();
        collect(GateCtl.commandLine(), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 12, "commands: " + commands.size());
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 1);
            args[c.length] = "--help";
            Run r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage:"), String.join(" ", args));
            assertTrue(r.out().contains("Exit status:") && r.out().contains("  0 "), "exit statuses in help of " + String.join(" ", args));
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<String[]> out) {
        out.add(path.toArray(String[]::new));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }

}
