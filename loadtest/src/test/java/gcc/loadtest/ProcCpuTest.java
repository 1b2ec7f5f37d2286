package gcc.loadtest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCpuTest {
    @Test
    void shouldAddUserAndSystemTicksAsMicroseconds() {
        // a real line from a JVM (fields 14 and 15: utime 1234, stime 56)
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 51962 0 12 0 1234 56 0 0 20 0 42 0 9263 6212227072 58813 "
                + "18446744073709551615 94283938938880 94283938939793 140736591232832 0 0 0 0 16781312 16386 0 0 0 17 1 0 0 0 0 0";
        assertEquals((1234 + 56) * 10_000L, ProcCpu.micros(stat));
    }

    @Test
    void shouldCountFieldsFromTheLastParenthesisWhenTheNameHasSpacesAndParentheses() {
        String stat = "77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 1 1 1";
        assertEquals(500 * 10_000L, ProcCpu.micros(stat));
    }

    @Test
    void shouldRejectALineThatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.micros("no parenthesis here"));
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.micros("1 (x) S 1 2"));
    }

    @Test
    void shouldReadThisProcessAndSeeItGrow() {
        long pid = ProcessHandle.current().pid();
        long before = ProcCpu.micros(pid);
        long x = 0;
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end) {
            x += System.nanoTime() % 7;
        }
        long after = ProcCpu.micros(pid);
        assertTrue(before >= 0 && after > before, before + " -> " + after + " (" + x + ")");
        assertEquals(-1, ProcCpu.micros(Long.MAX_VALUE), "no such process");
    }

    @Test
    void shouldGroupThreadsByTheirNameWithoutItsNumber() {
        assertEquals("gcc-verify", ProcCpu.group("gcc-verify-2"));
        assertEquals("GC Thread", ProcCpu.group("GC Thread#1"));
        assertEquals("C2 CompilerThre", ProcCpu.group("C2 CompilerThre"));
        assertEquals("multiThreadIoEv", ProcCpu.group("multiThreadIoEv"));
        assertEquals("42", ProcCpu.group("42"), "a name of digits only stays itself");
    }

    @Test
    void shouldSplitThisProcessesCpuByThreadGroup() throws Exception {
        // The burner works until it has used 100 ms of CPU itself (however long a busy machine
        // makes that take), then waits, alive, while its line is read.
        java.util.concurrent.CountDownLatch burnt = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        Thread busy = new Thread(() -> {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < 100_000_000L) {
                x += System.nanoTime() % 7;
            }
            burnt.countDown();
            try {
                read.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "cpu-test-burner-7");
        busy.start();
        try {
            assertTrue(burnt.await(60, java.util.concurrent.TimeUnit.SECONDS), "the burner got 100 ms of CPU");
            java.util.Map<String, Long> groups = ProcCpu.microsByThreadGroup(ProcessHandle.current().pid());
            assertTrue(groups.getOrDefault("cpu-test-burner", 0L) > 0, "the burner's own line: " + groups);
        } finally {
            read.countDown();
            busy.join();
        }
        assertTrue(ProcCpu.microsByThreadGroup(Long.MAX_VALUE).isEmpty(), "no such process");
    }
}
