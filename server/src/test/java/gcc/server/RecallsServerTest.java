package gcc.server;

import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab-, model- and exporter-wide recalls through the admin API of a real server, kept across a restart. */
class RecallsServerTest {
    @TempDir
    Path dir;

    @Test
    void shouldApplyEveryRecallAtOnceAndKeepItAcrossARestart() throws Exception {
        String a;
        String b;
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument one = TestWorld.report("NB26-RC0001");
            ReportDocument two = TestWorld.report("NB26-RC0002");
            s.register(one);
            s.register(two);
            a = s.world.issue(one, s.world.labA);
            b = s.world.issue(two, s.world.labA);
            assertEquals(Outcome.RELEASE, s.verify(c, a, EXPORTER).outcome());

            assertEquals(401, s.post("/v1/admin/recalls/model/SX-200/suspend", "{\"reason\":\"x\"}", null).statusCode());
            HttpResponse<String> model = s.post("/v1/admin/recalls/model/SX-200/suspend", "{\"reason\":\"strap defect\"}", s.token);
            assertEquals(200, model.statusCode(), model.body());
            assertTrue(model.body().contains("\"scope\":\"MODEL:SX-200\""), model.body());
            assertTrue(s.verify(c, a, EXPORTER).has(Reason.REPORT_SUSPENDED));
            assertEquals(200, s.post("/v1/admin/recalls/model/SX-200/lift", "{\"reason\":\"fixed\"}", s.token).statusCode());
            assertEquals(Outcome.RELEASE, s.verify(c, a, EXPORTER).outcome());

            assertEquals(200, s.post("/v1/admin/exporters/" + EXPORTER + "/suspend", "{\"reason\":\"penalty\"}", s.token)
                    .statusCode());
            assertTrue(s.verify(c, b, EXPORTER).has(Reason.EXPORTER_SUSPENDED));
            assertEquals(200, s.post("/v1/admin/exporters/" + EXPORTER + "/reinstate", "", s.token).statusCode());

            HttpResponse<String> lab = s.post("/v1/admin/recalls/lab/L1234/revoke", "{\"reason\":\"accreditation withdrawn\"}", s.token);
            assertEquals(200, lab.statusCode(), lab.body());
            for (String code : new String[]{a, b}) {
                VerifyAnswer v = s.verify(c, code, EXPORTER);
                assertEquals(Outcome.HOLD, v.outcome());
                assertTrue(v.has(Reason.REPORT_REVOKED), v.toString());
            }
            assertEquals(409, s.post("/v1/admin/recalls/lab/L1234/lift", "", s.token).statusCode(), "a revocation is final");
            assertEquals(422, s.post("/v1/admin/recalls/exporter/NOPE/suspend", "", s.token).statusCode());
            assertEquals(404, s.post("/v1/admin/recalls/country/CN/revoke", "", s.token).statusCode());
            assertEquals(422, s.post("/v1/admin/exporters/NOT-A-USCC/suspend", "", s.token).statusCode());
            assertEquals(409, s.post("/v1/admin/exporters/" + EXPORTER + "/reinstate", "", s.token).statusCode(),
                    "nothing to reinstate");
        }
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            VerifyAnswer v = s.verify(c, a, EXPORTER);
            assertTrue(v.has(Reason.REPORT_REVOKED), "the lab-wide revocation survives a restart: " + v);
            assertTrue(!v.has(Reason.EXPORTER_SUSPENDED) && !v.has(Reason.REPORT_SUSPENDED), "lifted ones stay lifted: " + v);
        }
    }
}
