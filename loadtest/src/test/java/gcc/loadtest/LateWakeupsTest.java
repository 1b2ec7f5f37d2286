package gcc.loadtest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How late a sleeping harness thread woke: what is recorded and how it is counted. */
class LateWakeupsTest {
    private static Histogram recorded(long... lateNanos) {
        Recorder r = new Recorder(60_000_000, 3);
        for (long n : lateNanos) {
            LateWakeups.record(r, n);
        }
        return r.getIntervalHistogram();
    }

    @Test
    void shouldRecordLatenessInMicrosAndAnEarlyWakeUpAsOnTime() {
        Histogram h = recorded(-50_000, 500_000, 2_000_000, 15_000_000);
        assertEquals(4, h.getTotalCount());
        assertEquals(0, h.getMinValue(), "parkNanos may return early: that is no stall");
        assertEquals(15_000, h.getMaxValue(), 15);
    }

    @Test
    void shouldCountOnlyWakeUpsSurelyLaterThanTheBound() {
        Histogram h = recorded(999_000, 1_000_000, 1_001_000, 9_990_000, 10_000_000, 10_020_000, 250_000_000);
        assertEquals(5, LateWakeups.over(h, 1_000), "1.001 ms and above, not 1 ms itself");
        // 10 ms falls in a bucket of 8 us at this precision: one just above it counts only from the next bucket
        assertEquals(2, LateWakeups.over(h, 10_000));
        assertEquals(0, LateWakeups.over(h, 300_000));
        assertEquals(0, LateWakeups.over(LateWakeups.none(), 1_000));
    }

    @Test
    void shouldKeepAStallLongerThanAMinuteAsAMinute() {
        Histogram h = recorded(90_000_000_000L);
        assertEquals(60_000_000, h.getMaxValue(), 60_000);
    }
}
