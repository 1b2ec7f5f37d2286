package gcc.loadtest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate server in its own process ({@code gatectl serve}) on a data directory, with ephemeral
 * loopback ports read from its start-up line; stopped gracefully (SIGTERM) on close. Its own
 * process, so its CPU time is its own (/proc/PID/stat) and not the load generator's.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("gate tcp 127\\.0\\.0\\.1:(\\d+), http 127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    final int gatePort;
    final int httpPort;
    /** The admin bearer token the server made at first start (DATA/admin.token, docs/operations.md). */
    final String adminToken;

    /** The server's pause log ({@code -Xlog:gc,safepoint}, passed through GCC_JAVA_OPTS after any the caller set). */
    final GcLog gcLog;

    ServerProcess(Gatectl gatectl, Path data) throws Exception {
        gcLog = new GcLog(data.resolve("server-gc.log"));
        ProcessBuilder pb = new ProcessBuilder(gatectl.command("serve", "--data", data.toString(), "--gate-port", "0",
                "--http-port", "0")).redirectErrorStream(true);
        String opts = pb.environment().getOrDefault("GCC_JAVA_OPTS", "");
        pb.environment().put("GCC_JAVA_OPTS", (opts + " " + GcLog.option(gcLog.file())).trim());
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        Matcher up = null;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = UP.matcher(line);
            if (m.find()) {
                up = m;
                break;
            }
        }
        if (up == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the gate server did not start:\n" + seen);
        }
        gatePort = Integer.parseInt(up.group(1));
        httpPort = Integer.parseInt(up.group(2));
        adminToken = Files.readString(data.resolve("admin.token")).trim();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        }, "gcc-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
