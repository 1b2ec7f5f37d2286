package gcc.bench;

import gcc.audit.AuditJournal;
import gcc.audit.DecisionAudit;
import gcc.audit.DecisionEntry;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What recording one decision costs the deciding thread: the lock, and the append into the
 * memory-mapped audit queue that makes the decision survive a process kill before it is
 * answered (the timer's fsync runs on its own thread). One thread; the queue lives in a temporary
 * directory deleted afterwards. Target: about a microsecond or less, no allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class AuditRecordBench {
    private final byte[] gate = "NGB-G07".getBytes(StandardCharsets.US_ASCII);
    private final byte[] exporter = "91330200MA2H7K3Q16".getBytes(StandardCharsets.US_ASCII);
    private final byte[] reportId = "NB26-000123".getBytes(StandardCharsets.US_ASCII);
    private final DecisionEntry entry = new DecisionEntry();
    private Path dir;
    private AuditJournal audit;
    private long n;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("gcc-audit-bench");
        audit = new AuditJournal(dir, AuditJournal.DEFAULT_SYNC, 0);
        entry.origin(DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 3).exporter(exporter, 0, exporter.length)
                .reportId(reportId, 0, reportId.length);
    }

    @Benchmark
    public boolean record() {
        return audit.record(entry.outcome(true, 0, 2, ++n));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        audit.close(Duration.ofSeconds(5));
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
