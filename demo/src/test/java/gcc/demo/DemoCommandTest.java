package gcc.demo;

import gcc.cli.GateCtl;
import gcc.cli.ServeCommand;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.report.ReportDocument;
import gcc.server.GateNode;
import gcc.testkit.ApiClient;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gatectl commands this module plugs in, run in-process as an operator would type them. */
class DemoCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** gatectl with its extensions found through ServiceLoader, output captured. */
    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            var cl = GateCtl.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void shouldListTheDemoAmongGatectlsCommands() {
        Run r = run("--help");
        assertTrue(r.out().contains("demo") && r.out().contains("serve"), r.out());
        assertEquals(0, run("demo", "--help").exit());
    }

    @Test
    void shouldRunTheOfflineDemoWithEveryRowMatching() {
        Run r = run("demo", "--offline", "--out", dir.resolve("demo").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("12 of 12 scenarios matched"), r.out());
    }

    @Test
    void shouldRunTheServerDemoWithEveryRowMatchingAndEveryDecisionAudited() {
        Run r = run("demo", "--out", dir.resolve("server-demo").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("24 of 24 scenarios matched")
                && r.out().contains("registers lab L5678's report") && r.out().contains("may register only its own reports") && r.out().contains("20 of 20 gate decisions recorded"), r.out());
        assertTrue(r.out().contains("agent exports, 6 items n/a (feeding)") && r.out().contains("NOT_APPLICABLE_REFUSED"), r.out());
        assertTrue(r.out().contains("有检测项目不合格：不合格项目：9"), "a HOLD explained in Chinese: " + r.out());
        assertTrue(r.out().contains("检测机构 L1234 的全部报告被暂停"), "the lab-wide recall in Chinese: " + r.out());
        assertTrue(r.out().contains("310420261000123456 / CSQU3054383 at gate NGB-G08"), "the audit query finds the scan: " + r.out());
    }

    @Test
    void shouldAnswerGatectlVerifyAgainstARunningServer() throws Exception {
        TestWorld w = new TestWorld();
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", w.root.publicKeySpki()));
        ServerContext ctx = new ServerContext().set(Setting.DATA_DIR, data.toString()).set(Setting.GATE_PORT, "0")
                .set(Setting.HTTP_PORT, "0").set(Setting.REGISTRY_ENTRIES, "10000").conclude();
        Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
        try (GateNode node = GateNode.start(ctx, clock, ServeCommand.components(clock, null))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + node.httpPort(), Files.readString(ctx.adminTokenFile()).trim(), "test");
            api.putTrustList(w.trustList(2, KeyStatus.REVOKED).sign(w.root));
            ReportDocument doc = TestWorld.report("NB26-600002");
            api.register(Reports.json(doc), doc.reportId());
            String code = w.issue(doc, w.labAes);
            String server = "127.0.0.1:" + node.gatePort();
            Run ok = run("verify", code, "--exporter", TestWorld.EXPORTER, "--server", server);
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains("\"outcome\" : \"RELEASE\""), ok.out());
            Run hold = run("verify", code, "--exporter", TestWorld.OTHER_EXPORTER, "--server", server);
            assertEquals(GateCtl.EXIT_HOLD, hold.exit());
            assertTrue(hold.out().contains("EXPORTER_MISMATCH"), hold.out());
        }
    }

    @Test
    void shouldSayWhenVerifyServerIsNotAGateServerAndExitTwo() throws Exception {
        try (java.net.ServerSocket http = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            // Like an HTTP server: every connection gets its own thread and a 400 for bytes that are no request.
            Thread t = new Thread(() -> {
                while (!http.isClosed()) {
                    try {
                        java.net.Socket s = http.accept();
                        Thread c = new Thread(() -> {
                            try (s) {
                                s.getInputStream().read(new byte[256]);
                                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                            } catch (java.io.IOException ignored) {
                                // the client went away
                            }
                        });
                        c.setDaemon(true);
                        c.start();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            Run r = run("verify", "GCC1:ABC", "--exporter", TestWorld.EXPORTER, "--server", "127.0.0.1:" + http.getLocalPort(),
                    "--timeout-ms", "3000");
            assertEquals(GateCtl.EXIT_USAGE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("is not a gate server") && r.err().contains("HTTP/1.1 400 Bad Request")
                    && r.err().contains("gate.port, default 7700"), r.err());
        }
    }
}
