package gcc.cluster.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.cluster.ClusterRegistry;
import gcc.cluster.ClusterSettings;
import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.registry.SyntheticReports;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.Reports;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code scripts/cluster}: one KRaft broker and three ports' gate servers (Ningbo, Shanghai
 * Yangshan, Taicang) on loopback, a generated registry written to the shared topic, revocations
 * made at Ningbo measured until every other port holds them (through the gate protocol) while
 * gate traffic runs at all three, a broker outage, and a fourth port bootstrapping from the
 * topic. Writes {@code cluster.json} and stops everything it started.
 */
public final class ClusterMain {
    private static final String[] PORTS = {"ningbo", "shanghai-yangshan", "taicang"};
    private static final String FOURTH = "lianyungang";
    private static final String EXPORTER = Reports.uscc("91330200MA2H7K3Q1");

    private long reports = 1_000_000;
    private int revocations = 200;
    private int rate = 200;
    private long stalenessMs = 5_000;
    private Path out = Path.of("cluster/results");
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final List<AutoCloseable> started = new ArrayList<>();
    private final ObjectNode partial = json.createObjectNode();

    public static void main(String[] args) throws Exception {
        ClusterMain m = new ClusterMain();
        if (!m.parse(args)) {
            return;
        }
        int code;
        try {
            code = m.run();
        } catch (Exception e) {
            // Whatever was measured so far is still worth keeping, with what went wrong.
            m.partial.put("error", e.toString());
            m.partial.put("finished", Instant.now().toString());
            m.writeResult(m.partial);
            e.printStackTrace();
            code = 1;
        } finally {
            m.stopAll();
        }
        System.exit(code);
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: scripts/cluster [--reports N] [--revocations N] [--rate N] [--staleness-ms N] [--out DIR]

                            Starts one Kafka broker (KRaft, child JVM) and the gate servers of three ports (ningbo,
                            shanghai-yangshan, taicang) on loopback, registers N generated reports through the shared
                            registry (writer identity: ningbo), revokes reports at ningbo and measures when every other port
                            first holds each (gate protocol) while gate traffic runs at all three, kills and restarts the
                            broker (decisions hold REGISTRY_STALE after the staleness bound, then catch up), and starts a
                            fourth port that bootstraps from the topic. Writes DIR/<time>/cluster.json and DIR/latest/,
                            and stops everything it started.

                              --reports N        generated reports (default 1000000)
                              --revocations N    revocations measured (default 200)
                              --rate N           gate requests per second at each port (default 200)
                              --staleness-ms N   the staleness bound in the ports' policy (default 5000)
                              --out DIR          results directory (default cluster/results)

                            Exit 0 when every goal was met, 1 when one was missed, 2 on usage errors.""");
                    return false;
                }
                case "--reports" -> reports = Long.parseLong(args[++i]);
                case "--revocations" -> revocations = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--staleness-ms" -> stalenessMs = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + a + " (see --help)");
                    System.exit(2);
                }
            }
        }
        if (reports < 1 || revocations < 1 || rate < 1 || stalenessMs < 100) {
            System.err.println("--reports, --revocations and --rate must be positive, --staleness-ms at least 100");
            System.exit(2);
        }
        return true;
    }

    private static void say(String s) {
        System.out.println(Instant.now() + "  " + s);
    }

    private int run() throws Exception {
        Path work = Files.createTempDirectory("gcc-cluster-");
        String cp = System.getProperty("java.class.path");
        ObjectNode result = partial;
        result.put("started", Instant.now().toString()).put("reports", reports).put("revocations", revocations)
                .put("staleness_bound_ms", stalenessMs).put("gate_requests_per_s_per_port", rate)
                .put("machine", Runtime.getRuntime().availableProcessors() + " cores, shared with other builds");

        say("starting the Kafka broker (KRaft, child JVM) in " + work);
        LocalBroker broker = LocalBroker.start(work.resolve("kafka"), cp);
        started.add(broker);

        // ---- keys, trust list and the workload's own reports
        var rnd = Keys.random();
        Signer root = new Signer(Keys.generate(SignatureAlgorithm.ED25519, rnd).getPrivate(), rnd);
        Signer lab = new Signer(Keys.generate(SignatureAlgorithm.ED25519, rnd).getPrivate(), rnd);
        long now = Instant.now().getEpochSecond();
        TrustList trust = new TrustList(1, now, List.of(new Lab("L1234", "Cluster test lab", "CNAS L1234",
                List.of("GB 31701-2026"), List.of(new LabKey(lab.algorithm(), lab.publicKeySpki(), now - 86_400 * 365,
                now + 86_400 * 365, KeyStatus.ACTIVE)))));
        Policy policy = PolicyJson.builtIn();
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

        // ---- three ports
        long entries = reports + reports / 5 + 10_000;
        List<PortProcess> ports = new ArrayList<>();
        for (String name : PORTS) {
            ports.add(startPort(work, cp, broker, name, root, entries));
        }
        for (PortProcess p : ports) { // the shared registry is current; ready needs a trust list too
            waitFor(() -> p.health().path("registryReady").asBoolean(), 120_000, p.name + " registry current");
        }
        PortProcess ningbo = ports.get(0);
        var t = ningbo.admin("PUT", "/v1/admin/trust-list", trust.sign(root), "application/cose");
        check(t.statusCode() == 200, "trust list refused: " + t.body());
        awaitReady(ports, 30_000); // ready needs the trust list: shared from ningbo to every port
        result.putArray("ports").addAll(List.of(PORTS).stream().map(json.getNodeFactory()::textNode).toList());

        // ---- the generated registry, through the shared topic
        say("registering " + reports + " generated reports through the shared registry (writer: ningbo)");
        long g0 = System.nanoTime();
        long[] caughtUp = new long[ports.size()];
        Thread watcher = watchCatchUp(ports, caughtUp, g0);
        long endOffset;
        ClusterSettings writer = new ClusterSettings(broker.bootstrap(), "gcc.", "ningbo", Duration.ofMillis(stalenessMs));
        try (ClusterRegistry w = ClusterRegistry.open(work.resolve("writer-index"), entries, writer, Clock.systemUTC())) {
            waitFor(w::ready, 120_000, "the writer's index");
            List<String> refused = w.submitAll(new SyntheticReports(reports, 2026, today), 50_000, () -> { });
            check(refused.isEmpty(), "generated reports refused: " + (refused.isEmpty() ? "" : refused.get(0)));
            endOffset = w.lastSequence();
        }
        double writeS = (System.nanoTime() - g0) / 1e9;
        targetOffset.set(endOffset);
        watcher.join(600_000);
        double slowest = 0;
        for (long c : caughtUp) {
            slowest = Math.max(slowest, c < 0 ? Double.NaN : (c - g0) / 1e9);
        }
        result.put("registry_messages", endOffset).put("write_s", round(writeS))
                .put("all_ports_materialized_s", round(slowest))
                .put("materialize_live_reports_per_s", Math.round(reports / slowest));
        say(String.format("written in %.1f s; every port materialized them %.1f s after the start", writeS, slowest));

        // ---- workload reports and codes, registered at ningbo through its admin API
        int hot = 20;
        List<String> hotCodes = new ArrayList<>();
        List<String> targetIds = new ArrayList<>();
        List<String> targetCodes = new ArrayList<>();
        for (int i = 0; i < hot + revocations; i++) {
            ReportDocument d = Reports.passing(String.format("CL-%06d", i), EXPORTER, today.minusDays(20));
            var r = ningbo.admin("POST", "/v1/admin/reports", ReportJson.toJson(d).toString().getBytes(), "application/json");
            check(r.statusCode() == 201, "workload report refused: " + r.body());
            String code = CodeIssuer.issue(d, policy, lab).text();
            if (i < hot) {
                hotCodes.add(code);
            } else {
                targetIds.add(d.reportId());
                targetCodes.add(code);
            }
        }
        List<GateClient> traffic = new ArrayList<>();
        List<GateClient> probes = new ArrayList<>();
        for (PortProcess p : ports) {
            traffic.add(client(p));
            probes.add(client(p));
        }
        for (int p = 0; p < ports.size(); p++) { // every code released everywhere first (and its signature memoized)
            for (String c : hotCodes) {
                waitFor(released(probes.get(p), c), 30_000, "a hot code at " + PORTS[p]);
            }
            for (String c : targetCodes) {
                waitFor(released(probes.get(p), c), 30_000, "a target code at " + PORTS[p]);
            }
        }

        // ---- traffic at all three ports, revocations at ningbo
        Traffic load = new Traffic(traffic, hotCodes, rate);
        load.start();
        say("revoking " + revocations + " reports at ningbo while " + rate + " gate requests/s run at each port");
        Histogram propagation = new Histogram(60_000, 3);
        AtomicLong falseReleases = new AtomicLong();
        long bound = stalenessMs * 1_000_000L;
        for (int i = 0; i < revocations; i++) {
            String code = targetCodes.get(i);
            long t0 = System.nanoTime();
            var r = ningbo.admin("POST", "/v1/admin/reports/" + targetIds.get(i) + "/revoke", "{\"reason\":\"recall\"}".getBytes(),
                    "application/json");
            long ack = System.nanoTime();
            check(r.statusCode() == 200, "revocation refused: " + r.body());
            VerifyAnswer own = probes.get(0).verify(GateRequest.of(code, EXPORTER, "NGB-PROBE"));
            if (own.released()) {
                falseReleases.incrementAndGet(); // the revoking port itself released after its acknowledgement
            }
            long worst = 0;
            for (int p = 1; p < ports.size(); p++) {
                long deadline = ack + 30_000_000_000L;
                while (true) {
                    long sent = System.nanoTime();
                    VerifyAnswer a = probes.get(p).verify(GateRequest.of(code, EXPORTER, "PROBE"));
                    if (a.has(Reason.REPORT_REVOKED)) {
                        worst = Math.max(worst, System.nanoTime() - t0);
                        break;
                    }
                    if (a.released() && sent > ack + bound) {
                        falseReleases.incrementAndGet();
                    }
                    if (sent > deadline) {
                        throw new IllegalStateException("revocation of " + targetIds.get(i) + " never reached " + PORTS[p]);
                    }
                }
            }
            propagation.recordValue(Math.max(1, worst / 1_000_000));
            Thread.sleep(20);
        }
        ObjectNode prop = result.putObject("propagation_ms");
        prop.put("p50", propagation.getValueAtPercentile(50)).put("p99", propagation.getValueAtPercentile(99))
                .put("max", propagation.getMaxValue());
        say("propagation ms p50 " + propagation.getValueAtPercentile(50) + ", p99 " + propagation.getValueAtPercentile(99)
                + ", max " + propagation.getMaxValue());
        falseReleases.addAndGet(sweep(probes, targetCodes));

        // ---- the link fails and returns
        say("killing the broker for " + (stalenessMs + 3_000) + " ms");
        load.resetCounts();
        broker.kill();
        long killed = System.nanoTime();
        Thread.sleep(stalenessMs + 3_000);
        falseReleases.addAndGet(sweep(probes, targetCodes));
        long staleHolds = load.stale();
        long releasedDuring = load.released();
        long firstStaleMs = load.firstStaleNanos() < 0 ? -1 : (load.firstStaleNanos() - killed) / 1_000_000;
        broker.restart();
        long back = System.nanoTime();
        awaitReady(ports, 120_000);
        double catchUpS = (System.nanoTime() - back) / 1e9;
        falseReleases.addAndGet(sweep(probes, targetCodes));
        load.stop();
        result.put("stale_holds_during_outage", staleHolds).put("releases_during_outage", releasedDuring)
                .put("first_stale_hold_after_kill_ms", firstStaleMs).put("ports_ready_after_broker_back_s", round(catchUpS))
                .put("traffic_requests", load.sent()).put("traffic_wrong_answers", load.wrong());
        say("outage: " + staleHolds + " REGISTRY_STALE holds (first " + firstStaleMs + " ms after the kill), ready again "
                + round(catchUpS) + " s after the broker returned");

        // ---- a fourth port joins and bootstraps from the topic
        say("starting a fourth port (" + FOURTH + ") that bootstraps from the compacted topic");
        long f0 = System.nanoTime();
        PortProcess fourth = startPort(work, cp, broker, FOURTH, root, entries);
        waitFor(fourth::ready, 600_000, FOURTH + " ready");
        double bootstrapS = (System.nanoTime() - f0) / 1e9;
        JsonNode c = fourth.health().path("cluster");
        long fourthEntries = fourth.health().path("registryEntries").asLong();
        double catchUpMs = c.path("catchUpMillis").asDouble();
        GateClient fourthClient = client(fourth);
        falseReleases.addAndGet(sweep(List.of(fourthClient), targetCodes));
        check(released(fourthClient, hotCodes.get(0)).getAsBoolean(), "the fourth port does not release a registered code");
        result.put("bootstrap_s", round(bootstrapS)).put("bootstrap_reports", fourthEntries)
                .put("bootstrap_catch_up_s", round(catchUpMs / 1000))
                .put("materialize_reports_per_s", Math.round(fourthEntries / Math.max(catchUpMs / 1000, 1e-3)))
                .put("false_releases_after_ack", falseReleases.get());
        for (GateClient g : traffic) {
            g.close();
        }
        for (GateClient g : probes) {
            g.close();
        }
        fourthClient.close();

        ObjectNode goals = result.putObject("goals");
        boolean p99 = propagation.getValueAtPercentile(99) <= 250;
        boolean mat = result.get("materialize_reports_per_s").asLong() >= 100_000;
        boolean boot = reports < 1_000_000 || bootstrapS <= 30;
        boolean safe = falseReleases.get() == 0;
        goals.put("propagation_p99_le_250ms", p99).put("materialize_ge_100k_per_s", mat)
                .put("bootstrap_1m_le_30s", reports < 1_000_000 ? null : boot).put("zero_false_releases", safe);
        result.put("finished", Instant.now().toString());
        writeResult(result);
        deleteTree(work);
        return p99 && mat && boot && safe ? 0 : 1;
    }

    private final AtomicLong targetOffset = new AtomicLong(Long.MAX_VALUE);

    /** Polls every port's applied offset until each reached the writer's last offset. */
    private Thread watchCatchUp(List<PortProcess> ports, long[] caughtUp, long g0) {
        java.util.Arrays.fill(caughtUp, -1);
        Thread th = new Thread(() -> {
            long deadline = g0 + 900_000_000_000L;
            while (System.nanoTime() < deadline) {
                boolean all = true;
                for (int i = 0; i < ports.size(); i++) {
                    if (caughtUp[i] < 0) {
                        long applied = ports.get(i).health().path("cluster").path("appliedOffset").asLong(-1);
                        if (applied >= targetOffset.get()) {
                            caughtUp[i] = System.nanoTime();
                        } else {
                            all = false;
                        }
                    }
                }
                if (all) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gcc-catch-up-watch");
        th.setDaemon(true);
        th.start();
        return th;
    }

    private PortProcess startPort(Path work, String cp, LocalBroker broker, String name, Signer root, long entries) throws Exception {
        Path data = work.resolve(name);
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", root.publicKeySpki()));
        // The staleness bound is policy: the built-in policy with this run's bound.
        Path policy = data.resolve("policy.json");
        Files.writeString(policy, PolicyJson.builtInText().replace("\"registryStalenessMs\": 5000",
                "\"registryStalenessMs\": " + stalenessMs));
        PortProcess p = new PortProcess(name, data, cp, List.of("cluster.kafka.bootstrap=" + broker.bootstrap(),
                "cluster.port-id=" + name, "policy.file=" + policy, "registry.entries=" + entries,
                "workers.threads=1", "event-loops=1"), "512m");
        started.add(p);
        return p;
    }

    private static GateClient client(PortProcess p) {
        GateClient c = GateClient.builder().server("127.0.0.1", p.gatePort).requestTimeout(Duration.ofSeconds(10)).build();
        if (!c.awaitConnected(Duration.ofSeconds(10))) {
            throw new IllegalStateException("no gate connection to " + p.name);
        }
        return c;
    }

    private static java.util.function.BooleanSupplier released(GateClient c, String code) {
        return () -> c.verify(GateRequest.of(code, EXPORTER, "WARMUP")).released();
    }

    /** Verifies every revoked code at every port; returns how many were released (each a false release). */
    private static long sweep(List<GateClient> clients, List<String> revokedCodes) {
        long released = 0;
        for (GateClient c : clients) {
            for (String code : revokedCodes) {
                if (c.verify(GateRequest.of(code, EXPORTER, "SWEEP")).released()) {
                    released++;
                }
            }
        }
        return released;
    }

    private static void awaitReady(List<PortProcess> ports, long millis) throws InterruptedException {
        for (PortProcess p : ports) {
            waitFor(p::ready, millis, p.name + " ready");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, long millis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void check(boolean ok, String why) {
        if (!ok) {
            throw new IllegalStateException(why);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void writeResult(ObjectNode result) throws Exception {
        String stamp = Instant.now().toString().replace(':', '-').replaceAll("\\.\\d+Z$", "Z");
        Path dir = out.resolve(stamp);
        Files.createDirectories(dir);
        Path file = dir.resolve("cluster.json");
        json.writeValue(file.toFile(), result);
        Path latest = out.resolve("latest");
        Files.createDirectories(latest);
        Files.copy(file, latest.resolve("cluster.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        say("wrote " + latest.resolve("cluster.json") + ":\n" + json.writeValueAsString(result));
    }

    private void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + ": " + e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory
        }
    }

    /** Gate traffic at every port at a constant rate over the hot codes, counting answers. */
    private static final class Traffic {
        private final List<GateClient> clients;
        private final List<String> codes;
        private final int rate;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong released = new AtomicLong();
        private final AtomicLong stale = new AtomicLong();
        private final AtomicLong wrong = new AtomicLong();
        private final AtomicLong firstStale = new AtomicLong(-1);
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Traffic(List<GateClient> clients, List<String> codes, int rate) {
            this.clients = clients;
            this.codes = codes;
            this.rate = rate;
        }

        void start() {
            for (GateClient c : clients) {
                Thread th = new Thread(() -> drive(c), "gcc-traffic");
                th.setDaemon(true);
                th.start();
                threads.add(th);
            }
        }

        private void drive(GateClient c) {
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long i = 0;
            while (running) {
                long now = System.nanoTime();
                if (now < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    continue;
                }
                next += interval;
                String code = codes.get((int) (i++ % codes.size()));
                sent.incrementAndGet();
                c.verifyAsync(GateRequest.of(code, EXPORTER, "LANE")).thenAccept(a -> {
                    if (a.released()) {
                        released.incrementAndGet();
                    } else if (a.has(Reason.REGISTRY_STALE)) {
                        stale.incrementAndGet();
                        firstStale.compareAndSet(-1, System.nanoTime());
                    } else if (a.outcome() != Outcome.RELEASE) {
                        wrong.incrementAndGet(); // a registered, valid code held for any other reason
                    }
                });
            }
        }

        void resetCounts() {
            released.set(0);
            stale.set(0);
            firstStale.set(-1);
        }

        long sent() {
            return sent.get();
        }

        long released() {
            return released.get();
        }

        long stale() {
            return stale.get();
        }

        long wrong() {
            return wrong.get();
        }

        long firstStaleNanos() {
            return firstStale.get();
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread th : threads) {
                th.join(2_000);
            }
        }
    }
}
