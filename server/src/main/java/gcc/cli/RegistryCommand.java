package gcc.cli;

import gcc.http.Json;
import gcc.progress.Progress;
import gcc.registry.PersistentRegistry;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.registry.SyntheticReports;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatectl registry}: the report registry on disk, for labs and regulators working without
 * a running server (with a server running, use its admin API: the registry has one writer).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Work with the report registry in DATA/registry (journal + index).",
                "While a server runs on the same data directory, make changes through its admin API instead."},
        subcommands = {RegistryCommand.Import.class, RegistryCommand.Revoke.class, RegistryCommand.Suspend.class,
                RegistryCommand.Reinstate.class, RegistryCommand.Show.class, RegistryCommand.Stats.class,
                RegistryCommand.Rebuild.class, RegistryCommand.VerifyIndex.class, RegistryCommand.Repair.class,
                RegistryCommand.Generate.class, RegistryCommand.Recall.class, RegistryCommand.Recalls.class})
final class RegistryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every registry subcommand shares. */
    static final class Where {
        @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data); the registry is DIR/registry")
        Path data = Path.of("data");

        @Option(names = "--entries", paramLabel = "N",
                description = "reports the index is sized for (default: an existing index keeps its size, a new one gets "
                        + gcc.registry.RegistrySizing.PILOT_ENTRIES + "); a larger N rebuilds an existing index at N. "
                        + "Sizing: " + gcc.registry.RegistrySizing.RULE)
        long entries;

        @Option(names = "--kafka", paramLabel = "HOST:PORT,...",
                description = "write to the registry the ports share through Kafka (these bootstrap servers) instead of DIR/registry")
        String kafka;

        @Option(names = "--topic-prefix", paramLabel = "P", description = "shared topic prefix (default: ${DEFAULT-VALUE})")
        String topicPrefix = "gcc.";

        @Option(names = "--port-id", paramLabel = "ID", description = "writer identity with --kafka (default: ${DEFAULT-VALUE})")
        String portId = "gatectl";

        /** The registry to write to: the shared one with --kafka, else the local one under --data. */
        gcc.registry.RegistryService openForWriting() throws Exception {
            return kafka == null ? open() : openShared();
        }

        /**
         * The shared registry, as a writer: a scratch index materialized from the topic (so changes
         * are validated against what every port holds), removed again on close.
         */
        gcc.cluster.ClusterRegistry openShared() throws Exception {
            gcc.cluster.ClusterSettings s = new gcc.cluster.ClusterSettings(kafka, topicPrefix, portId, java.time.Duration.ofSeconds(5));
            Path scratch = java.nio.file.Files.createTempDirectory("gcc-writer-index-");
            gcc.cluster.ClusterRegistry r = gcc.cluster.ClusterRegistry.open(scratch, entries > 0 ? entries : SHARED_WRITER_ENTRIES, s, Clock.systemUTC());
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!r.ready() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!r.ready()) {
                gcc.registry.RegistryLink l = r.link();
                r.close();
                throw new IllegalArgumentException("the shared registry at " + kafka + " is not reachable or current ("
                        + l.state() + (l.lastError().isEmpty() ? "" : ": " + l.lastError()) + ")");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(scratch)));
            return r;
        }

        private static void deleteTree(Path dir) {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temporary directory: the OS cleans it eventually
            }
        }

        /**
         * The writer's scratch copy of the shared registry must hold all of it, which this tool cannot
         * know before reading the topic: sized for a national registry unless --entries says otherwise.
         */
        static final long SHARED_WRITER_ENTRIES = 12_000_000L;

        /** The index size to open with: --entries if given, else what the existing index was created for, else the default. */
        long entries() {
            long existing = PersistentRegistry.createdFor(data.resolve("registry"));
            return entries > 0 ? entries : existing > 0 ? existing : PersistentRegistry.DEFAULT_ENTRIES;
        }

        PersistentRegistry open() throws Exception {
            boolean created = !java.nio.file.Files.exists(data.resolve("registry").resolve("index.cm3"));
            try {
                PersistentRegistry r = PersistentRegistry.open(data.resolve("registry"), entries(), Clock.systemUTC());
                if (created) {
                    System.err.println("gatectl: " + gcc.registry.RegistrySizing.rule(entries()));
                }
                return r;
            } catch (IllegalStateException e) {
                // Held by a running server: the operator picked the wrong tool, an input error.
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    static String defaultActor() {
        return "cli:" + System.getProperty("user.name", "operator");
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Register report documents (JSON); a document with 'supersedes' is a revision.",
                    "A FILE ending in .jsonl holds one document per line and is loaded in bulk (the journal is synced",
                    "every " + Import.BATCH + " reports and at the end, not after each one).",
                    "Reports each bad one and loads the rest. Check reports first with: gatectl report check FILE..."},
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:every document was registered", GateCtl.EXIT_FAILURE_LINE,
                    "2:a document was refused (unreadable, invalid, already registered; each is listed), or the registry "
                            + "is open in a running server (use its admin API)"})
    static final class Import implements Callable<Integer> {
        static final int BATCH = 50_000;
        @Mixin
        Where where;
        @Option(names = "--actor", description = "who is registering (default: cli:<user>)")
        String actor = defaultActor();
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;
        private long registered;
        private long refused;
        private Progress progress;

        @Override
        public Integer call() throws Exception {
            try (gcc.registry.RegistryService r = where.openForWriting()) {
                for (Path f : files) {
                    if (f.toString().endsWith(".jsonl")) {
                        importLines(r, f);
                    } else {
                        importFile(r, f);
                    }
                }
            }
            System.out.println(registered + " registered, " + refused + " refused");
            return refused == 0 ? GateCtl.EXIT_OK : GateCtl.EXIT_USAGE;
        }

        private void importFile(gcc.registry.RegistryService r, Path f) {
            String refusal;
            try {
                refusal = r.submit(RegistryEvent.register(ReportJson.read(f), actor));
            } catch (java.nio.file.NoSuchFileException e) {
                refusal = "no such file";
            } catch (Exception e) {
                refusal = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (refusal == null) {
                registered++;
                System.out.println("registered  " + f + "  (sequence " + r.lastSequence() + ")");
            } else {
                refused++;
                System.out.println("REFUSED     " + f + ": " + refusal);
            }
        }

        /** One document per line, registered in batches of {@link #BATCH} with one journal sync each. */
        private void importLines(gcc.registry.RegistryService r, Path f) throws java.io.IOException {
            List<RegistryEvent> batch = new java.util.ArrayList<>();
            long line = 0;
            long total;
            try (var all = java.nio.file.Files.lines(f)) {
                total = all.count(); // a cheap pass next to parsing every line: the total for the progress shown
            }
            progress = Progress.of("registry import " + f.getFileName(), total);
            try (var lines = java.nio.file.Files.lines(f)) {
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String text = it.next();
                    line++;
                    progress.step();
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        batch.add(RegistryEvent.register(ReportJson.parse(text), actor));
                    } catch (Exception e) {
                        refused++;
                        System.out.println("REFUSED     " + f + ":" + line + ": " + e.getMessage());
                    }
                    if (batch.size() == BATCH || !it.hasNext()) {
                        submit(r, f, batch);
                    }
                }
            }
            submit(r, f, batch);
            progress.finish();
        }

        private void submit(gcc.registry.RegistryService r, Path f, List<RegistryEvent> batch) {
            if (batch.isEmpty()) {
                return;
            }
            List<String> refusals = r instanceof gcc.cluster.ClusterRegistry shared ? shared.submitAll(batch, BATCH, () -> { })
                    : ((PersistentRegistry) r).submitAll(batch, BATCH, () -> { });
            refusals.forEach(x -> System.out.println("REFUSED     " + f + ": " + x));
            refused += refusals.size();
            registered += batch.size() - refusals.size();
            System.out.println("registered  " + (batch.size() - refusals.size()) + " from " + f + "  (sequence "
                    + r.lastSequence() + ")");
            batch.clear();
        }
    }

    /** A status change: revoke, suspend, reinstate. */
    abstract static class StatusChange implements Callable<Integer> {
        @Mixin
        Where where;
        @Option(names = "--actor", description = "who decides (default: cli:<user>)")
        String actor = defaultActor();
        @Option(names = "--reason", required = true, description = "why (kept in the journal and audit)")
        String reason;
        @Parameters(paramLabel = "ID")
        String id;

        abstract RegistryEvent.Type type();

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                String refusal = r.submit(RegistryEvent.status(type(), id, reason, actor));
                if (refusal != null) {
                    System.err.println("gatectl: " + refusal);
                    return GateCtl.EXIT_USAGE;
                }
                System.out.println(type() + " " + id + " (sequence " + r.lastSequence() + ")");
                return GateCtl.EXIT_OK;
            }
        }
    }

    @Command(name = "recall", mixinStandardHelpOptions = true,
            description = {"Revoke or suspend every report of a lab, manufacturer or model, or suspend an exporter as a declarant,",
                    "as one journaled change the rules check at every decision (a running server: POST /v1/admin/recalls/...).",
                    "A revocation is final; a suspension holds until --lift."})
    static final class Recall implements Callable<Integer> {
        @Mixin
        Where where;
        @Option(names = "--actor", description = "who decides (default: cli:<user>)")
        String actor = defaultActor();
        @Option(names = "--reason", required = true, description = "why (kept in the journal and shown in every HOLD it causes)")
        String reason;
        @Option(names = "--lab", paramLabel = "ID", description = "every report of this lab")
        String lab;
        @Option(names = "--exporter", paramLabel = "USCC", description = "every report whose manufacturer is this exporter")
        String exporter;
        @Option(names = "--model", paramLabel = "MODEL", description = "every report whose series has this model")
        String model;
        @Option(names = "--declarant", paramLabel = "USCC", description = "this exporter may not declare under any report (suspend or lift only)")
        String declarant;
        @Option(names = "--revoke", description = "revoke (final)")
        boolean revoke;
        @Option(names = "--suspend", description = "suspend until lifted")
        boolean suspend;
        @Option(names = "--lift", description = "lift a suspension")
        boolean lift;

        @Override
        public Integer call() throws Exception {
            java.util.List<String> scopes = new java.util.ArrayList<>();
            if (lab != null) {
                scopes.add("LAB:" + lab);
            }
            if (exporter != null) {
                scopes.add("EXPORTER:" + exporter);
            }
            if (model != null) {
                scopes.add("MODEL:" + model);
            }
            if (declarant != null) {
                scopes.add("DECLARANT:" + declarant);
            }
            int actions = (revoke ? 1 : 0) + (suspend ? 1 : 0) + (lift ? 1 : 0);
            if (scopes.size() != 1 || actions != 1) {
                throw new IllegalArgumentException("give exactly one of --lab, --exporter, --model, --declarant and one of --revoke, --suspend, --lift");
            }
            RegistryEvent.Type type = revoke ? RegistryEvent.Type.SCOPE_REVOKE : suspend ? RegistryEvent.Type.SCOPE_SUSPEND
                    : RegistryEvent.Type.SCOPE_LIFT;
            try (PersistentRegistry r = where.open()) {
                String refusal = r.submit(RegistryEvent.scope(type, scopes.get(0), reason, actor));
                if (refusal != null) {
                    System.err.println("gatectl: " + refusal);
                    return GateCtl.EXIT_USAGE;
                }
                System.out.println(type + " " + scopes.get(0) + " (sequence " + r.lastSequence() + ")");
                return GateCtl.EXIT_OK;
            }
        }
    }

    @Command(name = "recalls", mixinStandardHelpOptions = true, description = "List the recalls and exporter suspensions in force.")
    static final class Recalls implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                for (gcc.registry.RecallScopes.Scope s : r.scopes().scopes()) {
                    System.out.println((s.revoke() ? "REVOKED   " : "SUSPENDED ") + s.key() + "  (sequence " + s.sequence() + ") "
                            + s.reason());
                }
                return GateCtl.EXIT_OK;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a report (final): its codes hold from now on.")
    static final class Revoke extends StatusChange {
        @Override
        RegistryEvent.Type type() {
            return RegistryEvent.Type.REVOKE;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend an active report until reinstated.")
    static final class Suspend extends StatusChange {
        @Override
        RegistryEvent.Type type() {
            return RegistryEvent.Type.SUSPEND;
        }
    }

    @Command(name = "reinstate", mixinStandardHelpOptions = true, description = "Reinstate a suspended report.")
    static final class Reinstate extends StatusChange {
        @Override
        RegistryEvent.Type type() {
            return RegistryEvent.Type.REINSTATE;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a report's registry record as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Where where;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                ReportRecord rec = new ReportRecord();
                if (!r.get(id, rec)) {
                    System.err.println("gatectl: no registered report " + id);
                    return GateCtl.EXIT_USAGE;
                }
                System.out.println(Json.record(rec).toPrettyString());
                return GateCtl.EXIT_OK;
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Entries, index file size, last journal sequence and how the index opened (clean, recovered, rebuilt).")
    static final class Stats implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--measure-lookups", paramLabel = "N",
                description = "also time N lookups of uniformly random synthetic ids (GR26-...) and report memory")
        long lookups;

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                System.out.println("registry       " + r.directory());
                System.out.println("entries        " + r.entries());
                System.out.printf("index file     %,d bytes (%.1f MiB)%n", r.indexFileBytes(), r.indexFileBytes() / 1048576.0);
                System.out.println("last sequence  " + r.lastSequence());
                System.out.println("opened as      " + r.openedAs() + " in " + r.openMillis() + " ms");
                if (lookups > 0) {
                    measure(r);
                }
                return GateCtl.EXIT_OK;
            }
        }

        /** Times lookups of random existing ids, one thread, ids prepared up front so only the lookup is timed. */
        private void measure(PersistentRegistry r) {
            long n = Math.max(1, r.entries());
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
            int batch = 1 << 16;
            byte[][] ids = new byte[batch][];
            for (int i = 0; i < batch; i++) {
                ids[i] = SyntheticReports.id(rnd.nextLong(n)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            ReportRecord into = new ReportRecord();
            long found = 0;
            for (int i = 0; i < Math.min(lookups, 200_000); i++) {
                found += r.lookup(ids[i & (batch - 1)], ids[i & (batch - 1)].length, into) == gcc.registry.ReportRegistry.Lookup.FOUND ? 1 : 0;
            }
            long start = System.nanoTime();
            for (long i = 0; i < lookups; i++) {
                byte[] id = ids[(int) (i & (batch - 1))];
                found += r.lookup(id, id.length, into) == gcc.registry.ReportRegistry.Lookup.FOUND ? 1 : 0;
            }
            double ns = (System.nanoTime() - start) / (double) lookups;
            System.gc();
            long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("lookup         %.0f ns mean over %,d random ids (%,d found)%n", ns, lookups, found);
            System.out.printf("heap used      %.1f MiB after GC%n", heap / 1048576.0);
            System.out.println("resident       " + residentMiB() + " MiB (VmRSS)");
        }

        private static String residentMiB() {
            try {
                for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return String.format("%.1f", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                    }
                }
            } catch (Exception e) {
                return "unknown";
            }
            return "unknown";
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Build a fresh index from the journal into a new file and swap it in atomically.")
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                long start = System.nanoTime();
                Progress p = Progress.of("registry rebuild", r.lastSequence());
                long n = r.rebuild(p);
                p.finish();
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("rebuilt index: %,d reports from %,d journal entries in %.1f s (%,.0f entries/s)%n",
                        n, r.lastSequence(), s, r.lastSequence() / Math.max(s, 1e-9));
                return GateCtl.EXIT_OK;
            }
        }
    }

    @Command(name = "verify-index", mixinStandardHelpOptions = true,
            description = "Compare the index with the journal and print every difference; exit 10 if any.",
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:the index matches the journal", GateCtl.EXIT_FAILURE_LINE,
                    "2:usage error, or the registry is open in a running server", "10:differences found (listed)"})
    static final class VerifyIndex implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            try (PersistentRegistry r = where.open()) {
                Progress p = Progress.of("registry verify-index", r.verifyIndexSteps());
                List<String> diffs = r.verifyIndex(p);
                p.finish();
                diffs.forEach(System.out::println);
                System.out.println(diffs.isEmpty() ? "index matches the journal (" + r.entries() + " reports, sequence "
                        + r.lastSequence() + ")" : diffs.size() + " differences");
                return diffs.isEmpty() ? GateCtl.EXIT_OK : GateCtl.EXIT_HOLD;
            }
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = {"Repair a registry that will not open, on an operator's decision: skip whole journal entries "
                    + "that cannot be applied (each listed with its sequence in DATA/registry/journal.skip; they stay in "
                    + "the journal) and, with --cut-damaged, cut the journal where it is damaged in the middle. The index "
                    + "is rebuilt at the next open. A torn tail is cut by every open without asking.",
                    "Stop the server first. Try --dry-run first."},
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:repaired, or nothing to repair", GateCtl.EXIT_FAILURE_LINE,
                    "2:usage error, or the registry is open in a running server"})
    static final class Repair implements Callable<Integer> {
        @Mixin
        Where where;
        @Option(names = "--dry-run", description = "report what a repair would do; change nothing")
        boolean dryRun;
        @Option(names = "--cut-damaged", description = "cut the journal at damage in the middle (drops every entry after it)")
        boolean cutDamaged;

        @Override
        public Integer call() throws Exception {
            List<String> done;
            try {
                done = gcc.registry.RegistryRepair.run(where.data.resolve("registry"), where.entries(), cutDamaged, dryRun);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            done.forEach(System.out::println);
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Register COUNT realistic synthetic reports (ids GR26-00000000...) for benchmarks and load tests.",
                    "With --kafka, into the registry the ports share (each port materializes them)."})
    static final class Generate implements Callable<Integer> {
        @Mixin
        Where where;
        @Option(names = "--count", required = true, description = "how many reports")
        long count;
        @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed = 2026;
        @Option(names = "--today", description = "date the test dates count back from (default: today)")
        LocalDate today = LocalDate.now();

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1");
            }
            if (where.entries == 0) { // room for them all, plus 20%
                where.entries = Math.max(where.kafka == null ? where.entries() : Where.SHARED_WRITER_ENTRIES, count + count / 5);
            }
            try (gcc.registry.RegistryService r = where.openForWriting()) {
                Progress p = Progress.of("registry generate", count);
                long start = System.nanoTime();
                SyntheticReports events = new SyntheticReports(count, seed, today);
                List<String> refused = r instanceof gcc.cluster.ClusterRegistry shared ? shared.submitAll(events, 50_000, p::step)
                        : ((PersistentRegistry) r).submitAll(events, 50_000, p::step);
                p.finish();
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("generated %,d reports (%,d journal entries) in %.1f s: %,.0f entries/s; index %,d entries, %s%n",
                        count, r.lastSequence(), s, r.lastSequence() / Math.max(s, 1e-9), r.entries(),
                        refused.isEmpty() ? "none refused" : refused.size() + " refused, first: " + refused.get(0));
                return refused.isEmpty() ? GateCtl.EXIT_OK : GateCtl.EXIT_FAILURE;
            }
        }
    }


}
