package gcc.server;

import gcc.audit.AuditQuery;
import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.SmallDisk;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11, defect 1, end to end: the audit's disk fills under a real server. Every RELEASE
 * answered is in the audit; once it cannot record, every decision is HOLD AUDIT_UNAVAILABLE,
 * {@code /ready} is 503 and {@code gcc_audit_healthy} 0; when space returns it releases again
 * by itself.
 */
class AuditDiskFullServerTest {
    @TempDir
    Path dir;

    @Test
    void shouldHoldWhileTheAuditDiskIsFullAndRecoverWhenSpaceReturns() throws Exception {
        SmallDisk disk = SmallDisk.mount(dir.resolve("audit"), 1024);
        Assumptions.assumeTrue(disk != null, SmallDisk.whyNot());
        // A floor of 256 KiB on a 1 MiB disk: the audit stops before the mapped file faults (a
        // fault on a full disk can surface anywhere on the deciding thread; AuditDiskFullTest
        // covers that path on its own).
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.AUDIT_MIN_FREE_BYTES, "262144",
                Setting.AUDIT_SYNC_MS, "20")); GateClient c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-700001");
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            VerifyAnswer first = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.RELEASE, first.outcome(), first.toString());
            disk.fillLeaving(320 << 10);
            long released = 1;
            VerifyAnswer a = null;
            for (int i = 0; i < 200_000; i++) {
                a = s.verify(c, code, EXPORTER);
                if (a.outcome() != Outcome.RELEASE) {
                    break;
                }
                released++;
            }
            assertTrue(a != null && a.has(Reason.AUDIT_UNAVAILABLE), "the full disk must show: " + a);
            for (int i = 0; i < 20; i++) {
                VerifyAnswer later = s.verify(c, code, EXPORTER);
                assertTrue(later.has(Reason.AUDIT_UNAVAILABLE), "every later decision holds: " + later);
            }
            assertEquals(503, s.get("/ready").statusCode());
            assertTrue(s.get("/metrics").body().contains("gcc_audit_healthy 0"));
            assertEquals(released, AuditQuery.scan(dir.resolve("audit"), r -> r.outcome() == 1, Long.MAX_VALUE, r -> { }),
                    "every RELEASE answered is in the audit");

            disk.release();
            long until = System.nanoTime() + 15_000_000_000L;
            while (s.get("/ready").statusCode() != 200 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(200, s.get("/ready").statusCode(), "ready again once space returns");
            VerifyAnswer again = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.RELEASE, again.outcome(), again.toString());
            assertTrue(s.get("/metrics").body().contains("gcc_audit_healthy 1"));
        } finally {
            disk.close();
        }
    }
}
