package gcc.loadtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcLogTest {
    @Test
    void shouldTakeEveryPauseAndSkipConcurrentPhases() {
        List<String> log = List.of(
                "[0.006s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms",
                "[2.000s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 30M->9M(256M) 1.5ms",
                "[2.010s][info][gc] GC(2) Concurrent Mark Cycle",
                "[2.100s][info][gc] GC(2) Pause Remark 12M->12M(256M) 0.812ms",
                "[2.120s][info][gc] GC(2) Pause Cleanup 12M->12M(256M) 0.050ms",
                "[2.130s][info][gc] GC(2) Concurrent Mark Cycle 120.000ms",
                "[3.000s][info][gc] GC(3) Pause Full (System.gc()) 40M->8M(256M) 25.125ms",
                "[4.000s][info][gc] GC(4) Pause Young (Allocation Failure) 30M->5M(120M) 4ms");
        List<Double> pauses = GcLog.parse(log);
        assertEquals(List.of(3.456, 1.5, 0.812, 0.050, 25.125, 4.0), pauses);
        GcPauses p = GcPauses.of(pauses);
        assertEquals(6, p.count());
        assertEquals(34.943, p.totalMs(), 1e-9);
        assertEquals(25.125, p.maxMs(), 1e-9);
    }

    @Test
    void shouldFindNothingInAnEmptyOrAbsentLog() {
        assertEquals(List.of(), GcLog.parse(List.of()));
        assertEquals(List.of(), new GcLog(java.nio.file.Path.of("/nonexistent/gc.log")).pauses());
        assertEquals(GcPauses.NONE, GcPauses.of(List.of()));
    }

    @Test
    void shouldTakeEverySafepointWhenTheLogHasThemZgcsPausesIncluded() {
        List<String> log = List.of(
                "[0.006s][info][gc] Using The Z Garbage Collector",
                "[5.467s][info][safepoint] Safepoint \"ZRelocateStart\", Time since last: 4896720 ns, Reaching safepoint: 7736215 ns, "
                        + "Cleanup: 11772 ns, At safepoint: 64293 ns, Total: 7812280 ns",
                "[9.587s][info][gc] GC(22) Garbage Collection (Allocation Rate) 66M(6%)->64M(6%)",
                "[10.1s][info][safepoint] Safepoint \"Cleanup\", Time since last: 1000000000 ns, Reaching safepoint: 20000 ns, "
                        + "Cleanup: 5000 ns, At safepoint: 10000 ns, Total: 35000 ns",
                // a G1 line in the same log is already a safepoint of its own: not counted twice
                "[12.0s][info][gc] GC(23) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms");
        assertEquals(List.of(7.81228, 0.035), GcLog.parse(log));
        assertEquals("-Xlog:gc,safepoint:file=/tmp/x.log", GcLog.option(java.nio.file.Path.of("/tmp/x.log")));
    }
}
