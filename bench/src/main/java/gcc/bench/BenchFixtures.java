package gcc.bench;

import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.registry.PersistentRegistry;
import gcc.registry.RegistryEvent;
import gcc.registry.SyntheticReports;
import gcc.report.ReportDocument;
import gcc.rules.Declaration;
import gcc.testkit.TestWorld;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up for benchmarks: the test world, signers by name, data-set locations. */
final class BenchFixtures {
    /** The date synthetic data sets count back from, fixed so data sets are reusable and decisions stable. */
    static final LocalDate DATA_TODAY = LocalDate.of(2026, 6, 15);

    private BenchFixtures() {
    }

    static Signer signer(TestWorld w, String alg) {
        return switch (SignatureAlgorithm.ofName(alg)) {
            case ED25519 -> w.labA;
            case ES256 -> w.labAes;
            case SM2 -> w.labAsm2;
        };
    }

    /** Where data sets live: -Dgcc.bench.data, default bench/data under the working directory. */
    static Path dataDir() {
        return Path.of(System.getProperty("gcc.bench.data", "bench/data"));
    }

    /** Where a benchmark may leave side figures for the summary: -Dgcc.bench.out, default the working directory. */
    static Path outDir() {
        return Path.of(System.getProperty("gcc.bench.out", "."));
    }

    /** The registry data set of {@code n} synthetic reports (made by {@link BenchData}). */
    static Path registryDir(long n) {
        return dataDir().resolve("registry-" + n);
    }

    static PersistentRegistry openDataSet(long n) throws Exception {
        Path dir = registryDir(n);
        if (!Files.exists(dir.resolve("COMPLETE"))) {
            throw new IllegalStateException("data set " + dir + " is missing: run scripts/bench (it generates it) or "
                    + "java -cp ... gcc.bench.BenchData " + n);
        }
        return PersistentRegistry.open(dir.resolve("registry"), n + n / 5, Clock.systemUTC());
    }

    /** A small registry in a temporary directory holding {@code reports}, for whole-decision benchmarks. */
    static PersistentRegistry smallRegistry(List<ReportDocument> reports) throws Exception {
        Path dir = Files.createTempDirectory("gcc-bench-registry-");
        PersistentRegistry r = PersistentRegistry.open(dir, Math.max(10_000, reports.size() * 2L),
                Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        List<RegistryEvent> events = new ArrayList<>();
        reports.forEach(d -> events.add(RegistryEvent.register(d, "bench")));
        List<String> refused = r.submitAll(events, 10_000, () -> {
        });
        if (!refused.isEmpty()) {
            throw new IllegalStateException("bench registry refused " + refused.get(0));
        }
        return r;
    }

    /**
     * A verifier whose memo holds 16 entries: cycling more distinct codes than that through it,
     * every decision is a miss (decode, curve, memoize, rules), as a first sighting is.
     */
    static Verifier smallMemoVerifier(TestWorld w, PersistentRegistry registry) {
        return new Verifier(w.trust, () -> w.policy, registry, new SignatureMemo(16), Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
    }

    /** The declaration every bench decision carries: TestWorld's exporter, nothing else. */
    static Declaration exporterDeclaration() {
        byte[] exporter = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        return new Declaration().set(exporter, 0, exporter.length, null, 0, 0);
    }

    /** Distinct valid reports R-BENCH-00000.. for the test world's exporter. */
    static List<ReportDocument> reports(int n) {
        List<ReportDocument> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TestWorld.report(String.format("R-BENCH-%05d", i)));
        }
        return out;
    }

    /** Uniformly random ids of an n-report data set, as ASCII bytes. */
    static byte[][] randomIds(long n, int count, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[][] ids = new byte[count][];
        for (int i = 0; i < count; i++) {
            ids[i] = SyntheticReports.id(r.nextLong(n)).getBytes(StandardCharsets.US_ASCII);
        }
        return ids;
    }
}
