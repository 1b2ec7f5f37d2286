package gcc.cluster.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One port's gate server as a child process ({@code gatectl serve} in Kafka mode) on a data
 * directory, with ephemeral loopback ports read from its start-up line, and its HTTP API for
 * admin changes and health. Stopped gracefully (SIGTERM) on close.
 */
final class PortProcess implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("gate tcp 127\\.0\\.0\\.1:(\\d+), http 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Chronicle's options come from config/jvm/chronicle.options (the one place they are written). */
    static final List<String> JVM = gcc.testkit.JvmOptions.chronicle();

    final String name;
    final int gatePort;
    final int httpPort;
    final long startedNanos;
    private final Process process;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PortProcess(String name, Path data, String classPath, List<String> settings, String heap) throws Exception {
        this.name = name;
        this.startedNanos = System.nanoTime();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM);
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(List.of("-Xmx" + heap, "-cp", classPath, "gcc.cli.GateCtl", "serve", "--data", data.toString(),
                "--gate-port", "0", "--http-port", "0"));
        for (String s : settings) {
            cmd.add("--set");
            cmd.add(s);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        int gate = -1;
        int web = -1;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = UP.matcher(line);
            if (m.find()) {
                gate = Integer.parseInt(m.group(1));
                web = Integer.parseInt(m.group(2));
                break;
            }
        }
        if (gate < 0) {
            process.destroyForcibly();
            throw new IllegalStateException(name + ": the gate server did not start:\n" + seen);
        }
        gatePort = gate;
        httpPort = web;
        Path log = data.resolve("server.log");
        Files.writeString(log, seen);
        Thread drain = new Thread(() -> {
            try (var w = Files.newBufferedWriter(log, java.nio.file.StandardOpenOption.APPEND)) {
                String l;
                while ((l = out.readLine()) != null) {
                    w.write(l);
                    w.newLine();
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        }, "gcc-" + name + "-output");
        drain.setDaemon(true);
        drain.start();
        token = Files.readString(data.resolve("admin.token")).trim();
    }

    JsonNode health() {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    HttpResponse<String> admin(String method, String path, byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .header("Authorization", "Bearer " + token).header("X-Actor", "cluster-harness")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
