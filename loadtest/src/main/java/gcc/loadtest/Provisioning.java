package gcc.loadtest;

import gcc.crypto.Keys;
import gcc.report.ReportDocument;
import gcc.testkit.ApiClient;
import gcc.testkit.Reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Puts a workload's {@link Workload.Provision} into a server the way an operator would
 * (docs/operations.md): the customs root key where the server looks for it, the synthetic
 * background and the workload's reports through {@code gatectl registry generate} and
 * {@code import} before the first start, then the trust list and the revocation through the
 * admin API of the running server.
 */
final class Provisioning {
    private final Gatectl gatectl;
    private final PrintStream progress;

    Provisioning(Gatectl gatectl, PrintStream progress) {
        this.gatectl = gatectl;
        this.progress = progress;
    }

    /** Before the server's first start on {@code data}: root key and registry. */
    void beforeStart(Path data, Workload.Provision p, long background, LocalDate today) throws Exception {
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", p.rootSpki()));
        String entries = Long.toString(background + p.reports().size() + 10_000);
        if (background > 0) {
            progress.println("loadtest: gatectl registry generate --count " + background + " ...");
            gatectl.run("registry", "generate", "--data", data.toString(), "--entries", entries,
                    "--count", Long.toString(background), "--seed", "2026", "--today", today.toString());
        }
        Path lines = Files.createTempFile("gcc-loadtest-reports-", ".jsonl");
        try {
            write(lines, p);
            progress.println("loadtest: gatectl registry import (" + p.reports().size() + " workload reports) ...");
            gatectl.run("registry", "import", "--data", data.toString(), "--entries", entries, "--actor", "loadtest",
                    lines.toString());
        } finally {
            Files.deleteIfExists(lines);
        }
    }

    /** Through the running server's admin API: the trust list, and the revocation the workload expects. */
    void afterStart(ServerProcess server, Workload.Provision p) throws Exception {
        ApiClient api = new ApiClient("http://127.0.0.1:" + server.httpPort, server.adminToken, "loadtest");
        api.putTrustList(p.signedTrustList());
        api.changeStatus(p.revokedId(), "revoke", "load test");
    }

    private static void write(Path file, Workload.Provision p) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (ReportDocument d : p.reports()) {
                w.write(Reports.json(d));
                w.newLine();
            }
        }
    }
}
