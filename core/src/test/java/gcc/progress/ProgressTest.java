package gcc.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(100 * SECOND);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintALineEveryFiveSecondsWithRateAndEtaWhenNotATerminal() {
        Progress p = new Progress("registry import", 1_000_000, out, false, clock::get);
        clock.addAndGet(2 * SECOND);
        p.add(20_000);
        assertEquals("", printed(), "nothing before five seconds");
        clock.addAndGet(3 * SECOND);
        p.add(30_000);
        assertEquals("registry import: 50,000/1,000,000 (5%), 10,000/s, ETA 1 min 35 s\n", printed());
        clock.addAndGet(1 * SECOND);
        p.add(10_000);
        assertEquals(1, printed().lines().count(), "at most one line per five seconds");
        clock.addAndGet(4 * SECOND);
        p.at(500_000);
        assertTrue(printed().endsWith("registry import: 500,000/1,000,000 (50%), 50,000/s, ETA 10 s\n"), printed());
        clock.addAndGet(10 * SECOND);
        p.at(1_000_000);
        p.finish();
        p.finish();
        assertTrue(printed().endsWith("registry import: 1,000,000/1,000,000 (100%), 50,000/s\n"
                + "registry import: 1,000,000 done in 20.0 s (50,000/s)\n"), printed());
        assertTrue(!printed().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void shouldCountStepsAndReadTheClockOnlyNowAndThen() {
        AtomicLong reads = new AtomicLong();
        Progress p = new Progress("rebuild", 0, out, false, () -> {
            reads.incrementAndGet();
            return clock.addAndGet(SECOND);
        });
        for (int i = 0; i < 10_240; i++) {
            p.step();
        }
        assertEquals(10_240, p.done());
        assertEquals(11, reads.get(), "the start and once per 1,024 steps");
        assertTrue(printed().startsWith("rebuild: 5,120, 1,024/s\n"), "unknown total: count and rate, no ETA: " + printed());
    }

    @Test
    void shouldDrawABarInPlaceOnATerminal() {
        Progress p = new Progress("generate", 100, out, true, clock::get);
        clock.addAndGet(SECOND);
        p.add(50);
        assertEquals("\rgenerate [===============               ]  50/100 (50%)  50/s, ETA 1 s   ", printed());
        clock.addAndGet(SECOND);
        p.add(50);
        p.finish();
        assertTrue(printed().endsWith("]  100/100 (100%)  50/s   \ngenerate: 100 done in 2.0 s (50/s)\n"), printed());
    }

    @Test
    void shouldAppendTheDetailToEachLine() {
        Progress p = new Progress("gate decision", 10_000, out, false, clock::get);
        p.detail("p50 41 us, p99 180 us, errors 0");
        clock.addAndGet(5 * SECOND);
        p.at(5_000);
        assertEquals("gate decision: 5,000/10,000 (50%), 1,000/s, ETA 5 s; p50 41 us, p99 180 us, errors 0\n", printed());
    }

    @Test
    void shouldWriteDurationsForPeople() {
        assertEquals("59 s", Progress.duration(59));
        assertEquals("2 min 05 s", Progress.duration(125));
        assertEquals("1 h 01 min", Progress.duration(3_660));
    }
}
