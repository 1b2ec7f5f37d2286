package gcc.demo;

import gcc.cli.GateCtl;
import gcc.policy.ItemSpec;
import gcc.policy.PolicyJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs docs/quickstart.md as written: every {@code ```sh} block, in order, as one bash script with
 * {@code set -euo pipefail}, through {@code scripts/gatectl}, with HOME a temporary directory (so
 * {@code ~/gcc-pilot} is empty) and the server's two ports moved to free ones (environment
 * GCC_GATE_PORT / GCC_HTTP_PORT, and {@code 127.0.0.1:7700} / {@code :7780} in the commands).
 */
class QuickstartIT {
    private static final Path DOC = Launcher.root().resolve("docs/quickstart.md");

    @TempDir
    Path home;

    static List<String> shellBlocks(String doc) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```sh\\n(.*?)^```$", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void shouldRunEveryCommandOfTheQuickStartAsWritten() throws Exception {
        Launcher.assumePackaged();
        Assumptions.assumeTrue(Launcher.available("curl", "--version"), "the quick start uses curl, which is not installed");
        String doc = Files.readString(DOC);
        List<String> blocks = shellBlocks(doc);
        assertTrue(blocks.size() >= 10, "shell blocks in the quick start: " + blocks.size());
        int gate = Launcher.freePort();
        int http = Launcher.freePort();
        String script = "set -euo pipefail\n" + String.join("\n", blocks)
                .replace("127.0.0.1:7700", "127.0.0.1:" + gate).replace("127.0.0.1:7780", "127.0.0.1:" + http);
        Path log = home.resolve("quickstart.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(Launcher.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GCC_GATE_PORT", Integer.toString(gate));
        pb.environment().put("GCC_HTTP_PORT", Integer.toString(http));
        Process p = pb.start();
        boolean ended = p.waitFor(20, TimeUnit.MINUTES);
        Path pid = home.resolve("gcc-pilot/server.pid");
        if (Files.exists(pid)) {
            var server = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
            if (server.isPresent()) {
                Launcher.stop(server.get());
            }
        }
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended, "the quick start did not finish in 20 minutes:\n" + out);
        assertEquals(0, p.exitValue(), "the quick start failed:\n" + out);

        for (String expected : new String[]{
                "\"signatureVerified\" : true",
                "RELEASE  reports/NB26-000123.json", "RELEASE  reports/SH26-000045.json",
                "HOLD     reports/NB26-000124.json", "ITEM_FAILED: failed items 9 (antimony)",
                "refused reports/NB26-000124.json, nothing written",
                "QR        version 10 at level M",
                "2 registered, 0 refused",
                "\"outcome\" : \"RELEASE\"", "\"reason\" : \"EXPORTER_MISMATCH\"", "\"reason\" : \"REPORT_NOT_REGISTERED\"",
                "\"reason\" : \"REPORT_REVOKED\"",
                "\"outcome\":\"RELEASE\"",
                "{\"reportId\":\"NB26-000124\",\"change\":\"REGISTER\"",
                "lab L1234 may withdraw only its own reports; SH26-000045 is lab L5678's"}) {
            assertTrue(out.contains(expected), "'" + expected + "' in the quick start's output:\n" + out);
        }
        // report check, issue, and three gate decisions hold, each going on with `|| echo "exit $?"`.
        assertEquals(5, out.split("exit 10\n", -1).length - 1, out);
        assertFalse(out.contains("\u001b["), "no terminal colour codes in the output");

        // The audit query comes after the last decision: it lists the release and the revoked hold.
        String audit = out.substring(out.lastIndexOf("\"reason\" : \"REPORT_REVOKED\""));
        audit = audit.substring(audit.indexOf('}'));
        assertTrue(audit.contains("NB26-000123") && audit.contains("RELEASE") && audit.contains("REPORT_REVOKED"),
                "the audit lists the release and the hold of NB26-000123:\n" + audit);
    }

    @Test
    void shouldListThePolicysItemsAndValidityExactly() throws Exception {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("<!-- items:begin -->"), doc.indexOf("<!-- items:end -->"));
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\| (.+?) \\| (.+?) \\| (\\d+) \\|$").matcher(table);
        while (m.find()) {
            rows.add(m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4));
        }
        List<String> policy = new ArrayList<>();
        for (ItemSpec i : PolicyJson.load(null).defaultProfile().items()) {
            policy.add(i.item() + "/" + i.name() + "/" + i.group() + "/" + i.validityMonths());
        }
        assertEquals(policy, rows);
    }

    @Test
    void shouldWriteACompleteTwentyOneItemReport() throws Exception {
        String doc = Files.readString(DOC);
        String report = doc.substring(doc.indexOf("cat > reports/NB26-000123.json <<EOF"));
        report = report.substring(report.indexOf('\n') + 1, report.indexOf("\nEOF"));
        Path f = home.resolve("r.json");
        Files.writeString(f, report.replace("$ISSUED", "2026-05-20").replace("$TESTED", "2026-05-02"));
        DemoCommandTest.Run r = DemoCommandTest.run("report", "check", "--at", "2026-06-15", f.toString());
        assertEquals(GateCtl.EXIT_OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("21 items"), r.out());
    }
}
