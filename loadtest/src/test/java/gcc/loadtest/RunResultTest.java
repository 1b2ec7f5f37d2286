package gcc.loadtest;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One server's interleaved slices merged into one run: the figures the ratios to Redis are taken from. */
class RunResultTest {
    private static RunResult slice(long latencyUs, int requests, long cpuMicros, Map<String, Long> byThread, GcPauses serverGc,
                                   GcPauses harnessGc) {
        return slice(latencyUs, requests, cpuMicros, byThread, serverGc, harnessGc, LateWakeups.none());
    }

    private static RunResult slice(long latencyUs, int requests, long cpuMicros, Map<String, Long> byThread, GcPauses serverGc,
                                   GcPauses harnessGc, Histogram lateWakeups) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        h.recordValueWithCount(latencyUs, requests);
        return new RunResult("gate decision", 20_000, 10, requests, requests, 1, requests / 1_000, h, List.of((long) requests), cpuMicros,
                requests, byThread, serverGc, harnessGc, lateWakeups);
    }

    private static Histogram late(long... us) {
        Histogram h = LateWakeups.none();
        for (long v : us) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void shouldAddTheSlicesLateWakeupsAndReportThemWithTheCosts() {
        RunResult first = slice(100, 1_000, 10_000, Map.of(), null, GcPauses.NONE, late(100, 150, 2_500));
        RunResult merged = RunResult.merge("gate decision", List.of(first,
                slice(100, 1_000, 10_000, Map.of(), null, GcPauses.NONE, late(120, 14_000))));
        assertEquals(5, merged.lateWakeups().getTotalCount());
        assertEquals(3, first.lateWakeups().getTotalCount(), "the slice keeps its own");
        var n = merged.costJson(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()).get("late_wakeups");
        assertEquals(5, n.get("count").asLong());
        assertEquals(2, n.get("over_1ms").asLong());
        assertEquals(1, n.get("over_10ms").asLong());
        assertEquals(14_000, n.get("max_us").asLong(), 10);
        assertEquals(LateWakeups.INTERVAL_US, n.get("interval_us").asLong());
    }

    @Test
    void shouldTakeCpuPerRequestOverAllSlicesNotAnAverageOfTheirAverages() {
        // 10 us per request over 1,000 requests, 40 us over 3,000: 130,000 / 4,000 = 32.5 (the mean of averages would say 25)
        RunResult merged = RunResult.merge("gate decision", List.of(
                slice(100, 1_000, 10_000, Map.of("loop", 8_000L, "gc", 2_000L), new GcPauses(1, 2, 2), GcPauses.NONE),
                slice(5_000, 3_000, 120_000, Map.of("loop", 100_000L, "audit", 20_000L), new GcPauses(2, 5, 4), new GcPauses(1, 7, 7))));
        assertEquals(32.5, merged.cpuMicrosPerRequest(), 1e-9);
        assertEquals(Map.of("loop", 108_000L, "gc", 2_000L, "audit", 20_000L), merged.serverCpuByThread());
        assertEquals(20, merged.seconds(), 1e-9);
        assertEquals(4_000, merged.completed());
        assertEquals(2, merged.errors());
        assertEquals(4, merged.lost());
        assertEquals((4_000 - 4) / 20.0, merged.achievedRps(), 1e-9, "a lost answer is not an achieved request");
        assertEquals(List.of(1_000L, 3_000L), merged.perSecond());
        assertEquals(4_000, merged.latency().getTotalCount());
        // a quarter of the requests at 100 us, the rest at 5 ms: the merged p50 is the slow slice's
        assertEquals(5_000, merged.latency().getValueAtPercentile(50), 5);
        assertEquals(100, merged.latency().getValueAtPercentile(20), 1);
        assertEquals(new GcPauses(3, 7, 4), merged.serverGc());
        assertEquals(new GcPauses(1, 7, 7), merged.harnessGc());
    }

    @Test
    void shouldNotInventCpuWhenOneSliceCouldNotReadIt() {
        RunResult merged = RunResult.merge("redis get", List.of(
                slice(100, 1_000, 10_000, Map.of(), null, GcPauses.NONE),
                slice(100, 1_000, -1, Map.of(), null, GcPauses.NONE)));
        assertEquals(-1, merged.cpuMicrosPerRequest());
        assertNull(merged.serverGc(), "Redis has no GC log in any slice");
    }

    @Test
    void shouldLeaveTheSlicesUntouched() {
        RunResult first = slice(100, 1_000, 10_000, Map.of(), null, GcPauses.NONE);
        RunResult.merge("gate decision", List.of(first, slice(200, 500, 5_000, Map.of(), null, GcPauses.NONE)));
        assertEquals(1_000, first.latency().getTotalCount());
        assertEquals(1, first.perSecond().size());
    }

    @Test
    void shouldRefuseToMergeNothing() {
        assertThrows(IllegalArgumentException.class, () -> RunResult.merge("gate decision", List.of()));
    }
}
