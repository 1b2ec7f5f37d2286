package gcc.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code scripts/chaos}: kills a real gate server with SIGKILL at random points under a stream of
 * registrations, revocations and verifications, restarts it on the same data and checks what
 * survived; then a full-disk trial for the journal and one for the audit, and a corrupted-index
 * trial. Writes {@code chaos.json}; exits 0 only with zero lost writes, false releases and lost
 * audit records.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Kill a real gate server (a child JVM) with SIGKILL at random points under load, restart it on the "
                + "same data and check: every acknowledged change present, nothing revoked released, every answered "
                + "decision in the audit, the index equal to the journal, restart time. Then full-disk trials for the "
                + "journal and the audit (a small tmpfs: needs root; skipped with a message otherwise) and a "
                + "corrupted-index trial.",
                "Writes OUT/chaos.json. Exit 0: nothing lost and no false release; 1: something was; 2: usage error."})
public final class ChaosMain implements Callable<Integer> {
    static final long ENTRIES = 100_000;
    private static final Map<String, String> SETTINGS = Map.of("registry.entries", String.valueOf(ENTRIES),
            "audit.sync-interval-ms", "50", "shutdown.deadline-ms", "3000");

    @Option(names = "--trials", description = "kill-and-restart trials (default: ${DEFAULT-VALUE})")
    int trials = 20;
    @Option(names = "--seed", description = "first trial's seed; trial i uses seed+i (default: the time)")
    Long seed;
    @Option(names = "--load-ms", split = ",", description = "load time before the kill, min,max ms (default: 500,3000)")
    List<Integer> loadMs = List.of(500, 3000);
    @Option(names = "--out", description = "where chaos.json goes (default: ${DEFAULT-VALUE})")
    Path out = Path.of("chaos/results/latest");
    @Option(names = "--work", description = "scratch directory for the data directories (default: a new temporary one)")
    Path work;
    @Option(names = "--no-disk-full", description = "skip the full-disk trials")
    boolean noDiskFull;
    @Option(names = "--no-corrupt-index", description = "skip the corrupted-index trial")
    boolean noCorruptIndex;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || loadMs.size() != 2 || loadMs.get(0) < 1 || loadMs.get(1) < loadMs.get(0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--trials >= 1 and --load-ms MIN,MAX with 1 <= MIN <= MAX");
        }
        long first = seed != null ? seed : System.currentTimeMillis();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("gcc-chaos");
        ChaosWorld world = new ChaosWorld();
        long started = System.nanoTime();
        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("started", Instant.now().toString());
        KillTrials kills = killTrials(world, dir.resolve("kill"), first);
        kills.write(result);
        ObjectNode full = result.putObject("disk_full");
        if (noDiskFull) {
            full.put("skipped", "--no-disk-full");
        } else {
            DiskFullTrials disk = new DiskFullTrials(world, dir, first);
            full.set("journal", disk.journal());
            full.set("audit", disk.audit());
        }
        if (!noCorruptIndex) {
            result.set("corrupted_index", corruptedIndex(world, dir.resolve("corrupt"), first + 1_000_000));
        }
        result.put("seconds", (System.nanoTime() - started) / 1_000_000_000);
        result.put("note", "a real server in a child JVM per trial on " + Runtime.getRuntime().availableProcessors()
                + " cores; restart_ms is process start to the start-up line (registry recovered, audit open, listening)");
        Files.createDirectories(out);
        Files.writeString(out.resolve("chaos.json"), result.toPrettyString() + "\n");
        System.out.println(result.toPrettyString());
        boolean clean = result.path("lost_writes").asLong() == 0 && result.path("false_releases").asLong() == 0
                && result.path("audit_lost").asLong() == 0 && result.path("index_mismatches").asLong() == 0
                && result.path("unanswered").asLong() == 0 && diskClean(full) && diskClean(result.path("corrupted_index"));
        System.out.println((clean ? "chaos: nothing lost, no false release" : "chaos: FAILURES above") + "; written to "
                + out.resolve("chaos.json"));
        return clean ? 0 : 1;
    }

    private static boolean diskClean(com.fasterxml.jackson.databind.JsonNode n) {
        for (com.fasterxml.jackson.databind.JsonNode t : n) {
            if (t.isObject() && (t.path("lost").asLong() != 0 || t.path("false_releases").asLong() != 0
                    || t.path("unanswered").asLong() != 0 || (t.has("recovered") && !t.path("recovered").asBoolean()))) {
                return false;
            }
        }
        return !n.isObject() || n.path("lost").asLong() == 0 && n.path("false_releases").asLong() == 0;
    }

    /** Totals over the kill trials. */
    private static final class KillTrials {
        final List<Long> seeds = new ArrayList<>();
        final List<Long> restartMs = new ArrayList<>();
        final Ledger ledger = new Ledger();
        long lost;
        long falseReleases;
        long auditLost;
        long indexMismatches;

        void write(ObjectNode o) {
            o.put("trials", seeds.size()).put("acknowledged_writes", ledger.acknowledged.get()).put("lost_writes", lost)
                    .put("false_releases", falseReleases + ledger.falseReleases.get()).put("audit_lost", auditLost)
                    .put("index_mismatches", indexMismatches).put("unanswered", ledger.unanswered.get());
            List<Long> sorted = new ArrayList<>(restartMs);
            Collections.sort(sorted);
            o.putObject("restart_ms").put("p50", sorted.get(sorted.size() / 2)).put("max", sorted.get(sorted.size() - 1));
            ArrayNode s = o.putArray("seeds");
            seeds.forEach(s::add);
            ObjectNode h = o.putObject("hold_reasons");
            ledger.holdReasons.forEach((k, v) -> h.put(k, v.get()));
        }
    }

    private KillTrials killTrials(ChaosWorld world, Path data, long first) throws Exception {
        KillTrials k = new KillTrials();
        world.provision(data);
        ChaosServer server = ChaosServer.start(data, SETTINGS);
        try {
            for (int t = 0; t < trials; t++) {
                long s = first + t;
                k.seeds.add(s);
                SplittableRandom r = new SplittableRandom(s);
                String gate = "CH" + t;
                ChaosLoad load = new ChaosLoad(world, k.ledger, server, ChaosServer.token(data), gate, "CH" + t, s);
                load.start();
                load.awaitProgress(3, 3, java.time.Duration.ofMinutes(2)); // the kill must land in real traffic
                Thread.sleep(loadMs.get(0) + r.nextInt(loadMs.get(1) - loadMs.get(0) + 1));
                load.serverKilled();
                server.kill();
                load.stop(true);
                server = ChaosServer.start(data, SETTINGS);
                k.restartMs.add(server.startMillis);
                k.lost += ChaosChecks.lostWrites(server, k.ledger);
                k.falseReleases += ChaosChecks.falseReleases(server, k.ledger, "CHK" + t);
                server.close();
                k.auditLost += ChaosChecks.auditLost(data, k.ledger, gate);
                List<String> diffs = ChaosChecks.indexDiffs(data);
                k.indexMismatches += diffs.size();
                System.out.printf("trial %d (seed %d): %d acknowledged so far, restart %d ms, lost %d, false releases %d, "
                                + "audit lost %d, index differences %d%n", t, s, k.ledger.acknowledged.get(),
                        server.startMillis, k.lost, k.falseReleases + k.ledger.falseReleases.get(), k.auditLost, diffs.size());
                if (t + 1 < trials) {
                    server = ChaosServer.start(data, SETTINGS);
                }
            }
        } finally {
            server.close();
        }
        return k;
    }

    /** Kill under load, cut the index file to half its length, restart: the index is rebuilt from the journal. */
    private ObjectNode corruptedIndex(ChaosWorld world, Path data, long s) throws Exception {
        Ledger ledger = new Ledger();
        world.provision(data);
        ChaosServer server = ChaosServer.start(data, SETTINGS);
        ChaosLoad load = new ChaosLoad(world, ledger, server, ChaosServer.token(data), "CHIDX", "CHIDX", s);
        load.start();
        load.awaitProgress(3, 3, java.time.Duration.ofMinutes(2));
        Thread.sleep(loadMs.get(1));
        load.serverKilled();
        server.kill();
        load.stop(true);
        Path index = data.resolve("registry/index.cm3");
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        server = ChaosServer.start(data, SETTINGS);
        try {
            o.put("seed", s).put("acknowledged_writes", ledger.acknowledged.get()).put("restart_ms", server.startMillis)
                    .put("lost", ChaosChecks.lostWrites(server, ledger))
                    .put("false_releases", ChaosChecks.falseReleases(server, ledger, "CHIDXK") + ledger.falseReleases.get());
        } finally {
            server.close();
        }
        o.put("index_mismatches", ChaosChecks.indexDiffs(data).size());
        o.put("unanswered", ledger.unanswered.get());
        System.out.println("corrupted index: " + o);
        return o;
    }
}
