package gcc.bench;

import gcc.registry.PersistentRegistry;
import gcc.registry.ReportRecord;
import gcc.registry.ReportRegistry;
import gcc.registry.ResidentPages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Registry lookups as the verifier makes them (epoch guard, key, off-heap record partly decoded
 * into a reused object: what the rules read) in the reusable synthetic data sets of 1M and 10M reports, with uniformly random
 * existing ids (2^20 of them, generated once per trial, cycled). One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class RegistryGetBench {
    @Param({"1000000", "10000000"})
    public long size;

    private PersistentRegistry registry;
    private byte[][] ids;
    private final ReportRecord into = new ReportRecord();
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        registry = BenchFixtures.openDataSet(size);
        // The index as the server keeps it (registry.keep-resident-seconds): in memory. Pages the
        // kernel dropped since the data set was made would otherwise be disk reads inside the
        // measurement (9.3 +- 36.9 us at 10M on 2026-12-01, against 1.03 with the pages in memory).
        ResidentPages.touchOnce(BenchFixtures.registryDir(size).resolve("registry").resolve("index.cm3"));
        ids = BenchFixtures.randomIds(size, 1 << 20, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public ReportRegistry.Lookup chronicleMap() {
        byte[] id = ids[next++ & ((1 << 20) - 1)];
        return registry.lookup(id, id.length, into);
    }
}
