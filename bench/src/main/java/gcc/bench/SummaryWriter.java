package gcc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.testkit.Machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results into {@code summary.json}: the named figures ops and the docs quote,
 * their ratios, the targets with whether each was met, every benchmark with its thread count,
 * time and allocation per operation, and where and how the run was made. A figure JMH did not
 * produce is listed under {@code missing}, never invented.
 *
 * <p>Usage: {@code SummaryWriter JMH_JSON OUT_DIR COMMAND_LINE}.
 */
public final class SummaryWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every figure the summary must carry. */
    public static final List<String> REQUIRED = List.of("decide_memo_hit_us", "decide_memo_hit_alloc_bytes",
            "decide_memo_miss_us_ed25519", "decide_memo_miss_us_es256", "decide_memo_miss_us_sm2",
            "verify_raw_us_ed25519", "verify_raw_us_es256", "verify_raw_us_sm2", "verify_jdk_us_ed25519",
            "verify_jdk_us_es256", "registry_get_us_1m", "registry_get_us_10m", "chm_get_us_1m", "chm_heap_mb_1m");

    private SummaryWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SummaryWriter JMH_JSON OUT_DIR COMMAND_LINE");
            System.exit(2);
        }
        ObjectNode summary = summarize(JSON.readTree(Path.of(args[0]).toFile()), Path.of(args[1]), args[2], machine());
        Files.writeString(Path.of(args[1]).resolve("summary.json"), summary.toPrettyString() + "\n");
        System.out.println(table(summary));
    }

    /** The summary for JMH results, with side figures read from {@code outDir} (chm-heap.json). */
    public static ObjectNode summarize(JsonNode jmh, Path outDir, String commandLine, ObjectNode machine) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Double> stages = new LinkedHashMap<>();
        ObjectNode s = JSON.createObjectNode();
        ArrayNode benchmarks = JSON.createArrayNode();
        for (JsonNode run : jmh) {
            benchmarks.add(benchmark(run));
            classify(run, figures, stages);
        }
        Path heap = outDir.resolve("chm-heap.json");
        if (Files.exists(heap)) {
            figures.put("chm_heap_mb_1m", JSON.readTree(heap.toFile()).path("chm_heap_mb_1m").asDouble());
        }

        ObjectNode f = s.putObject("figures");
        figures.forEach((k, v) -> f.put(k, round(v)));
        ObjectNode st = s.putObject("stages_us");
        stages.forEach((k, v) -> st.put(k, round(v)));
        ObjectNode ratios = ratios(s, figures);
        targets(s.putArray("targets"), figures, ratios);
        ArrayNode missing = s.putArray("missing");
        REQUIRED.stream().filter(k -> !figures.containsKey(k)).forEach(missing::add);
        s.putArray("notes").add("bc_over_jdk_sm2 is not applicable: the JDK has no SM2 provider")
                .add("ratios divide figures measured in different forks at different times: on a busy machine"
                        + " compare them with the errors under benchmarks");
        s.set("benchmarks", benchmarks);
        s.set("machine", machine);
        s.put("commandLine", commandLine);
        s.put("units", "figures and stages in microseconds per operation (average time) unless named _bytes or _mb;"
                + " every benchmark's thread count is under benchmarks");
        return s;
    }

    /** Files one JMH result under a named figure, or under stages when no figure needs it. */
    private static void classify(JsonNode run, Map<String, Double> figures, Map<String, Double> stages) {
        String bench = run.path("benchmark").asText();
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        String cls = bench.substring(0, bench.lastIndexOf('.'));
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        JsonNode params = run.path("params");
        double score = run.path("primaryMetric").path("score").asDouble();
        String alg = params.path("alg").asText("");
        switch (cls + "." + method) {
            case "DecideBench.memoHit" -> {
                if (alg.equals("ed25519") || alg.isEmpty()) {
                    figures.put("decide_memo_hit_us", score);
                    Double alloc = alloc(run);
                    if (alloc != null) {
                        figures.put("decide_memo_hit_alloc_bytes", alloc);
                    }
                } else {
                    stages.put(cls + "." + method + "[" + alg + "]", score);
                }
            }
            case "DecideBench.memoMiss" -> figures.put("decide_memo_miss_us_" + alg, score);
            case "RawVerifyBench.bouncyCastle" -> figures.put("verify_raw_us_" + alg, score);
            case "JdkVerifyBench.jdk" -> figures.put("verify_jdk_us_" + alg, score);
            case "RegistryGetBench.chronicleMap" -> {
                long size = params.path("size").asLong();
                figures.put("registry_get_us_" + (size >= 10_000_000 ? "10m" : size >= 1_000_000 ? "1m" : size), score);
            }
            case "ChmBaselineBench.concurrentHashMap" -> figures.put("chm_get_us_1m", score);
            case "AuditRecordBench.record" -> figures.put("audit_record_us", score);
            default -> stages.put(cls + "." + method + (alg.isEmpty() ? "" : "[" + alg + "]"), score);
        }
    }

    /** The ratios the targets judge: memo miss over bare verify, BouncyCastle over the JDK. */
    private static ObjectNode ratios(ObjectNode s, Map<String, Double> figures) {
        ObjectNode ratios = s.putObject("ratios");
        for (String alg : new String[]{"ed25519", "es256", "sm2"}) {
            ratio(ratios, "memo_miss_over_raw_verify_" + alg, figures.get("decide_memo_miss_us_" + alg), figures.get("verify_raw_us_" + alg));
        }
        for (String alg : new String[]{"ed25519", "es256"}) {
            ratio(ratios, "bc_over_jdk_" + alg, figures.get("verify_raw_us_" + alg), figures.get("verify_jdk_us_" + alg));
        }
        return ratios;
    }

    /** Every target with its goal and whether the measured figure met it (null when not measured). */
    private static void targets(ArrayNode targets, Map<String, Double> figures, ObjectNode ratios) {
        target(targets, "memo-hit decision time", "<= 5 us", figures.get("decide_memo_hit_us"), 5.0);
        target(targets, "memo-hit decision allocation", "<= 64 bytes/op", figures.get("decide_memo_hit_alloc_bytes"), 64.0);
        target(targets, "registry get at 10M entries", "<= 1 us", figures.get("registry_get_us_10m"), 1.0);
        target(targets, "recording a decision in the audit", "<= 1 us", figures.get("audit_record_us"), 1.0);
        for (String alg : new String[]{"ed25519", "es256", "sm2"}) {
            target(targets, "memo-miss decision over bare verify, " + alg, "<= 1.15", ratios.has("memo_miss_over_raw_verify_" + alg)
                    ? ratios.get("memo_miss_over_raw_verify_" + alg).asDouble() : null, 1.15);
        }
        for (String alg : new String[]{"ed25519", "es256"}) {
            target(targets, "BouncyCastle faster than the JDK provider, " + alg, "< 1.0 (time ratio)",
                    ratios.has("bc_over_jdk_" + alg) ? ratios.get("bc_over_jdk_" + alg).asDouble() : null, 0.999999);
        }
    }

    /** One JMH result as the summary lists it: what ran, on how many threads, its time and allocation. */
    private static ObjectNode benchmark(JsonNode run) {
        String bench = run.path("benchmark").asText();
        ObjectNode b = JSON.createObjectNode();
        b.put("benchmark", bench.startsWith("gcc.bench.") ? bench.substring("gcc.bench.".length()) : bench);
        if (run.has("params")) {
            b.set("params", run.get("params"));
        }
        b.put("threads", run.path("threads").asInt());
        b.put("mode", run.path("mode").asText());
        JsonNode pm = run.path("primaryMetric");
        b.put("score", round(pm.path("score").asDouble()));
        double error = pm.path("scoreError").asDouble(Double.NaN);
        if (Double.isNaN(error)) {
            b.putNull("error");
        } else {
            b.put("error", round(error));
        }
        b.put("unit", pm.path("scoreUnit").asText());
        Double alloc = alloc(run);
        if (alloc == null) {
            b.putNull("alloc_bytes_per_op");
        } else {
            b.put("alloc_bytes_per_op", round(alloc));
        }
        b.put("forks", run.path("forks").asInt());
        b.put("measurementIterations", run.path("measurementIterations").asInt());
        return b;
    }

    private static Double alloc(JsonNode run) {
        JsonNode sec = run.path("secondaryMetrics");
        for (String k : new String[]{"gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"}) {
            if (sec.has(k)) {
                return sec.get(k).path("score").asDouble();
            }
        }
        return null;
    }

    private static void ratio(ObjectNode ratios, String name, Double a, Double b) {
        if (a != null && b != null && b > 0) {
            ratios.put(name, round(a / b));
        }
    }

    private static void target(ArrayNode targets, String name, String goal, Double measured, double limit) {
        ObjectNode t = targets.addObject().put("name", name).put("goal", goal);
        if (measured == null) {
            t.putNull("measured");
            t.put("met", false);
            t.put("note", "not measured in this run");
        } else {
            t.put("measured", round(measured));
            t.put("met", measured <= limit);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** Cores, JDK, OS, CPU model, git commit. */
    static ObjectNode machine() {
        ObjectNode m = JSON.valueToTree(Machine.current());
        m.put("gitCommit", System.getProperty("gcc.bench.commit", "unknown"));
        return m;
    }

    /** The figures as a text table for the console. */
    static String table(ObjectNode s) {
        StringBuilder sb = new StringBuilder();
        s.get("figures").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT, "  %-32s %12.3f%n", e.getKey(),
                e.getValue().asDouble())));
        s.get("ratios").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT, "  %-32s %12.3f%n", e.getKey(),
                e.getValue().asDouble())));
        List<String> lines = new ArrayList<>();
        s.get("targets").forEach(t -> lines.add(t.get("measured").isNull()
                ? String.format(Locale.ROOT, "  [not measured] %s %s", t.get("name").asText(), t.get("goal").asText())
                : String.format(Locale.ROOT, "  [%s] %s %s: %s", t.get("met").asBoolean() ? "met" : "MISSED",
                t.get("name").asText(), t.get("goal").asText(), t.get("measured").asText())));
        sb.append(String.join("\n", lines)).append('\n');
        if (s.get("missing").size() > 0) {
            sb.append("  missing figures: ").append(s.get("missing")).append('\n');
        }
        return sb.toString();
    }
}
