package gcc.cli;

import gcc.qr.QrCodes;
import gcc.report.ReportJson;
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
            Run issued = run("issue", "--report", p("report.json"), "--key", p(lab + ".key.pem"), "--out", p(lab + "-code"));
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
        run("issue", "--report", p("report.json"), "--key", p("lab-ed.key.pem"), "--out", p("code"));
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
        run("issue", "--report", p("report.json"), "--key", p("lab-sm2.key.pem"), "--out", p("code"));
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
        Run c = run("report", "check", p("report.json"), p("bad.json"));
        assertEquals(GateCtl.EXIT_USAGE, c.exit());
        assertTrue(c.out().contains("ok    " + p("report.json")) && c.out().contains("Unified Social Credit Code")
                && c.out().contains("after the report was issued"), c.out());
    }

    @Test
    void shouldWriteAndCheckThePolicy() {
        assertEquals(0, run("policy", "init", "--out", p("policy.json")).exit());
        Run c = run("policy", "check", p("policy.json"));
        assertEquals(0, c.exit());
        assertTrue(c.out().contains("21 items") && c.out().contains("burning behaviour"), c.out());
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
        Run show = run("registry", "show", "--data", p("data"), "--entries", "1000", "NB26-000802");
        assertEquals(0, show.exit(), show.err());
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
        gcc.audit.AuditJournal j = new gcc.audit.AuditJournal(audit, 64);
        byte[] gate = "NGB-G09".getBytes(StandardCharsets.US_ASCII);
        byte[] ex = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        byte[] rid = "NB26-000900".getBytes(StandardCharsets.US_ASCII);
        long t = java.time.Instant.parse("2026-06-15T02:00:00Z").getEpochSecond() * 1_000_000;
        j.record(t, gcc.server.DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 4, ex, 0, 18, rid, 0, rid.length, (byte) 1, 0, 120);
        j.record(t + 1, gcc.server.DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 4, ex, 0, 18, rid, 0, rid.length, (byte) 2,
                gcc.decision.Reason.REPORT_REVOKED.bit(), 90);
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
