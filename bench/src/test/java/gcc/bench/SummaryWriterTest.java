package gcc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertEquals(s.get("figures").get("decide_memo_miss_us_sm2").asDouble() / s.get("figures").get("verify_raw_us_sm2").asDouble(),
                s.get("ratios").get("memo_miss_over_raw_verify_sm2").asDouble(), 0.01);
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
}
