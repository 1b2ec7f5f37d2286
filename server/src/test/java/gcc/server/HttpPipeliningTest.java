package gcc.server;

import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/1.1 pipelining over a real socket: decisions run on workers and finish in any order, yet
 * every answer leaves in request order, so a client never reads one request's RELEASE as
 * another's.
 */
class HttpPipeliningTest {
    @TempDir
    Path dir;

    @Test
    void shouldAnswerPipelinedRequestsInRequestOrder() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            ReportDocument good = TestWorld.report("NB26-700001");
            ReportDocument revoked = TestWorld.report("NB26-700002");
            s.register(good);
            s.register(revoked);
            s.node.admin().submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, revoked.reportId(), "recall", "test"));
            String goodCode = s.world.issue(good, s.world.labA);
            String revokedCode = s.world.issue(revoked, s.world.labA);
            StringBuilder batch = new StringBuilder();
            int rounds = 20;
            for (int i = 0; i < rounds; i++) {
                // A slow decision, then answers the event loop gives at once: the classic reorder.
                batch.append(RawHttp.post("/v1/verify", "{\"code\":\"" + revokedCode + "\",\"exporter\":\"" + EXPORTER + "\"}", ""));
                batch.append(RawHttp.get("/health"));
                batch.append(RawHttp.post("/v1/verify", "{\"code\":\"" + goodCode + "\",\"exporter\":\"" + EXPORTER + "\"}", ""));
                batch.append(RawHttp.get("/no-such-route"));
            }
            try (RawHttp c = new RawHttp(s.node.httpPort())) {
                c.send(batch.toString());
                for (int i = 0; i < rounds; i++) {
                    RawHttp.Response hold = c.read();
                    assertNotNull(hold, "answer " + (4 * i));
                    assertTrue(hold.body().contains("\"outcome\":\"HOLD\"") && hold.body().contains("NB26-700002"),
                            "answer " + (4 * i) + " must be the revoked report's HOLD: " + hold.body());
                    RawHttp.Response health = c.read();
                    assertTrue(health.body().contains("\"status\":\"up\""), "answer " + (4 * i + 1) + ": " + health.body());
                    RawHttp.Response release = c.read();
                    assertTrue(release.body().contains("\"outcome\":\"RELEASE\""),
                            "answer " + (4 * i + 2) + " must be the valid report's RELEASE: " + release.body());
                    RawHttp.Response missing = c.read();
                    assertEquals(404, missing.status(), missing.body());
                }
            }
        }
    }
}
