package gcc.bench;

import gcc.registry.RecordStore;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryTransitions;
import gcc.registry.ReportRecord;
import gcc.registry.SyntheticReports;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The on-heap alternative: the same 1M synthetic records in a {@link ConcurrentHashMap}, read
 * with prebuilt String keys (uniformly random) and copied into a reused record like the registry
 * does. The set-up also measures the heap those records cost (after GC, before and after filling)
 * and leaves it in {@code chm-heap.json} for the summary. One thread; a 3 GiB heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Threads(1)
@State(Scope.Thread)
public class ChmBaselineBench {
    static final long SIZE = 1_000_000;

    private final ConcurrentHashMap<String, ReportRecord> map = new ConcurrentHashMap<>((int) (SIZE * 4 / 3) + 1);
    private String[] keys;
    private final ReportRecord into = new ReportRecord();
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        long before = heapAfterGc();
        RecordStore store = new RecordStore() {
            @Override
            public boolean get(String reportId, ReportRecord r) {
                ReportRecord have = map.get(reportId);
                if (have == null) {
                    return false;
                }
                r.copyFrom(have);
                return true;
            }

            @Override
            public void put(ReportRecord r) {
                map.put(r.reportId(), new ReportRecord().copyFrom(r));
            }
        };
        ReportRecord scratch = new ReportRecord();
        long seq = 0;
        for (RegistryEvent e : new SyntheticReports(SIZE, 2026, BenchFixtures.DATA_TODAY)) {
            RegistryTransitions.apply(e.at(++seq, 0), store, scratch);
        }
        long after = heapAfterGc();
        double mb = (after - before) / 1048576.0;
        Files.createDirectories(BenchFixtures.outDir());
        Files.writeString(BenchFixtures.outDir().resolve("chm-heap.json"),
                "{\"chm_heap_mb_1m\": " + String.format(java.util.Locale.ROOT, "%.1f", mb) + ", \"entries\": " + map.size() + "}\n");
        byte[][] ids = BenchFixtures.randomIds(SIZE, 1 << 20, 42);
        keys = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = new String(ids[i], StandardCharsets.US_ASCII);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public ReportRecord concurrentHashMap() {
        ReportRecord r = map.get(keys[next++ & ((1 << 20) - 1)]);
        return r == null ? null : into.copyFrom(r);
    }
}
