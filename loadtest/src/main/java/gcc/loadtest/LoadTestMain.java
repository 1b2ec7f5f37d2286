package gcc.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.clearance.ClearanceReport;
import gcc.clearance.LatencyDistribution;
import gcc.testkit.Machine;
import org.HdrHistogram.HistogramLogWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The rollout load test: starts a gate server (or uses one), runs the mix at a constant rate over
 * N connections, the Redis GET and Netty echo baselines at the same rate and connection count,
 * optionally the knee search, then the clearance model on the measured latency. Exit 0 when the
 * SLO is met with no wrong decision, 1 otherwise, 2 on a usage error.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open-loop load test of a gate server before a regional rollout (docs/performance.md).",
                "Exit 0 when p99 <= the SLO with zero wrong decisions, 1 otherwise, 2 on usage errors."})
public final class LoadTestMain implements Callable<Integer> {
    @Option(names = "--rate", description = "target requests per second (default: ${DEFAULT-VALUE})")
    double rate = 20_000;
    @Option(names = "--duration", description = "measured seconds per run (default: ${DEFAULT-VALUE})")
    double duration = 30;
    // 20 s: a fresh server JVM is still compiling for 30-40 s (C2 was 1-10 us of CPU per request in
    // runs measured after 5-10 s); the measured window is meant to be the steady state.
    @Option(names = "--warmup", description = "unmeasured seconds before each server's first slice, while its JIT compiles; later slices warm up for 2 s "
            + "(default: ${DEFAULT-VALUE})")
    double warmup = 20;
    @Option(names = "--rounds", paramLabel = "N",
            description = "split each server's measured --duration into N slices taken in turn (gate, echo, Redis, gate, ...) so a drift in "
                    + "the host lands on all three alike (default: 3; 1 with --quick)")
    Integer rounds;
    @Option(names = "--connections", description = "gate connections (default: ${DEFAULT-VALUE}, like a large port's lanes)")
    int connections = 200;
    @Option(names = "--mix", description = "traffic mix (default: ${DEFAULT-VALUE})")
    String mix = Mix.DEFAULT.toString();
    @Option(names = "--slo-p99-us", description = "p99 objective in microseconds (default: ${DEFAULT-VALUE})")
    long sloP99 = 1000;
    @Option(names = "--knee", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "step the rate up for the gate and for Redis alike until p99 breaks the SLO or errors appear, and report each one's highest rate that held (default: on; --no-knee skips it)")
    boolean knee;
    @Option(names = "--knee-slo-us", paramLabel = "US",
            description = "the p99 bound a knee step must hold (default: --slo-p99-us). On a host whose own floor is above the SLO "
                    + "(the bare echo's p99 in summary.json slo.machine_floor_p99_us) no step holds it and both knees are 0; "
                    + "a bound above that floor still compares the gate's knee with Redis's")
    Long kneeSloUs;
    @Option(names = "--knee-step-seconds", description = "measured seconds per knee step (default: a fifth of --duration, at least 3; 2 with --quick)")
    Double kneeStepSeconds;
    @Option(names = "--server", paramLabel = "HOST:PORT", description = "use a running server whose data directory is --data (prepared with --prepare-only)")
    String server;
    @Option(names = "--server-pid", paramLabel = "PID", description = "with --server: its process id, for its CPU time per request (/proc/PID/stat)")
    long serverPid = -1;
    @Option(names = "--server-gc-log", paramLabel = "FILE", description = "with --server: its -Xlog:gc,safepoint file, for its pauses")
    Path serverGcLog;
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: a new temporary one); provisioning needs it new or empty, --server uses one prepared earlier")
    Path data;
    @Option(names = "--prepare-only", description = "provision --data for a server started separately (through gatectl and a server started for the purpose), then exit")
    boolean prepareOnly;
    @Option(names = "--reports", description = "background synthetic reports in the registry (default: ${DEFAULT-VALUE})")
    long reports = 100_000;
    @Option(names = "--no-redis", description = "skip the Redis baseline")
    boolean noRedis;
    @Option(names = "--no-echo", description = "skip the Netty echo baseline (for short tuning runs; the summary then has no echo figures)")
    boolean noEcho;
    @Option(names = "--no-clearance", description = "skip the clearance model (minutes on a busy machine) for short tuning runs")
    boolean noClearance;
    @Option(names = "--quick", description = "a short run: 2,000 req/s, 8 s per run, 50 connections, 20,000 background reports, knee steps of 2 s up to 2x the rate")
    boolean quick;
    @Option(names = "--out", paramLabel = "DIR", description = "results root (default: loadtest/results)")
    Path out = Path.of("loadtest/results");
    @Option(names = "--gatectl", paramLabel = "PATH", description = "the gatectl launcher that provisions and runs the server (default: scripts/gatectl)")
    Path gatectl = Path.of("scripts/gatectl");
    @Option(names = "--scenarios", arity = "1..*", paramLabel = "FILE", description = "clearance-model scenarios (default: loadtest/scenarios/*.json)")
    List<Path> scenarios;

    private final PrintStream progress = System.err;
    /** The transport the echo baseline chose (for the summary), or null without it. */
    private String echoTransport;

    /**
     * A knee search: the highest rate whose p99 held the bound without errors, every step tried,
     * and whether even the search's top step held ({@code capped}: the true knee is at or above
     * {@code bestRps}, not at it).
     */
    record Knee(long bestRps, List<RunResult> steps, boolean capped) {
    }

    /**
     * The gate's knee over Redis's when the two searches can tell it, else null. Redis at 0 leaves
     * it unmeasured (the machine, not the gate). A capped knee is a lower bound, so the ratio is
     * only known on one side of the limit: with Redis capped it is at most the quotient (a pass
     * cannot be claimed, a miss can), with the gate capped at least (a pass can, a miss cannot).
     */
    static Double kneeRatio(Knee gate, Knee redis, double limit) {
        if (gate == null || redis == null || redis.bestRps() == 0 || gate.capped() && redis.capped()) {
            return null;
        }
        double q = (double) gate.bestRps() / redis.bestRps();
        if (redis.capped() && q >= limit || gate.capped() && q < limit) {
            return null;
        }
        return q;
    }

    /** What the measuring phase produced: every run (the decision run first), the knees, the answer counts. */
    private record Measured(List<RunResult> runs, java.util.Map<String, List<RunResult>> slices, Knee gateKnee, Knee redisKnee,
                            DecisionTarget target) {
        RunResult decision() {
            return runs.get(0);
        }

        RunResult run(String name) {
            return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        }
    }

    @Override
    public Integer call() throws Exception {
        Mix m = settleOptions();
        Path redisBinary = Baselines.findRedis();
        if (!noRedis && redisBinary == null && !prepareOnly) {
            System.err.println("loadtest: redis-server is not installed; install it (apt-get install -y redis-server) or pass --no-redis");
            return 2;
        }
        if (server == null && data != null && holdsFiles(data)) {
            // Provisioning registers the workload's reports; in a used directory they are already
            // there and the registry refuses them, after a minute of issuing codes.
            System.err.println("loadtest: --data " + data + (Files.isDirectory(data) ? " is not empty" : " is a file")
                    + ": provisioning needs a new or empty directory"
                    + " (a directory prepared earlier is used with --server HOST:PORT --data " + data + ")");
            return 2;
        }
        Path dataDir = data != null ? data : Files.createTempDirectory("gcc-loadtest-");
        if (prepareOnly) {
            provisionAndStart(dataDir, m).close();
            System.out.println("prepared " + dataDir + ": start `scripts/gatectl serve --data " + dataDir
                    + "`, then run loadtest --server HOST:PORT --data " + dataDir);
            return 0;
        }
        Path dir = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Measured measured;
        Workload workload;
        if (server == null) {
            try (ServerProcess started = provisionAndStart(dataDir, m)) {
                workload = Workload.load(dataDir, m);
                // the next run against this directory continues the list
                measured = measuredThenSaved(workload, dataDir, () -> measure("127.0.0.1", started.gatePort,
                        new Runner.Server(started.pid(), started.gcLog), workload, dir, redisBinary));
                if (Files.exists(started.gcLog.file())) {
                    Files.copy(started.gcLog.file(), dir.resolve("server-gc.log"));
                }
            }
        } else {
            int colon = server.lastIndexOf(':');
            workload = Workload.load(dataDir, m);
            // even a failed run sent codes the server now holds
            measured = measuredThenSaved(workload, dataDir, () -> measure(server.substring(0, colon),
                    Integer.parseInt(server.substring(colon + 1)),
                    new Runner.Server(serverPid, serverGcLog == null ? null : new GcLog(serverGcLog)), workload, dir, redisBinary));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = summary(measured, m, json);
        ObjectNode firstSight = summary.putObject("first_sight_codes");
        firstSight.put("used", workload.firstUsed());
        firstSight.put("in_data_directory", workload.firstTotal());
        firstSight.put("exhausted", workload.firstExhausted());
        if (workload.firstExhausted()) {
            System.err.println("loadtest: every first-sight code in " + dataDir + " has been sent (" + workload.firstTotal()
                    + "); later 'first' requests went out as seen codes, so this run's mix had fewer first sightings"
                    + " than asked: prepare a new directory (--prepare-only) for a run that needs them");
        }
        Path latest = writeReport(summary, measured, dir, json);
        return printResult(measured, summary, dir, latest);
    }

    private static boolean holdsFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /**
     * Measures, then saves how far the workload's first-sight list was used, whether or not the
     * measuring failed (the server holds the codes sent either way). A failure to save never hides
     * the measuring's own failure: it is attached to it as suppressed.
     */
    private static Measured measuredThenSaved(Workload workload, Path dataDir, java.util.concurrent.Callable<Measured> measuring)
            throws Exception {
        Measured measured;
        try {
            measured = measuring.call();
        } catch (Throwable t) {
            try {
                workload.saveUsed(dataDir);
            } catch (Throwable saving) {
                t.addSuppressed(saving);
            }
            throw t;
        }
        workload.saveUsed(dataDir);
        return measured;
    }

    /** Applies --quick and checks the options; the mix as parsed. */
    private Mix settleOptions() {
        if (quick) {
            rate = Math.min(rate, 2_000);
            duration = Math.min(duration, 8);
            warmup = Math.min(warmup, 2);
            connections = Math.min(connections, 50);
            reports = Math.min(reports, 20_000);
        }
        if (rounds == null) {
            rounds = quick ? 1 : 3;
        }
        if (rounds < 1 || duration / rounds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1 and leave each slice "
                    + "at least a second of --duration (" + duration + " s)");
        }
        if (kneeStepSeconds == null) {
            kneeStepSeconds = quick ? 2 : Math.max(3, duration / 5);
        }
        Mix m = Mix.parse(mix);
        if (kneeSloUs != null && kneeSloUs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--knee-slo-us must be positive");
        }
        if (rate <= 0 || duration <= 0 || connections < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "rate, duration and connections must be positive");
        }
        return m;
    }

    /**
     * A new workload, provisioned into {@code dataDir} through the public CLI and the admin API of
     * a server started on it (returned running), and saved next to it for --server runs.
     */
    private ServerProcess provisionAndStart(Path dataDir, Mix m) throws Exception {
        long total = (long) (rate * (warmup + duration) * (knee ? 6 : 1.2)) + 1000;
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        progress.println("loadtest: provisioning " + dataDir + " (" + reports + " background reports) ...");
        Workload workload = Workload.create(m, total, 1_000, today);
        Gatectl cli = new Gatectl(gatectl);
        Provisioning provisioning = new Provisioning(cli, progress);
        provisioning.beforeStart(dataDir, workload.provision(), reports, today);
        progress.println("loadtest: starting a gate server on " + dataDir + " ...");
        ServerProcess started = new ServerProcess(cli, dataDir);
        try {
            provisioning.afterStart(started, workload.provision());
            workload.save(dataDir);
            return started;
        } catch (Exception e) {
            started.close();
            throw e;
        }
    }

    /** Warm-up of each slice after a server's first: its JIT is warm, its connections only idled. */
    static final double REWARM_SECONDS = 2;

    /** One server measured at the rate: its connections, its process, and the log of its latencies (or null). */
    private record Side(String name, OpenLoop.Target target, Runner.Server server, HistogramLogWriter log) {
    }

    /**
     * The gate, the echo server and Redis side by side: all three are up at once and measured in
     * turn, {@code --rounds} slices each of a {@code --rounds}th of --duration (gate, echo, Redis,
     * gate, ...), so a slow drift in what the host gives (this VM's CPU cost per request moved by
     * half within an hour) lands on all three alike; each server's slices are then one run. The
     * first slice of each warms up for --warmup, the later ones for {@link #REWARM_SECONDS}. Then
     * the knees, one rate step of the gate and one of Redis in turn. Each server is a process of its
     * own whose CPU time is read around each slice.
     */
    private Measured measure(String host, int port, Runner.Server gate, Workload workload, Path dir, Path redisBinary)
            throws Exception {
        HarnessGc harnessGc = new HarnessGc();
        Path echoGc = dir.resolve("echo-gc.log");
        HistogramLogWriter log = new HistogramLogWriter(dir.resolve("decision.hlog").toFile());
        log.outputStartTime(System.currentTimeMillis());
        log.outputLegend();
        try (AutoCloseable closesLog = log::close;
             LateWakeups lateWakeups = new LateWakeups();
             DecisionTarget target = new DecisionTarget(host, port, connections, workload);
             // without Netty's leak sampling, as gatectl serve runs the gate
             Baselines.Echo echo = noEcho ? null : new Baselines.Echo(List.of(GcLog.option(echoGc),
                     "-Dio.netty.leakDetection.level=disabled"));
             InOrderTarget echoConns = echo == null ? null : new InOrderTarget("127.0.0.1", echo.port, connections,
                     new Baselines.EchoProtocol(), new byte[][]{Baselines.echoFrame(workload.seen()[0].frame().length)}, "echo");
             Baselines.Redis redis = noRedis ? null : new Baselines.Redis(redisBinary);
             InOrderTarget redisConns = redis == null ? null : new InOrderTarget("127.0.0.1", redis.port, connections, new Resp(),
                     Baselines.loadRedis(redis.port, 10_000, 144), "redis")) {
            List<Side> sides = new ArrayList<>();
            sides.add(new Side("gate decision", target, gate, log));
            if (echo != null) {
                sides.add(new Side("netty echo", echoConns, new Runner.Server(echo.pid(), new GcLog(echoGc)), null));
            }
            Side redisSide = redis == null ? null : new Side("redis get", redisConns, new Runner.Server(redis.pid(), null), null);
            if (redisSide != null) {
                sides.add(redisSide);
            }
            echoTransport = echo == null ? null : echo.transport;
            target.warm();
            target.startCounting();
            java.util.Map<String, List<RunResult>> slices = new java.util.LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Side side : sides) {
                    String label = rounds == 1 ? side.name() : side.name() + " (round " + round + " of " + rounds + ")";
                    slices.computeIfAbsent(side.name(), k -> new ArrayList<>()).add(Runner.run(label, side.target(), rate,
                            round == 1 ? warmup : Math.min(warmup, REWARM_SECONDS), duration / rounds, side.log(), progress,
                            side.server(), harnessGc, lateWakeups));
                }
            }
            target.stopCounting(); // the knee steps are not part of the decision figures
            List<RunResult> runs = new ArrayList<>();
            slices.forEach((name, list) -> runs.add(RunResult.merge(name, list)));
            Knee[] knees = knee ? knees(sides.get(0), redisSide, harnessGc, lateWakeups) : new Knee[2];
            return new Measured(runs, slices, knees[0], knees[1], target);
        }
    }

    /** The goals the exit status follows (docs/performance.md): p99, ratios to Redis, knee. */
    static final double MAX_P99_RATIO = 1.0;
    static final double MAX_CPU_RATIO = 1.5;
    static final double MIN_KNEE_RATIO = 0.8;

    /**
     * summary.json: the decision run's figures and answer counts, CPU per request and GC pauses of
     * every process, the baselines and ratios, the knees, the goals, the SLO, the machine.
     */
    private ObjectNode summary(Measured measured, Mix m, ObjectMapper json) {
        RunResult decision = measured.decision();
        DecisionTarget target = measured.target();
        RunResult redis = measured.run("redis get");
        ObjectNode s = json.createObjectNode();
        s.put("target_rps", rate);
        s.put("achieved_rps", Math.round(decision.achievedRps()));
        s.put("connections", connections);
        s.put("duration_s", duration);
        s.put("mix", m.toString());
        decision.latencyJson(s.putObject("latency_us"));
        s.put("wrong_decisions", target.wrong.get());
        s.put("false_releases", target.falseReleases.get());
        s.put("busy", target.busy.get());
        s.put("errors", decision.errors() - target.wrong.get());
        s.put("lost", decision.lost());
        s.put("releases", target.released.get());
        s.put("holds", target.held.get());
        decision.costJson(s.putObject("gate_server"));
        putRounded(s, "cpu_us_per_request", decision.cpuMicrosPerRequest());
        baselines(s, measured.runs());
        if (echoTransport != null && s.get("baselines").has("netty_echo")) {
            ((ObjectNode) s.get("baselines").get("netty_echo")).put("transport", echoTransport);
        }
        Double cpuRatio = redis == null || redis.cpuMicrosPerRequest() <= 0 || decision.cpuMicrosPerRequest() < 0 ? null
                : decision.cpuMicrosPerRequest() / redis.cpuMicrosPerRequest();
        putRounded(s, "cpu_ratio_vs_redis", cpuRatio == null ? -1 : cpuRatio);
        roundsJson(s, measured);
        kneeJson(s, measured);
        harnessJson(s, measured.runs());
        boolean sloMet = decision.latency().getValueAtPercentile(99) <= sloP99 && decision.completed() > 0;
        ObjectNode slo = s.putObject("slo").put("p99_us", sloP99).put("met", sloMet);
        // The bare echo is this machine's floor for any server over this harness: when even it
        // misses the SLO, no server can be shown to meet it here, and the run is judged by the
        // ratios to Redis measured beside it instead (the goal stays listed, not required).
        RunResult echo = measured.run("netty echo");
        boolean judged = echo == null || echo.completed() == 0 || echo.latency().getValueAtPercentile(99) <= sloP99;
        slo.put("judged", judged);
        if (echo != null && echo.completed() > 0) {
            slo.put("machine_floor_p99_us", echo.latency().getValueAtPercentile(99));
        }
        if (!judged) {
            slo.put("why_not_judged", String.format(Locale.ROOT, "the bare Netty echo's p99 was %d us on this machine in this run, "
                    + "above the %d us SLO: the machine cannot show it, so the ratios to Redis decide (in the echo's measured windows "
                    + "a harness thread that only sleeps woke more than 1 ms late %d times and more than 10 ms late %d times, "
                    + "longest %.1f ms: the host's stalls, late_wakeups)", echo.latency().getValueAtPercentile(99), sloP99,
                    LateWakeups.over(echo.lateWakeups(), LateWakeups.LATE_US), LateWakeups.stalls(echo.lateWakeups()),
                    echo.lateWakeups().getMaxValue() / 1000.0));
        }
        ArrayNode goals = s.putArray("goals");
        goal(goals, "p99 <= SLO (us)", sloP99, decision.completed() > 0 ? (double) decision.latency().getValueAtPercentile(99) : null, judged);
        goal(goals, "zero wrong decisions", 0, (double) target.wrong.get(), true);
        // a request never answered, by any server, leaves its run's figures unfounded (and at a gate it is a stuck lorry)
        goal(goals, "zero lost answers", 0, (double) measured.runs().stream().mapToLong(RunResult::lost).sum(), true);
        goal(goals, "p99_ratio_vs_redis <= " + MAX_P99_RATIO, MAX_P99_RATIO, s.get("p99_ratio_vs_redis").isNull() ? null
                : s.get("p99_ratio_vs_redis").asDouble(), !noRedis);
        goal(goals, "cpu_ratio_vs_redis <= " + MAX_CPU_RATIO, MAX_CPU_RATIO, cpuRatio, !noRedis);
        goal(goals, "knee gate / knee redis >= " + MIN_KNEE_RATIO, MIN_KNEE_RATIO,
                kneeRatio(measured.gateKnee(), measured.redisKnee(), MIN_KNEE_RATIO), false);
        boolean all = true;
        for (var g : goals) {
            all &= !g.get("measured").isNull() ? g.get("met").asBoolean() : !g.get("required").asBoolean();
        }
        s.put("goals_met", all && target.falseReleases.get() == 0);
        s.set("machine", json.valueToTree(Machine.current()));
        s.put("commit", System.getProperty("gcc.commit", "unknown"));
        s.put("commandLine", ("scripts/loadtest " + System.getProperty("gcc.args", "")).trim());
        return s;
    }

    /**
     * One goal: measured (null when this run could not measure it: no Redis, no knee) and whether
     * it was met. A goal that is {@code required} but unmeasured fails the run (the Redis ratios
     * are not required under --no-redis; the knee ratio is judged only when both knees were found).
     */
    private static void goal(ArrayNode goals, String name, double limit, Double measured, boolean required) {
        ObjectNode g = goals.addObject().put("goal", name).put("limit", limit).put("required", required);
        if (measured == null) {
            g.putNull("measured");
            g.putNull("met");
            return;
        }
        g.put("measured", Math.round(measured * 1000) / 1000.0);
        boolean met = name.startsWith("knee") ? measured >= limit : measured <= limit;
        g.put("met", met);
    }

    private static void putRounded(ObjectNode s, String key, double v) {
        if (v < 0) {
            s.putNull(key);
        } else {
            s.put(key, Math.round(v * 1000) / 1000.0);
        }
    }

    /**
     * Each round's slices side by side (CPU per request and p99 of every server), so a reader sees
     * how far the host moved within the run and whether the ratios held in every round.
     */
    private void roundsJson(ObjectNode s, Measured measured) {
        ObjectNode r = s.putObject("interleaving");
        r.put("rounds", rounds);
        r.put("slice_seconds", duration / rounds);
        ArrayNode byRound = r.putArray("by_round");
        for (int i = 0; i < rounds; i++) {
            ObjectNode round = byRound.addObject().put("round", i + 1);
            for (var e : measured.slices().entrySet()) {
                RunResult slice = e.getValue().get(i);
                ObjectNode o = round.putObject(e.getKey().replace(' ', '_'));
                putRounded(o, "cpu_us_per_request", slice.cpuMicrosPerRequest());
                o.put("p99_us", slice.latency().getValueAtPercentile(99));
                o.put("late_wakeups_over_10ms", LateWakeups.stalls(slice.lateWakeups()));
                if (slice.cpuMicrosPerRequest() >= 0) {
                    slice.byThreadJson(o, 4);
                }
            }
        }
    }

    /** The knees side by side: each one's highest rate that held, and every step tried. */
    private void kneeJson(ObjectNode s, Measured measured) {
        if (measured.gateKnee() == null) {
            return;
        }
        s.put("knee_rps", measured.gateKnee().bestRps());
        ObjectNode k = s.putObject("knee");
        k.put("slo_p99_us", kneeBound());
        if (measured.gateKnee().bestRps() == 0 && measured.redisKnee() != null && measured.redisKnee().bestRps() == 0) {
            k.put("why_not_measured", "neither the gate nor Redis held p99 <= " + kneeBound() + " us at the first step: "
                    + "the machine's floor is above the bound (see slo.machine_floor_p99_us); --knee-slo-us sets a bound it can show");
        }
        k.put("gate_rps", measured.gateKnee().bestRps());
        k.put("gate_capped", measured.gateKnee().capped());
        if (measured.redisKnee() != null) {
            k.put("redis_rps", measured.redisKnee().bestRps());
            k.put("redis_capped", measured.redisKnee().capped());
            if (measured.gateKnee().capped() || measured.redisKnee().capped()) {
                k.put("capped_note", "a capped side held every step up to the search's top (3 x --rate, 2 x with --quick): "
                        + "its knee is at least that, so the ratio is a bound, judged only where the bound decides the goal");
            }
            k.put("ratio", measured.redisKnee().bestRps() == 0 ? null
                    : Math.round(1000.0 * measured.gateKnee().bestRps() / measured.redisKnee().bestRps()) / 1000.0);
        }
        for (var e : new Object[][]{{"gate_steps", measured.gateKnee()}, {"redis_steps", measured.redisKnee()}}) {
            if (e[1] == null) {
                continue;
            }
            ArrayNode steps = k.putArray((String) e[0]);
            for (RunResult r : ((Knee) e[1]).steps()) {
                ObjectNode o = steps.addObject().put("rate", (long) r.targetRps()).put("achieved_rps", Math.round(r.achievedRps()))
                        .put("p99_us", r.latency().getValueAtPercentile(99)).put("errors", r.errors()).put("lost", r.lost())
                        .put("held", held(r, r.targetRps()));
                putRounded(o, "cpu_us_per_request", r.cpuMicrosPerRequest());
            }
        }
    }

    /**
     * The harness's own GC pauses in the decision run, and whether any run's longest one was longer
     * than the SLO: such a pause delays every request due during it, and is charged to the server.
     */
    private void harnessJson(ObjectNode s, List<RunResult> runs) {
        RunResult decision = runs.get(0);
        decision.harnessGc().json(s.putObject("harness_gc"), decision.seconds());
        double worst = 0;
        String where = null;
        for (RunResult r : runs) {
            if (r.harnessGc().maxMs() > worst) {
                worst = r.harnessGc().maxMs();
                where = r.name();
            }
        }
        boolean longer = worst * 1000 > sloP99;
        s.put("harness_paused_longer_than_slo", longer);
        if (longer) {
            s.put("harness_note", String.format(Locale.ROOT, "the load generator paused %.1f ms for GC during the %s run, "
                    + "longer than the %d us SLO: latencies of requests due in that pause include it", worst, where, sloP99));
        }
    }

    /** The baselines' figures, and the decision run's percentiles as ratios of Redis GET's. */
    private static void baselines(ObjectNode s, List<RunResult> runs) {
        RunResult decision = runs.get(0);
        ObjectNode baselines = s.putObject("baselines");
        RunResult redis = null;
        for (RunResult r : runs.subList(1, runs.size())) {
            String key = r.name().equals("redis get") ? "redis_get" : "netty_echo";
            ObjectNode b = baselines.putObject(key);
            b.put("achieved_rps", Math.round(r.achievedRps()));
            r.latencyJson(b.putObject("latency_us"));
            b.put("errors", r.errors());
            b.put("lost", r.lost());
            r.costJson(b);
            if (key.equals("redis_get")) {
                redis = r;
            }
        }
        if (redis != null && redis.latency().getValueAtPercentile(99) > 0) {
            s.put("p99_ratio_vs_redis", Math.round(1000.0 * decision.latency().getValueAtPercentile(99)
                    / redis.latency().getValueAtPercentile(99)) / 1000.0);
            ObjectNode ratios = s.putObject("ratio_vs_redis");
            for (double p : new double[]{50, 90, 99, 99.9}) {
                ratios.put("p" + (p == 99.9 ? "999" : String.valueOf((int) p)), Math.round(1000.0
                        * decision.latency().getValueAtPercentile(p) / Math.max(1, redis.latency().getValueAtPercentile(p))) / 1000.0);
            }
        } else {
            s.putNull("p99_ratio_vs_redis");
        }
    }

    /** Histograms, charts, clearance model, summary and HTML report into {@code dir}, copied to latest/; returns latest/. */
    private Path writeReport(ObjectNode s, Measured measured, Path dir, ObjectMapper json) throws Exception {
        for (RunResult r : measured.runs()) {
            Report.hgrm(r, dir.resolve(r.name().replace(' ', '-') + ".hgrm"));
        }
        Report.percentileChart(measured.runs(), dir.resolve("latency-by-percentile.png"));
        Report.throughputChart(measured.decision(), dir.resolve("throughput.png"));
        clearance(measured.decision(), dir, json);
        Files.writeString(dir.resolve("summary.json"), s.toPrettyString() + "\n");
        Report.html(s, measured.runs(), dir.resolve("report.html"));
        Path latest = out.resolve("latest");
        copyDir(dir, latest);
        return latest;
    }

    /** The console summary; the exit status: 0 when every goal is met with no wrong decision. */
    private int printResult(Measured measured, ObjectNode s, Path dir, Path latest) {
        RunResult decision = measured.decision();
        DecisionTarget target = measured.target();
        System.out.printf(Locale.ROOT, "%ngate decisions at %.0f req/s over %d connections: achieved %d/s, p50 %d us, p99 %d us, "
                        + "p99.9 %d us, max %d us; wrong decisions %d (false releases %d), busy %d, lost %d; server CPU %s us/request%n", rate,
                connections, Math.round(decision.achievedRps()), decision.latency().getValueAtPercentile(50),
                decision.latency().getValueAtPercentile(99), decision.latency().getValueAtPercentile(99.9), decision.latency().getMaxValue(),
                target.wrong.get(), target.falseReleases.get(), target.busy.get(), decision.lost(), cpuText(decision));
        for (RunResult r : measured.runs().subList(1, measured.runs().size())) {
            System.out.printf(Locale.ROOT, "%-14s achieved %d/s, p50 %d us, p99 %d us, lost %d; server CPU %s us/request%n", r.name(),
                    Math.round(r.achievedRps()), r.latency().getValueAtPercentile(50), r.latency().getValueAtPercentile(99), r.lost(),
                    cpuText(r));
        }
        System.out.println("harness GC in the decision run: " + s.get("harness_gc") + (s.get("harness_paused_longer_than_slo").asBoolean()
                ? "; " + s.get("harness_note").asText() : ""));
        StringBuilder late = new StringBuilder("a sleeping harness thread woke more than 10 ms late (host or harness stalls,"
                + " charged to the server): ");
        for (RunResult r : measured.runs()) {
            long over = LateWakeups.stalls(r.lateWakeups());
            late.append(r == decision ? "" : ", ").append(r.name()).append(' ').append(over == 1 ? "once" : over + " times")
                    .append(String.format(Locale.ROOT, " (max %.1f ms)", r.lateWakeups().getMaxValue() / 1000.0));
        }
        System.out.println(late);
        if (s.has("knee")) {
            System.out.println("knee (p99 <= " + kneeBound() + " us): " + s.get("knee").get("gate_rps") + " req/s gate"
                    + (s.get("knee").has("redis_rps") ? ", " + s.get("knee").get("redis_rps") + " req/s Redis" : ""));
        }
        for (var g : s.get("goals")) {
            System.out.println("goal " + g.get("goal").asText() + ": " + (g.get("measured").isNull() ? "not measured"
                    : g.get("measured").asText() + (g.get("met").asBoolean() ? " met" : " NOT met"))
                    + (g.get("required").asBoolean() ? "" : " (not required)"));
        }
        if (!s.get("slo").get("judged").asBoolean()) {
            System.out.println("SLO not judged: " + s.get("slo").get("why_not_judged").asText());
        }
        System.out.println("report: " + latest.resolve("report.html") + " (this run: " + dir + ")");
        return s.get("goals_met").asBoolean() && target.wrong.get() == 0 && target.falseReleases.get() == 0 ? 0 : 1;
    }

    private static String cpuText(RunResult r) {
        double c = r.cpuMicrosPerRequest();
        if (c < 0) {
            return "n/a";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f", c));
        String sep = " (";
        for (var e : r.cpuPerRequestByThread(4).entrySet()) {
            b.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.1f", e.getValue()));
            sep = ", ";
        }
        return sep.equals(", ") ? b.append(')').toString() : b.toString();
    }

    /**
     * Steps the rate up, from a quarter of the target by quarters (up to three times it; twice with
     * --quick), until a step's p99 breaks the SLO, an answer is an error or fewer than 95% of the
     * requests complete; the same steps for the gate and for Redis, taken in turn (a gate step, then
     * Redis's at the same rate) so each pair of steps meets the same host. Each server stops
     * climbing at its own first failed step.
     */
    private Knee[] knees(Side gate, Side redis, HarnessGc harnessGc, LateWakeups lateWakeups) throws InterruptedException {
        long[] best = new long[2];
        boolean[] climbing = {true, redis != null};
        List<List<RunResult>> steps = List.of(new ArrayList<>(), new ArrayList<>());
        Side[] sides = {gate, redis};
        String[] names = {"gate", "redis"};
        double step = Math.max(500, rate / 4);
        double top = rate * (quick ? 2 : 3);
        for (double r = step; r <= top + 1e-9 && (climbing[0] || climbing[1]); r += step) {
            for (int i = 0; i < 2; i++) {
                if (!climbing[i]) {
                    continue;
                }
                RunResult k = Runner.run("knee " + names[i] + " " + (long) r, sides[i].target(), r, 1, kneeStepSeconds, null,
                        progress, sides[i].server(), harnessGc, lateWakeups);
                steps.get(i).add(k);
                if (held(k, r)) {
                    best[i] = (long) r;
                } else {
                    climbing[i] = false;
                }
            }
        }
        // still climbing after the last step: that side held every step the search had
        return new Knee[]{new Knee(best[0], steps.get(0), climbing[0]),
                redis == null ? null : new Knee(best[1], steps.get(1), climbing[1])};
    }

    private boolean held(RunResult k, double r) {
        return k.completed() > 0 && k.latency().getValueAtPercentile(99) <= kneeBound() && k.errors() == 0 && k.achievedRps() >= 0.95 * r;
    }

    private long kneeBound() {
        return kneeSloUs != null ? kneeSloUs : sloP99;
    }

    private void clearance(RunResult decision, Path dir, ObjectMapper json) throws Exception {
        List<Path> files = scenarios != null ? scenarios : ClearanceReport.scenarioFiles(Path.of("loadtest/scenarios"));
        if (noClearance || files.isEmpty() || decision.latency().getTotalCount() == 0) {
            return;
        }
        ClearanceReport.writeFiles(files, LatencyDistribution.ofHistogram(decision.latency()),
                "this load test's measured decision latency", dir, quick, progress);
    }

    private static void copyDir(Path from, Path to) throws Exception {
        if (Files.exists(to)) {
            try (var s = Files.walk(to)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new LoadTestMain()).execute(args));
    }
}
