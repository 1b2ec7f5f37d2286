package gcc.bench;

import gcc.progress.Progress;
import gcc.registry.PersistentRegistry;
import gcc.registry.SyntheticReports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Makes the registry data sets the benchmarks read, once: {@code BenchData N...} generates
 * {@code N} synthetic reports into {@code bench/data/registry-N} unless a complete one is there,
 * so every run measures the same data.
 */
public final class BenchData {
    private BenchData() {
    }

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            long n = Long.parseLong(a);
            Path dir = BenchFixtures.registryDir(n);
            if (Files.exists(dir.resolve("COMPLETE"))) {
                System.out.println("data set " + dir + " present");
                continue;
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            long start = System.nanoTime();
            try (PersistentRegistry r = PersistentRegistry.open(dir.resolve("registry"), n + n / 5, Clock.systemUTC())) {
                Progress progress = Progress.of("bench data set " + n, n);
                List<String> refused = r.submitAll(new SyntheticReports(n, 2026, BenchFixtures.DATA_TODAY), 50_000, progress::step);
                progress.finish();
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("refused: " + refused.get(0));
                }
            }
            Files.writeString(dir.resolve("COMPLETE"), Long.toString(n));
            System.out.printf("data set %s: %,d reports in %.1f s%n", dir, n, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
