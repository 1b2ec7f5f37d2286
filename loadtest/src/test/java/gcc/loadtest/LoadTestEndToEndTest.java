package gcc.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code scripts/loadtest --quick} end to end against a real gate server process: checks the
 * summary's fields and that not one decision was wrong. Latency is not asserted (a shared
 * machine); the Redis baseline runs when redis-server is installed (.ci/run installs it).
 */
class LoadTestEndToEndTest {
    @TempDir
    Path out;

    private static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/loadtest"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void shouldRefuseToProvisionIntoAUsedDataDirectoryBeforeIssuingAnything() throws Exception {
        Path root = repoRoot();
        Path used = Files.createDirectories(out.resolve("used"));
        Files.writeString(used.resolve("journal.cq4"), "");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/loadtest").toString(), "--quick", "--no-redis",
                "--data", used.toString(), "--out", out.resolve("results").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.resolve("refused.log").toFile());
        pb.environment().put("GCC_LOADTEST_CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not exit");
        String console = Files.readString(out.resolve("refused.log"));
        assertEquals(2, p.exitValue(), console);
        assertTrue(console.contains("is not empty") && console.contains("--server"), console);
        assertTrue(!console.contains("issuing codes"), "refused before any work: " + console);
    }

    @Test
    void shouldRunQuickLoadTestWithZeroWrongDecisionsAndAFullReport() throws Exception {
        Path root = repoRoot();
        boolean redis = Baselines.findRedis() != null;
        List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/loadtest").toString(), "--quick", "--rounds", "2",
                "--out", out.toString()));
        if (!redis) {
            cmd.add("--no-redis");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(out.resolve("console.log").toFile());
        pb.environment().put("GCC_LOADTEST_CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        // About two minutes on an idle machine; provisioning starts three gatectl JVMs (registry generate,
        // import, serve), which a machine shared with other builds can slow several times over.
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            fail("scripts/loadtest --quick did not finish in 15 minutes");
        }
        String console = Files.readString(out.resolve("console.log"));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, "exit " + p.exitValue() + "\n" + console);
        // Progress of the long work, as a log shows it (no terminal here: lines, never carriage returns).
        for (String done : new String[]{"loadtest: issuing codes: ", "registry generate: ", "gate decision (round 1 of 2): ",
                "gate decision (round 2 of 2): ", "netty echo (round 2 of 2): "}) {
            assertTrue(console.lines().anyMatch(l -> l.startsWith(done) && l.contains(" done in ")), done + "\n" + console);
        }
        assertTrue(!console.contains("\r"), "no bar redrawn into a log");

        Path latest = out.resolve("latest");
        JsonNode s = new ObjectMapper().readTree(latest.resolve("summary.json").toFile());
        for (String f : new String[]{"target_rps", "achieved_rps", "connections", "duration_s", "mix", "latency_us",
                "wrong_decisions", "false_releases", "busy", "errors", "baselines", "p99_ratio_vs_redis", "slo", "machine",
                "commit", "commandLine", "cpu_us_per_request", "cpu_ratio_vs_redis", "gate_server", "harness_gc",
                "harness_paused_longer_than_slo", "knee", "goals", "goals_met", "first_sight_codes"}) {
            assertTrue(s.has(f), f + " missing from summary: " + s);
        }
        for (String q : new String[]{"p50", "p90", "p99", "p999", "max"}) {
            assertTrue(s.get("latency_us").has(q), q);
        }
        assertTrue(s.get("first_sight_codes").get("used").asLong() > 0, "the run sent first-sight codes: " + s.get("first_sight_codes"));
        assertFalse(s.get("first_sight_codes").get("exhausted").asBoolean(), "a provisioned run has enough of them");
        assertEquals(0, s.get("wrong_decisions").asLong(), console);
        assertEquals(0, s.get("false_releases").asLong(), console);
        assertTrue(s.get("achieved_rps").asLong() > 0);
        assertTrue(s.get("baselines").has("netty_echo"));
        // the echo talks to the kernel as the gate does by default: io_uring with lent buffers where the kernel allows it
        String transport = s.get("baselines").get("netty_echo").get("transport").asText();
        String expected = !io.netty.channel.uring.IoUring.isAvailable()
                ? io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio"
                : io.netty.channel.uring.IoUring.isRegisterBufferRingSupported() ? "io_uring+receive-buffers" : "io_uring";
        assertEquals(expected, transport);
        assertEquals(redis, s.get("baselines").has("redis_get"));
        assertTrue(s.get("slo").has("p99_us") && s.get("slo").has("met"));
        // judged unless the bare echo itself missed the SLO in this run, and then required accordingly
        boolean judged = s.get("slo").get("judged").asBoolean();
        assertEquals(judged, s.get("slo").get("machine_floor_p99_us").asLong() <= s.get("slo").get("p99_us").asLong());
        assertEquals(judged, s.get("goals").get(0).get("required").asBoolean());
        if (!judged) {
            assertTrue(s.get("slo").get("why_not_judged").asText().contains("more than 10 ms late"), "the host's stalls beside the floor");
        }
        assertEquals(s.get("goals_met").asBoolean() ? 0 : 1, p.exitValue(), "exit status follows the goals");
        assertTrue(s.get("cpu_us_per_request").asDouble() > 0, "the server's CPU per decision from /proc");
        assertTrue(s.get("gate_server").get("cpu_us_per_request_by_thread").size() > 0, "where the server's CPU went, by thread group");
        assertTrue(s.get("gate_server").get("server_gc").has("count"), "the server's GC log was read");
        assertTrue(s.get("baselines").get("netty_echo").get("cpu_us_per_request").asDouble() > 0, "the echo server is its own process");
        if (redis) {
            assertTrue(s.get("baselines").get("redis_get").get("cpu_us_per_request").asDouble() > 0);
            assertTrue(s.get("cpu_ratio_vs_redis").asDouble() > 0);
            assertTrue(s.get("knee").has("redis_rps") && s.get("knee").get("redis_steps").size() > 0, "knee of both");
        }
        assertTrue(s.get("knee").has("gate_rps") && s.get("knee").get("gate_steps").size() > 0);
        // two rounds, each with a slice of every server, and the merged run as long as the slices together
        JsonNode rounds = s.get("interleaving").get("by_round");
        assertEquals(2, rounds.size(), s.get("interleaving").toString());
        for (JsonNode round : rounds) {
            assertTrue(round.get("gate_decision").get("cpu_us_per_request").asDouble() > 0, round.toString());
            assertTrue(round.get("netty_echo").get("p99_us").asLong() > 0, round.toString());
            assertEquals(redis, round.has("redis_get"), round.toString());
            assertTrue(round.get("netty_echo").has("late_wakeups_over_10ms"), round.toString());
        }
        // the sleeping harness thread ran through every server's measured windows, and each run's
        // stalls are its slices' stalls together
        for (String server : new String[]{"gate_decision", "netty_echo"}) {
            JsonNode late = (server.equals("gate_decision") ? s.get("gate_server") : s.get("baselines").get(server)).get("late_wakeups");
            assertTrue(late.get("count").asLong() > 100, late.toString());
            long inSlices = 0;
            for (JsonNode round : rounds) {
                inSlices += round.get(server).get("late_wakeups_over_10ms").asLong();
            }
            assertEquals(inSlices, late.get("over_10ms").asLong(), late + " against " + rounds);
        }
        assertTrue(console.contains("woke more than 10 ms late"), console);
        assertEquals(s.get("duration_s").asDouble(), 2 * s.get("interleaving").get("slice_seconds").asDouble(), 1e-9);
        assertTrue(s.get("harness_gc").has("count") && s.get("harness_gc").has("max_ms"));
        for (String file : new String[]{"decision.hlog", "gate-decision.hgrm", "latency-by-percentile.png", "throughput.png",
                "report.html", "clearance.json"}) {
            assertTrue(Files.size(latest.resolve(file)) > 0, file);
        }
        String html = Files.readString(latest.resolve("report.html"));
        assertTrue(html.contains("latency-by-percentile.png") && html.contains("throughput.png"));
        JsonNode clearance = new ObjectMapper().readTree(latest.resolve("clearance.json").toFile());
        assertTrue(clearance.get("scenarios").size() >= 2);
        assertTrue(clearance.get("scenarios").get(0).get("sweeps").has("reviewUtilization") && clearance.has("region"));
        assertTrue(html.contains("Where 40% holds") && html.contains("-reviewUtilization-heatmap.png"), "the report has the clearance section");
    }

}
