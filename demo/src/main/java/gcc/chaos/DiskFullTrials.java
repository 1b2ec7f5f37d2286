package gcc.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.testkit.SmallDisk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The full-disk trials: the registry directory, then the audit directory, on a small tmpfs that
 * is filled under a running server. Every admin change must get an answer, nothing acknowledged
 * may be lost, nothing revoked may be released, and once the space is given back the server must
 * decide (and release) again by itself; then it is killed and restarted and checked like a kill
 * trial. Skipped with the reason when a tmpfs cannot be mounted.
 */
final class DiskFullTrials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChaosWorld world;
    private final Path dir;
    private final long seed;

    DiskFullTrials(ChaosWorld world, Path dir, long seed) {
        this.world = world;
        this.dir = dir;
        this.seed = seed;
    }

    /** The registry journal's disk fills while reports are registered and revoked. */
    ObjectNode journal() throws Exception {
        Path data = dir.resolve("disk-journal");
        SmallDisk disk = SmallDisk.mount(data.resolve("registry"), 8192);
        if (disk == null) {
            return skipped();
        }
        Ledger ledger = new Ledger();
        ObjectNode o = JSON.createObjectNode();
        try {
            world.provision(data);
            ChaosServer server = ChaosServer.start(data, settings(Map.of()));
            try {
                ChaosLoad load = new ChaosLoad(world, ledger, server, ChaosServer.token(data), "CHJRN", "CHJRN", seed);
                for (int i = 0; i < 10; i++) {
                    load.register("CHJRN-A" + i);
                }
                load.revoke("CHJRN-A0");
                disk.fillLeaving(16 << 10);
                int refused = 0;
                for (int i = 0; i < 2_000 && refused < 5; i++) {
                    boolean ok = i % 3 == 2 ? load.revoke("CHJRN-A" + (1 + i % 9)) : load.register("CHJRN-B" + i);
                    refused += ok ? 0 : 1;
                }
                o.put("refused_while_full", refused);
                disk.release();
                o.put("recovered", releasesAgain(server, load, "CHJRN-C"));
                server.kill();
            } finally {
                server.close();
            }
            server = ChaosServer.start(data, settings(Map.of()));
            try {
                o.put("restart_ms", server.startMillis);
                o.put("lost", ChaosChecks.lostWrites(server, ledger) + ledger.unanswered.get());
                o.put("false_releases", ChaosChecks.falseReleases(server, ledger, "CHJRNK") + ledger.falseReleases.get());
            } finally {
                server.close();
            }
            o.put("acknowledged_writes", ledger.acknowledged.get()).put("unanswered", ledger.unanswered.get());
            ObjectNode h = o.putObject("hold_reasons");
            ledger.holdReasons.forEach((k, v) -> h.put(k, v.get()));
        } finally {
            disk.close();
        }
        System.out.println("disk full, journal: " + o);
        return o;
    }

    /** The audit's disk fills while gates verify; decisions must hold, then release again once space returns. */
    ObjectNode audit() throws Exception {
        Path data = dir.resolve("disk-audit");
        SmallDisk disk = SmallDisk.mount(data.resolve("audit"), 2048);
        if (disk == null) {
            return skipped();
        }
        Ledger ledger = new Ledger();
        ObjectNode o = JSON.createObjectNode();
        String gate = "CHAUD";
        try {
            world.provision(data);
            // A floor of 256 KiB on the 2 MiB disk (production: 64 MiB): decisions hold before the mapped file faults.
            Map<String, String> s = settings(Map.of("audit.min-free-bytes", "262144"));
            ChaosServer server = ChaosServer.start(data, s);
            try {
                ChaosLoad load = new ChaosLoad(world, ledger, server, ChaosServer.token(data), gate, "CHAUD", seed);
                for (int i = 0; i < 5; i++) {
                    load.register("CHAUD-A" + i);
                }
                load.revoke("CHAUD-A0");
                disk.fillLeaving(320 << 10);
                long held = 0;
                try (GateClient c = client(server)) {
                    for (int i = 0; i < 200_000 && held < 50; i++) {
                        VerifyAnswer a = load.verify(c, "CHAUD-A" + (i % 5));
                        if (a.decidedLocally()) {
                            ledger.unanswered.incrementAndGet();
                        }
                        held += a.has(Reason.AUDIT_UNAVAILABLE) ? 1 : 0;
                    }
                    o.put("held_audit_unavailable", held);
                    disk.release();
                    o.put("recovered", waitReleases(c, load, "CHAUD-A1"));
                }
                server.kill();
            } finally {
                server.close();
            }
            server = ChaosServer.start(data, s);
            try {
                o.put("restart_ms", server.startMillis);
                o.put("false_releases", ChaosChecks.falseReleases(server, ledger, "CHAUDK") + ledger.falseReleases.get());
            } finally {
                server.close();
            }
            o.put("lost", ChaosChecks.auditLost(data, ledger, gate));
            o.put("answered_releases", ledger.answered(gate, true)).put("unanswered", ledger.unanswered.get());
            ObjectNode h = o.putObject("hold_reasons");
            ledger.holdReasons.forEach((k, v) -> h.put(k, v.get()));
        } finally {
            disk.close();
        }
        System.out.println("disk full, audit: " + o);
        return o;
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("registry.entries", "1000", "audit.sync-interval-ms", "50",
                "shutdown.deadline-ms", "3000"));
        s.putAll(extra);
        return s;
    }

    private static GateClient client(ChaosServer s) {
        GateClient c = GateClient.builder().server("127.0.0.1", s.gatePort).requestTimeout(Duration.ofSeconds(10)).build();
        c.awaitConnected(Duration.ofSeconds(10));
        return c;
    }

    /** Registers a new report once space is back and checks a gate releases it (retrying for up to 30 s). */
    private static boolean releasesAgain(ChaosServer server, ChaosLoad load, String id) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until && !load.register(id)) {
            Thread.sleep(200);
        }
        try (GateClient c = client(server)) {
            return waitReleases(c, load, id);
        }
    }

    private static boolean waitReleases(GateClient c, ChaosLoad load, String id) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            if (load.verify(c, id).outcome() == Outcome.RELEASE) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static ObjectNode skipped() {
        System.out.println(SmallDisk.whyNot());
        return JSON.createObjectNode().put("skipped", SmallDisk.whyNot());
    }
}
