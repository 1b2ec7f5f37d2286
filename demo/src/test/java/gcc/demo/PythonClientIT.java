package gcc.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python gate client's tests ({@code clients/python}, {@code python3 -m unittest}) against a
 * real gate server: provisions a data directory with gatectl (keys, signed trust list, reports
 * registered, one revoked), starts {@code scripts/gatectl serve} on free ports, writes the cases
 * with the outcome each must get, and fails when any Python test fails or is skipped.
 */
class PythonClientIT {
    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static ReportDocument report(String id, int failItem, LocalDate tested) {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            items.add(new ItemResult(i, i != failItem, tested));
        }
        return new ReportDocument(id, "L1234", TestWorld.STANDARD, new Product("8715001000", "SX-200"), TestWorld.EXPORTER,
                tested.plusDays(3), items, null);
    }

    private String issue(ReportDocument doc, String key, boolean force) throws Exception {
        Path f = dir.resolve(doc.reportId() + ".json");
        Files.writeString(f, ReportJson.toPrettyString(doc));
        List<String> args = new ArrayList<>(List.of("issue", "--report", f.toString(), "--key", p(key), "--out", p("codes/" + doc.reportId())));
        if (force) {
            args.add("--force");
        }
        DemoCommandTest.Run r = DemoCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return Files.readString(dir.resolve("codes/" + doc.reportId() + ".txt")).trim();
    }

    @Test
    void shouldPassThePythonClientTestsAgainstARealServer() throws Exception {
        Assumptions.assumeTrue(Launcher.available("python3", "--version"),
                "python3 is not installed: the Python gate client's tests (clients/python) did not run");
        Launcher.assumePackaged();
        Path data = dir.resolve("data");
        assertEquals(0, DemoCommandTest.run("keygen", "--alg", "ed25519", "--out", p("root")).exit());
        assertEquals(0, DemoCommandTest.run("keygen", "--alg", "sm2", "--out", p("lab")).exit());
        Files.writeString(dir.resolve("list.json"), """
                { "version": 1, "issuedAt": "2026-01-01T00:00:00Z",
                  "labs": [ { "id": "L1234", "name": "Ningbo lab", "accreditation": "CNAS L1234", "standards": ["GB 31701-2026"],
                              "keys": [ {"publicKey": "lab.pub.pem", "notBefore": "2026-01-01T00:00:00Z",
                                         "notAfter": "2030-01-01T00:00:00Z", "status": "active"} ] } ] }
                """);
        assertEquals(0, DemoCommandTest.run("trust-list", "build", "--in", p("list.json"), "--out", p("list.cbor")).exit());
        Files.createDirectories(data.resolve("keys"));
        assertEquals(0, DemoCommandTest.run("trust-list", "sign", "--in", p("list.cbor"), "--root-key", p("root.key.pem"),
                "--out", data.resolve("trust-list.cose").toString()).exit());
        Files.copy(dir.resolve("root.pub.pem"), data.resolve("keys/customs-root.pub.pem"));

        LocalDate tested = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(10);
        ReportDocument good = report("PY26-000001", -1, tested);
        ReportDocument revoked = report("PY26-000002", -1, tested);
        ReportDocument failed = report("PY26-000003", 9, tested);
        ReportDocument unregistered = report("PY26-000004", -1, tested);
        String goodCode = issue(good, "lab.key.pem", false);
        String revokedCode = issue(revoked, "lab.key.pem", false);
        String failedCode = issue(failed, "lab.key.pem", true);
        String unregisteredCode = issue(unregistered, "lab.key.pem", false);
        DemoCommandTest.Run imported = DemoCommandTest.run("registry", "import", "--data", data.toString(), "--entries", "1000",
                p(good.reportId() + ".json"), p(revoked.reportId() + ".json"), p(failed.reportId() + ".json"));
        assertEquals(0, imported.exit(), imported.out());
        assertEquals(0, DemoCommandTest.run("registry", "revoke", "--data", data.toString(), "--reason", "recall", revoked.reportId()).exit());

        ObjectMapper json = new ObjectMapper();
        ArrayNode cases = json.createArrayNode();
        cases.addObject().put("name", "valid").put("code", goodCode).put("exporter", TestWorld.EXPORTER)
                .put("expect", "RELEASE").put("reportId", good.reportId());
        cases.addObject().put("name", "valid with product").put("code", goodCode).put("exporter", TestWorld.EXPORTER)
                .put("product", "8715001000/SX-200").put("expect", "RELEASE").put("reportId", good.reportId());
        cases.addObject().put("name", "wrong exporter").put("code", goodCode).put("exporter", TestWorld.OTHER_EXPORTER)
                .put("expect", "HOLD").putArray("reasons").add("EXPORTER_MISMATCH");
        cases.addObject().put("name", "wrong product").put("code", goodCode).put("exporter", TestWorld.EXPORTER)
                .put("product", "SX-300").put("expect", "HOLD").putArray("reasons").add("PRODUCT_MISMATCH");
        cases.addObject().put("name", "revoked").put("code", revokedCode).put("exporter", TestWorld.EXPORTER)
                .put("expect", "HOLD").putArray("reasons").add("REPORT_REVOKED");
        cases.addObject().put("name", "failed item").put("code", failedCode).put("exporter", TestWorld.EXPORTER)
                .put("expect", "HOLD").putArray("reasons").add("ITEM_FAILED");
        cases.addObject().put("name", "not registered").put("code", unregisteredCode).put("exporter", TestWorld.EXPORTER)
                .put("expect", "HOLD").putArray("reasons").add("REPORT_NOT_REGISTERED");
        cases.addObject().put("name", "malformed").put("code", "GCC1:NOT A CODE").put("exporter", TestWorld.EXPORTER)
                .put("expect", "HOLD").putArray("reasons").add("MALFORMED_CODE");
        Path casesFile = dir.resolve("cases.json");
        json.writerWithDefaultPrettyPrinter().writeValue(casesFile.toFile(), cases);

        try (Launcher.Server server = new Launcher.Server(data, dir.resolve("server.log"))) {
            Path python = Launcher.root().resolve("clients/python");
            ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "discover", "-v", "-s", "tests", "-t", ".")
                    .directory(python.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("unittest.log").toFile());
            pb.environment().put("GCC_GATE_SERVER", "127.0.0.1:" + server.gatePort);
            pb.environment().put("GCC_HTTP_SERVER", "127.0.0.1:" + server.httpPort);
            pb.environment().put("GCC_LIVE_CASES", casesFile.toString());
            pb.environment().put("GCC_LIVE_REQUIRED", "1");
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            boolean ended = p.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = Files.readString(dir.resolve("unittest.log"));
            assertTrue(ended, "python3 -m unittest did not finish:\n" + out);
            assertEquals(0, p.exitValue(), "Python client tests failed:\n" + out + "\nserver:\n" + Files.readString(server.log));
            assertTrue(out.contains("test_every_case_pipelined_twice") && out.contains("test_encodes_verify_requests_byte_for_byte"), out);
            assertFalse(out.contains("skipped"), "no Python test may be skipped here:\n" + out);
        }
    }
}
