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
            "verify_jdk_us_es256", "registry_get_us_1m", "registry_get_us_10m", "chm_get_us_1m", "chm_heap_mb_1m",
            "same_run_memo_miss_us_ed25519", "same_run_memo_miss_us_es256", "same_run_memo_miss_us_sm2",
            "same_run_verify_us_ed25519", "same_run_verify_us_es256", "same_run_verify_us_sm2");

    /** JMH results of a second run in the output directory, read with the main ones. */
    public static final String SAME_RUN_FILE = "jmh-same-run.json";

    private static final String[] ALGORITHMS = {"ed25519", "es256", "sm2"};

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

    /**
     * The summary for JMH results, with side figures read from {@code outDir}: chm-heap.json, and
     * {@value #SAME_RUN_FILE} (the JMH results of {@code MissOverVerifyBench}, which
     * {@code scripts/bench} runs on its own with more forks).
     */
    public static ObjectNode summarize(JsonNode jmh, Path outDir, String commandLine, ObjectNode machine) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Double> stages = new LinkedHashMap<>();
        ObjectNode s = JSON.createObjectNode();
        ArrayNode benchmarks = JSON.createArrayNode();
        Map<String, SideBySide> sideBySide = new LinkedHashMap<>();
        List<JsonNode> runs = new ArrayList<>();
        jmh.forEach(runs::add);
        Path sameRun = outDir.resolve(SAME_RUN_FILE);
        if (Files.exists(sameRun)) {
            JSON.readTree(sameRun.toFile()).forEach(runs::add);
        }
        for (JsonNode run : runs) {
            benchmarks.add(benchmark(run));
            classify(run, figures, stages, sideBySide);
        }
        Path heap = outDir.resolve("chm-heap.json");
        if (Files.exists(heap)) {
            figures.put("chm_heap_mb_1m", JSON.readTree(heap.toFile()).path("chm_heap_mb_1m").asDouble());
        }

        ObjectNode f = s.putObject("figures");
        figures.forEach((k, v) -> f.put(k, round(v)));
        ObjectNode st = s.putObject("stages_us");
        stages.forEach((k, v) -> st.put(k, round(v)));
        ObjectNode ratios = ratios(s, figures, sideBySide);
        targets(s.putArray("targets"), figures, ratios);
        ArrayNode missing = s.putArray("missing");
        REQUIRED.stream().filter(k -> !figures.containsKey(k)).forEach(missing::add);
        ArrayNode notes = s.putArray("notes").add("bc_over_jdk_sm2 is not applicable: the JDK has no SM2 provider");
        for (String alg : ALGORITHMS) {
            notes.add(sideBySide.containsKey(alg)
                    ? "memo_miss_over_raw_verify_" + alg + " is the median over " + sideBySide.get(alg).forks()
                    + " forks of MissOverVerifyBench of each fork's memo-miss decision time over its bare verify of the same"
                    + " codes, timed in alternating blocks in the same fork and seconds (memo_miss_over_one_signature_" + alg
                    + ": over one signature verified again and again, as RawVerifyBench does)"
                    : "memo_miss_over_raw_verify_" + alg + " divides DecideBench.memoMiss by RawVerifyBench.bouncyCastle,"
                    + " measured in different forks at different times (MissOverVerifyBench was not in this run):"
                    + " on a busy machine compare them with the errors under benchmarks");
        }
        s.set("benchmarks", benchmarks);
        s.set("machine", machine);
        s.put("commandLine", commandLine);
        s.put("units", "figures and stages in microseconds per operation (average time) unless named _bytes or _mb;"
                + " every benchmark's thread count is under benchmarks");
        return s;
    }

    /** Files one JMH result under a named figure, or under stages when no figure needs it. */
    private static void classify(JsonNode run, Map<String, Double> figures, Map<String, Double> stages,
                                 Map<String, SideBySide> sideBySide) {
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
            case "MissOverVerifyBench.sideBySide" -> {
                SideBySide sb = SideBySide.of(run.path("secondaryMetrics"));
                if (sb != null) {
                    sideBySide.put(alg, sb);
                    figures.put("same_run_memo_miss_us_" + alg, sb.missUs());
                    figures.put("same_run_verify_us_" + alg, sb.verifyUs());
                    figures.put("same_run_verify_one_us_" + alg, sb.verifyOneUs());
                }
            }
            default -> stages.put(cls + "." + method + (alg.isEmpty() ? "" : "[" + alg + "]"), score);
        }
    }

    /**
     * The ratios the targets judge: memo miss over bare verify (from the same-run benchmark when
     * the run has it, else from the two separate ones), BouncyCastle over the JDK.
     */
    private static ObjectNode ratios(ObjectNode s, Map<String, Double> figures, Map<String, SideBySide> sideBySide) {
        ObjectNode ratios = s.putObject("ratios");
        for (String alg : ALGORITHMS) {
            SideBySide sb = sideBySide.get(alg);
            if (sb != null) {
                ratios.put("memo_miss_over_raw_verify_" + alg, round(sb.missOverVerify()));
                ratios.put("memo_miss_over_one_signature_" + alg, round(sb.missOverVerifyOne()));
            } else {
                ratio(ratios, "memo_miss_over_raw_verify_" + alg, figures.get("decide_memo_miss_us_" + alg),
                        figures.get("verify_raw_us_" + alg));
            }
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
        for (String alg : ALGORITHMS) {
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

    /**
     * One algorithm's {@code MissOverVerifyBench} result: per fork, the mean time of each kind
     * (its nanoseconds over its operations, summed over the fork's iterations); every figure is
     * the median over forks, so one fork that ran while the machine was busy does not move it.
     */
    record SideBySide(double[] missPerFork, double[] verifyPerFork, double[] verifyOnePerFork) {
        /** Null when the result lacks the counters (a run of another version of the benchmark). */
        static SideBySide of(JsonNode secondary) {
            double[] miss = perFork(secondary, "missNanos", "missOps");
            double[] verify = perFork(secondary, "verifyNanos", "verifyOps");
            double[] one = perFork(secondary, "verifyOneNanos", "verifyOneOps");
            if (miss == null || verify == null || one == null || miss.length != verify.length || miss.length != one.length) {
                return null;
            }
            return new SideBySide(miss, verify, one);
        }

        int forks() {
            return missPerFork.length;
        }

        double missUs() {
            return median(missPerFork);
        }

        double verifyUs() {
            return median(verifyPerFork);
        }

        double verifyOneUs() {
            return median(verifyOnePerFork);
        }

        double missOverVerify() {
            return medianRatio(missPerFork, verifyPerFork);
        }

        double missOverVerifyOne() {
            return medianRatio(missPerFork, verifyOnePerFork);
        }

        private static double medianRatio(double[] a, double[] b) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] / b[i];
            }
            return median(r);
        }

        /** Microseconds per operation in each fork, from the counters' raw per-iteration sums. */
        private static double[] perFork(JsonNode secondary, String nanos, String ops) {
            JsonNode n = secondary.path(nanos).path("rawData");
            JsonNode o = secondary.path(ops).path("rawData");
            if (!n.isArray() || n.size() == 0 || n.size() != o.size()) {
                return null;
            }
            double[] us = new double[n.size()];
            for (int f = 0; f < n.size(); f++) {
                double sumNanos = 0;
                double sumOps = 0;
                for (int i = 0; i < n.get(f).size(); i++) {
                    sumNanos += n.get(f).get(i).asDouble();
                    sumOps += o.get(f).path(i).asDouble();
                }
                if (sumOps <= 0) {
                    return null;
                }
                us[f] = sumNanos / sumOps / 1000.0;
            }
            return us;
        }

        static double median(double[] v) {
            double[] s = v.clone();
            java.util.Arrays.sort(s);
            int m = s.length / 2;
            return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
        }
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
        s.get("figures").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT, "  %-40s %12.3f%n", e.getKey(),
                e.getValue().asDouble())));
        s.get("ratios").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT, "  %-40s %12.3f%n", e.getKey(),
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
