package gcc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary writer against a real JMH result file (a quick run's jmh.json kept as a fixture). */
class SummaryWriterTest {
    @TempDir
    Path out;

    private static JsonNode sample() throws Exception {
        try (InputStream in = SummaryWriterTest.class.getResourceAsStream("/jmh-sample.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void shouldFillEveryRequiredFigureRatioAndTarget() throws Exception {
        Files.writeString(out.resolve("chm-heap.json"), "{\"chm_heap_mb_1m\": 512.5, \"entries\": 1000000}");
        try (InputStream in = SummaryWriterTest.class.getResourceAsStream("/jmh-same-run-sample.json")) {
            Files.write(out.resolve(SummaryWriter.SAME_RUN_FILE), in.readAllBytes());
        }
        ObjectNode s = SummaryWriter.summarize(sample(), out, "scripts/bench --quick", SummaryWriter.machine());
        for (String figure : SummaryWriter.REQUIRED) {
            assertTrue(s.get("figures").has(figure), "figure " + figure + " missing from " + s.get("figures"));
            assertTrue(s.get("figures").get(figure).asDouble() >= 0, figure);
        }
        assertEquals(0, s.get("missing").size(), s.get("missing").toString());
        assertEquals(512.5, s.get("figures").get("chm_heap_mb_1m").asDouble());
        for (String r : new String[]{"memo_miss_over_raw_verify_ed25519", "memo_miss_over_raw_verify_es256",
                "memo_miss_over_raw_verify_sm2", "bc_over_jdk_ed25519", "bc_over_jdk_es256"}) {
            assertTrue(s.get("ratios").has(r), r);
        }
        // A real MissOverVerifyBench run (3 forks, 2026-12-01): the ratio is the median of the forks' own ratios.
        assertEquals(1.043, s.get("ratios").get("memo_miss_over_raw_verify_sm2").asDouble(), 1e-9);
        assertEquals(1.042, s.get("ratios").get("memo_miss_over_raw_verify_es256").asDouble(), 1e-9);
        assertEquals(74.949, s.get("figures").get("same_run_memo_miss_us_es256").asDouble(), 1e-9);
        assertEquals(9, s.get("targets").size());
        s.get("targets").forEach(t -> {
            assertTrue(t.has("name") && t.has("goal") && t.has("measured") && t.has("met"), t.toString());
            assertFalse(t.get("measured").isNull(), t.toString());
        });
        assertTrue(s.get("machine").get("cores").asInt() > 0 && s.get("machine").has("cpu") && s.get("machine").has("jdk")
                && s.get("machine").has("gitCommit"));
        assertEquals("scripts/bench --quick", s.get("commandLine").asText());
        assertFalse(s.get("ratios").has("bc_over_jdk_sm2"), "the JDK has no SM2: no ratio to invent");
        assertTrue(s.get("stages_us").has("CodeStagesBench.base45Decode"), s.get("stages_us").toString());
        assertTrue(s.get("stages_us").has("DecideBench.memoHit[sm2]"), s.get("stages_us").toString());
    }

    @Test
    void shouldListEveryBenchmarkWithThreadsAndAllocation() throws Exception {
        JsonNode jmh = sample();
        ObjectNode s = SummaryWriter.summarize(jmh, out, "scripts/bench --quick", SummaryWriter.machine());
        assertEquals(jmh.size(), s.get("benchmarks").size());
        s.get("benchmarks").forEach(b -> {
            assertTrue(b.get("benchmark").asText().matches("[A-Za-z]+Bench\\.[A-Za-z0-9]+"), b.toString());
            assertEquals(1, b.get("threads").asInt(), b.toString());
            assertTrue(b.get("score").asDouble() > 0, b.toString());
            assertEquals("us/op", b.get("unit").asText(), b.toString());
            assertFalse(b.get("alloc_bytes_per_op").isNull(), "run without -prof gc: " + b);
        });
    }

    @Test
    void shouldListMissingFiguresInsteadOfInventingThem() throws Exception {
        ObjectNode s = SummaryWriter.summarize(new ObjectMapper().readTree("[]"), out, "x", SummaryWriter.machine());
        assertEquals(SummaryWriter.REQUIRED.size(), s.get("missing").size());
        s.get("targets").forEach(t -> {
            assertTrue(t.get("measured").isNull());
            assertFalse(t.get("met").asBoolean());
        });
    }

    /** A MissOverVerifyBench result for one algorithm: per fork, the counters' sums of two iterations. */
    private static JsonNode sideBySide(String alg, double[][] missNanos, double[][] verifyNanos, double[][] oneNanos,
                                       double opsPerIteration) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode run = m.createObjectNode().put("benchmark", "gcc.bench.MissOverVerifyBench.sideBySide").put("threads", 1)
                .put("mode", "avgt").put("forks", missNanos.length).put("measurementIterations", 2);
        run.putObject("params").put("alg", alg);
        run.putObject("primaryMetric").put("score", 80.0).put("scoreError", 1.0).put("scoreUnit", "us/op");
        ObjectNode sec = run.putObject("secondaryMetrics");
        sec.putObject("gc.alloc.rate.norm").put("score", 80000.0);
        double[][] ops = new double[missNanos.length][];
        for (int f = 0; f < ops.length; f++) {
            ops[f] = new double[]{opsPerIteration, opsPerIteration};
        }
        for (Object[] c : new Object[][]{{"missNanos", missNanos}, {"missOps", ops}, {"verifyNanos", verifyNanos},
                {"verifyOps", ops}, {"verifyOneNanos", oneNanos}, {"verifyOneOps", ops}}) {
            sec.putObject((String) c[0]).put("scoreUnit", "#").set("rawData", m.valueToTree(c[1]));
        }
        return run;
    }

    @Test
    void shouldJudgeMemoMissFromTheSameRunMedianOverForks() throws Exception {
        ArrayNode sameRun = new ObjectMapper().createArrayNode();
        // 1,000 operations per iteration: fork means (us) miss 90, 100, 300; verify 80, 80, 100; one 75, 78, 90.
        // Per-fork ratios 1.125, 1.25, 3.0: the median is 1.25 (a mean of the figures would say 1.99 / 1.57).
        sameRun.add(sideBySide("es256", new double[][]{{90e6, 90e6}, {100e6, 100e6}, {300e6, 300e6}},
                new double[][]{{80e6, 80e6}, {80e6, 80e6}, {100e6, 100e6}},
                new double[][]{{75e6, 75e6}, {78e6, 78e6}, {90e6, 90e6}}, 1000));
        // As scripts/bench leaves it: the side-by-side results in their own file next to the main ones.
        Files.writeString(out.resolve(SummaryWriter.SAME_RUN_FILE), sameRun.toString());
        ObjectNode s = SummaryWriter.summarize(sample(), out, "scripts/bench", SummaryWriter.machine());
        assertEquals(sample().size() + 1, s.get("benchmarks").size());
        assertEquals(1.25, s.get("ratios").get("memo_miss_over_raw_verify_es256").asDouble(), 1e-9);
        assertEquals(1.282, s.get("ratios").get("memo_miss_over_one_signature_es256").asDouble(), 1e-9);
        assertEquals(100.0, s.get("figures").get("same_run_memo_miss_us_es256").asDouble(), 1e-9);
        assertEquals(80.0, s.get("figures").get("same_run_verify_us_es256").asDouble(), 1e-9);
        assertEquals(78.0, s.get("figures").get("same_run_verify_one_us_es256").asDouble(), 1e-9);
        JsonNode target = null;
        for (JsonNode t : s.get("targets")) {
            if (t.get("name").asText().equals("memo-miss decision over bare verify, es256")) {
                target = t;
            }
        }
        assertEquals(1.25, target.get("measured").asDouble(), 1e-9);
        assertFalse(target.get("met").asBoolean());
        // The other algorithms had no same-run result here: their ratios still divide the separate figures.
        assertEquals(s.get("figures").get("decide_memo_miss_us_sm2").asDouble() / s.get("figures").get("verify_raw_us_sm2").asDouble(),
                s.get("ratios").get("memo_miss_over_raw_verify_sm2").asDouble(), 0.01);
        String notes = s.get("notes").toString();
        assertTrue(notes.contains("memo_miss_over_raw_verify_es256 is the median over 3 forks of MissOverVerifyBench"), notes);
        assertTrue(notes.contains("memo_miss_over_raw_verify_sm2 divides DecideBench.memoMiss by RawVerifyBench"), notes);
    }
}
