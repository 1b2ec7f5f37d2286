package gcc.loadtest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate server in its own process ({@code scripts/gatectl serve}) on a data directory, with
 * ephemeral loopback ports read from its start-up line; stopped gracefully (SIGTERM) on close.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("gate tcp 127\\.0\\.0\\.1:(\\d+), http 127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    final int gatePort;
    final int httpPort;

    ServerProcess(Path gatectl, Path data, List<String> extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(gatectl.toString(), "serve", "--data", data.toString(),
                "--gate-port", "0", "--http-port", "0"));
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        int gate = -1;
        int http = -1;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = UP.matcher(line);
            if (m.find()) {
                gate = Integer.parseInt(m.group(1));
                http = Integer.parseInt(m.group(2));
                break;
            }
        }
        if (gate < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the gate server did not start:\n" + seen);
        }
        gatePort = gate;
        httpPort = http;
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
