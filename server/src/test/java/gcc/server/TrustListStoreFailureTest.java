package gcc.server;

import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.SmallDisk;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11, defect 2: a trust-list replacement that cannot be stored (its disk is full) is
 * answered with an error and changes nothing, in memory or on disk; once stored, the new list is
 * in force and stays in force after a restart.
 */
class TrustListStoreFailureTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheOldListInForceWhenTheNewOneCannotBeStored() throws Exception {
        SmallDisk disk = SmallDisk.mount(dir.resolve("trust"), 256);
        Assumptions.assumeTrue(disk != null, SmallDisk.whyNot());
        Path file = disk.dir().resolve("trust-list.cose");
        Map<Setting, String> settings = Map.of(Setting.TRUST_LIST, file.toString());
        try {
            ReportDocument doc = TestWorld.report("NB26-800001");
            String code;
            byte[] v2;
            try (ServerFixture s = new ServerFixture(dir.resolve("data"), settings)) {
                v2 = s.world.trustList(2, KeyStatus.ACTIVE).sign(s.world.root);
                assertEquals(200, s.put("/v1/admin/trust-list", v2, s.token).statusCode());
                s.register(doc);
                code = s.world.issue(doc, s.world.revokedKey);
                try (GateClient c = s.client()) {
                    assertEquals(Outcome.RELEASE, s.verify(c, code, EXPORTER).outcome());
                    disk.fillLeaving(0);
                    byte[] v3 = s.world.trustList(3, KeyStatus.REVOKED).sign(s.world.root);
                    HttpResponse<String> failed = s.put("/v1/admin/trust-list", v3, s.token);
                    assertEquals(503, failed.statusCode(), failed.body());
                    assertTrue(failed.body().contains("previous one stays in force"), failed.body());
                    assertEquals(2, s.node.health().trustListVersion(), "the refused list is not in force");
                    assertArrayEquals(v2, Files.readAllBytes(file), "and not on disk");
                    assertEquals(Outcome.RELEASE, s.verify(c, code, EXPORTER).outcome(), "memory and disk agree");

                    disk.release();
                    HttpResponse<String> stored = s.put("/v1/admin/trust-list", v3, s.token);
                    assertEquals(200, stored.statusCode(), stored.body());
                    VerifyAnswer held = s.verify(c, code, EXPORTER);
                    assertTrue(held.has(Reason.KEY_REVOKED), held.toString());
                    assertTrue(Arrays.equals(v3, Files.readAllBytes(file)));
                }
            }
            try (ServerFixture again = new ServerFixture(dir.resolve("data"), settings); GateClient c = again.client()) {
                assertEquals(3, again.node.health().trustListVersion(), "the stored list comes back after a restart");
                assertTrue(again.verify(c, code, EXPORTER).has(Reason.KEY_REVOKED));
            }
        } finally {
            disk.close();
        }
    }
}
