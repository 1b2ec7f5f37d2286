package gcc.chaos;

import gcc.cli.GateCtl;
import gcc.testkit.JvmOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gate server ({@code gatectl serve}) in a child JVM on a data directory, with ephemeral
 * loopback ports read from its start-up line; killed with SIGKILL or stopped with SIGTERM.
 *
 * <p>Not thread-safe.
 */
final class ChaosServer implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("gate tcp 127\\.0\\.0\\.1:(\\d+), http 127\\.0\\.0\\.1:(\\d+)");

    final int gatePort;
    final int httpPort;
    /** From process start to the start-up line (registry, trust list and audit open; listeners bound). */
    final long startMillis;
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private ChaosServer(Process process, int gatePort, int httpPort, long startMillis) {
        this.process = process;
        this.gatePort = gatePort;
        this.httpPort = httpPort;
        this.startMillis = startMillis;
    }

    /** Starts a server on {@code data} with {@code settings}; waits for its start-up line. */
    static ChaosServer start(Path data, Map<String, String> settings) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmOptions.chronicle());
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), GateCtl.class.getName(), "serve",
                "--data", data.toString(), "--gate-port", "0", "--http-port", "0"));
        settings.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = UP.matcher(line);
            if (m.find()) {
                ChaosServer s = new ChaosServer(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        (System.nanoTime() - t0) / 1_000_000);
                s.drain(out);
                return s;
            }
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("the gate server did not start on " + data + ":\n" + String.join("\n", seen));
    }

    private void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    synchronized (output) {
                        if (output.size() < 2_000) {
                            output.add(l);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process died: that is the point
            }
        }, "chaos-server-output");
        t.setDaemon(true);
        t.start();
    }

    static String token(Path data) throws IOException {
        return Files.readString(data.resolve("admin.token")).trim();
    }

    /** SIGKILL: no shutdown hook, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server did not die");
        }
    }

    /** SIGTERM: the graceful stop. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }
}
