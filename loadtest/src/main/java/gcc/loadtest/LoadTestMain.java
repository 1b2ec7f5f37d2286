package gcc.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.clearance.ClearanceReport;
import gcc.clearance.LatencyDistribution;
import gcc.testkit.Machine;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
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
    @Option(names = "--warmup", description = "unmeasured seconds before each run (default: ${DEFAULT-VALUE})")
    double warmup = 5;
    @Option(names = "--connections", description = "gate connections (default: ${DEFAULT-VALUE}, like a large port's lanes)")
    int connections = 200;
    @Option(names = "--mix", description = "traffic mix (default: ${DEFAULT-VALUE})")
    String mix = Mix.DEFAULT.toString();
    @Option(names = "--slo-p99-us", description = "p99 objective in microseconds (default: ${DEFAULT-VALUE})")
    long sloP99 = 1000;
    @Option(names = "--knee", description = "also step the rate up until the SLO breaks or errors appear, and report the highest rate that held")
    boolean knee;
    @Option(names = "--server", paramLabel = "HOST:PORT", description = "use a running server whose data directory is --data (prepared with --prepare-only)")
    String server;
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: a new temporary one)")
    Path data;
    @Option(names = "--prepare-only", description = "provision --data for a server started separately (through gatectl and a server started for the purpose), then exit")
    boolean prepareOnly;
    @Option(names = "--reports", description = "background synthetic reports in the registry (default: ${DEFAULT-VALUE})")
    long reports = 100_000;
    @Option(names = "--no-redis", description = "skip the Redis baseline")
    boolean noRedis;
    @Option(names = "--quick", description = "a short run: 2,000 req/s, 8 s per run, 50 connections, 20,000 background reports")
    boolean quick;
    @Option(names = "--out", paramLabel = "DIR", description = "results root (default: loadtest/results)")
    Path out = Path.of("loadtest/results");
    @Option(names = "--gatectl", paramLabel = "PATH", description = "the gatectl launcher that provisions and runs the server (default: scripts/gatectl)")
    Path gatectl = Path.of("scripts/gatectl");
    @Option(names = "--scenarios", arity = "1..*", paramLabel = "FILE", description = "clearance-model scenarios (default: loadtest/scenarios/*.json)")
    List<Path> scenarios;

    private final PrintStream progress = System.err;

    /** What the measuring phase produced: every run (the decision run first), the knee, the answer counts. */
    private record Measured(List<RunResult> runs, Long kneeRps, DecisionTarget target) {
        RunResult decision() {
            return runs.get(0);
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
        if (server == null) {
            try (ServerProcess started = provisionAndStart(dataDir, m)) {
                measured = measure("127.0.0.1", started.gatePort, Workload.load(dataDir, m), dir, redisBinary);
            }
        } else {
            int colon = server.lastIndexOf(':');
            measured = measure(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)),
                    Workload.load(dataDir, m), dir, redisBinary);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = summary(measured, m, json);
        Path latest = writeReport(summary, measured, dir, json);
        return printResult(measured, summary, dir, latest);
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
        Mix m = Mix.parse(mix);
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

    /** The decision run (after the knee search, if asked), then the baselines at the same rate and connections. */
    private Measured measure(String host, int port, Workload workload, Path dir, Path redisBinary) throws Exception {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends io.netty.channel.Channel> channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        Class<? extends ServerChannel> serverClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        List<RunResult> runs = new ArrayList<>();
        try (DecisionTarget target = new DecisionTarget(host, port, connections, workload, group, Duration.ofSeconds(5))) {
            target.warm();
            Long kneeRps = knee ? knee(target) : null;
            target.startCounting();
            HistogramLogWriter log = new HistogramLogWriter(dir.resolve("decision.hlog").toFile());
            try {
                runs.add(Runner.run("gate decision", target, rate, warmup, duration, log, progress));
            } finally {
                log.close();
            }
            target.close();
            try (Baselines.Echo echo = new Baselines.Echo(group, serverClass);
                 Pipelined conns = new Pipelined(group, channelClass, "127.0.0.1", echo.port, connections,
                         () -> new LengthFieldBasedFrameDecoder(1 << 16, 0, 4, 0, 0))) {
                byte[] frame = Baselines.echoFrame(workload.seen()[0].request().frameBytes());
                runs.add(Runner.run("netty echo", (i, t, done) -> conns.send(i, frame, done), rate, warmup, duration, null, progress));
            }
            if (!noRedis) {
                try (Baselines.Redis redis = new Baselines.Redis(redisBinary);
                     Pipelined conns = new Pipelined(group, channelClass, "127.0.0.1", redis.port, connections, RespReplyDecoder::new)) {
                    byte[][] gets = Baselines.loadRedis(conns, 10_000, 144);
                    runs.add(Runner.run("redis get", (i, t, done) -> conns.send(i, gets[(int) (i % gets.length)], done), rate,
                            warmup, duration, null, progress));
                }
            }
            return new Measured(runs, kneeRps, target);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** summary.json: the decision run's figures and answer counts, the baselines and ratios, the SLO, the machine. */
    private ObjectNode summary(Measured measured, Mix m, ObjectMapper json) {
        RunResult decision = measured.decision();
        DecisionTarget target = measured.target();
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
        s.put("releases", target.released.get());
        s.put("holds", target.held.get());
        baselines(s, measured.runs());
        if (measured.kneeRps() != null) {
            s.put("knee_rps", measured.kneeRps());
        }
        boolean sloMet = decision.latency().getValueAtPercentile(99) <= sloP99 && decision.completed() > 0;
        s.putObject("slo").put("p99_us", sloP99).put("met", sloMet);
        s.set("machine", json.valueToTree(Machine.current()));
        s.put("commit", System.getProperty("gcc.commit", "unknown"));
        s.put("commandLine", ("scripts/loadtest " + System.getProperty("gcc.args", "")).trim());
        return s;
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

    /** The console summary; the exit status: 0 when the SLO is met with no wrong decision. */
    private int printResult(Measured measured, ObjectNode s, Path dir, Path latest) {
        RunResult decision = measured.decision();
        DecisionTarget target = measured.target();
        System.out.printf(Locale.ROOT, "%ngate decisions at %.0f req/s over %d connections: achieved %d/s, p50 %d us, p99 %d us, "
                        + "p99.9 %d us, max %d us; wrong decisions %d (false releases %d), busy %d%n", rate, connections,
                Math.round(decision.achievedRps()), decision.latency().getValueAtPercentile(50), decision.latency().getValueAtPercentile(99),
                decision.latency().getValueAtPercentile(99.9), decision.latency().getMaxValue(), target.wrong.get(),
                target.falseReleases.get(), target.busy.get());
        for (RunResult r : measured.runs().subList(1, measured.runs().size())) {
            System.out.printf(Locale.ROOT, "%-14s achieved %d/s, p50 %d us, p99 %d us%n", r.name(), Math.round(r.achievedRps()),
                    r.latency().getValueAtPercentile(50), r.latency().getValueAtPercentile(99));
        }
        boolean sloMet = s.get("slo").get("met").asBoolean();
        Long kneeRps = measured.kneeRps();
        System.out.println("SLO p99 <= " + sloP99 + " us: " + (sloMet ? "met" : "NOT met") + (kneeRps == null ? "" : "; knee " + kneeRps + " req/s"));
        System.out.println("report: " + latest.resolve("report.html") + " (this run: " + dir + ")");
        return sloMet && target.wrong.get() == 0 && target.falseReleases.get() == 0 ? 0 : 1;
    }

    /** Steps the rate up from a tenth of the target until the SLO breaks or errors appear. */
    private Long knee(DecisionTarget target) throws InterruptedException {
        long best = 0;
        double step = Math.max(500, rate / 4);
        for (double r = step; r <= rate * 3; r += step) {
            RunResult k = Runner.run("knee " + (long) r, target, r, 1, Math.max(3, duration / 5), null, progress);
            boolean held = k.latency().getValueAtPercentile(99) <= sloP99 && k.errors() == 0 && k.achievedRps() >= 0.95 * r;
            if (!held) {
                break;
            }
            best = (long) r;
        }
        return best;
    }

    private void clearance(RunResult decision, Path dir, ObjectMapper json) throws Exception {
        List<Path> files = scenarios != null ? scenarios : ClearanceReport.scenarioFiles(Path.of("loadtest/scenarios"));
        if (files.isEmpty() || decision.latency().getTotalCount() == 0) {
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
