package gcc.audit;

import gcc.testkit.SmallDisk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit on a real, small file system that fills up (issue #11, defect 1): a record the disk
 * cannot take is refused (the caller holds), the audit reports unhealthy, every record it took is
 * readable, and it records again by itself once space returns.
 */
class AuditDiskFullTest {
    private static final byte[] GATE = "NGB-G01".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPORTER = "91330200MA2H7K3Q16".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPORT = "NB26-000001".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private static boolean record(AuditJournal j, DecisionEntry e, int i) {
        return j.record(e.origin(DecisionAudit.Source.GATE_TCP, GATE, 0, GATE.length, 1)
                .exporter(EXPORTER, 0, 18).reportId(REPORT, 0, REPORT.length)
                .outcome(true, 0, i, 1_000_000L * i));
    }

    /** With no free-space floor the mapped file itself hits the full disk: the Throwable path. */
    @Test
    void shouldRefuseAndRecoverWhenTheMappedFileHitsAFullDisk() throws Exception {
        check(0);
    }

    /** With a floor the audit stops before the disk is full. */
    @Test
    void shouldStopBeforeTheDiskIsFullWithAFreeSpaceFloor() throws Exception {
        check(64 << 10);
    }

    private void check(long minFree) throws Exception {
        SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 1024);
        Assumptions.assumeTrue(disk != null, SmallDisk.whyNot());
        try {
            Path dir = disk.dir().resolve("audit");
            AuditJournal j = new AuditJournal(dir, Duration.ofMillis(20), minFree);
            try {
                DecisionEntry e = new DecisionEntry();
                disk.fillLeaving(96 << 10);
                int taken = 0;
                int i = 1;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < deadline) {
                    if (!record(j, e, i++)) {
                        break;
                    }
                    taken++;
                    if (minFree > 0 && taken % 100 == 0) {
                        Thread.sleep(1); // let the upkeep see the space shrink
                    }
                }
                assertFalse(j.healthy(), "a full disk must take the audit out of service");
                assertFalse(record(j, e, i++), "and every later record is refused");
                assertTrue(j.failures() >= 1);
                assertEquals(taken, count(dir, 1), "every record it took is there, none it refused");

                disk.release();
                long until = System.nanoTime() + 60_000_000_000L; // a loaded machine can take long; this waits, it does not time
                while (!j.healthy() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertTrue(j.healthy(), "recovers by itself once space returns");
                // A fault in a mapped file can reach the thread a moment after the access that
                // caused it (HotSpot delivers it at the next safepoint check): the audit may go
                // down once more and come back. What must hold: it records again, and it never
                // loses a record it took.
                boolean again = record(j, e, i++);
                while (!again && System.nanoTime() < until) {
                    Thread.sleep(20);
                    again = j.healthy() && record(j, e, i++);
                }
                assertTrue(again, "records again");
                List<AuditRecord> admin = new ArrayList<>();
                AuditQuery.scan(dir, r -> r.source() == DecisionAudit.Source.ADMIN, 10, admin::add);
                assertTrue(admin.stream().anyMatch(r -> r.action().startsWith("audit resumed after")), admin.toString());
                assertEquals(taken + 1, count(dir, 1));
            } finally {
                j.close(Duration.ofSeconds(5));
            }
        } finally {
            disk.close();
        }
    }

    private static long count(Path dir, int outcome) {
        return AuditQuery.scan(dir, r -> r.outcome() == outcome, Long.MAX_VALUE, r -> { });
    }
}
