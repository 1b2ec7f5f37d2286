package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/audit through a real server: a gate scan linked to its declaration is found by customs, page by page. */
class AuditQueryServerTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> get(ServerFixture s, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldFindTheGateDecisionsOfADeclarationAndAContainer() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-AQ0001");
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            VerifyAnswer linked = c.verify(new GateRequest(code, EXPORTER, null, "NGB-G05", 2, GateProtocolV2Test.DECLARATION,
                    GateProtocolV2Test.CONTAINER));
            assertEquals(Outcome.RELEASE, linked.outcome(), linked.toString());
            for (int i = 0; i < 3; i++) {
                VerifyAnswer a = c.verify(new GateRequest(code, EXPORTER, null, "NGB-G05", 2, null, "MSKU9070323"));
                assertEquals(Outcome.RELEASE, a.outcome(), a.toString());
            }
            VerifyAnswer v1 = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.RELEASE, v1.outcome(), v1.toString());

            HttpResponse<String> r = get(s, "/v1/audit?declaration=" + GateProtocolV2Test.DECLARATION, s.token);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = new ObjectMapper().readTree(r.body());
            assertEquals(1, page.get("count").asInt(), r.body());
            JsonNode rec = page.get("records").get(0);
            assertEquals("NB26-AQ0001", rec.get("reportId").asText());
            assertEquals(GateProtocolV2Test.CONTAINER, rec.get("container").asText());
            assertEquals("GATE_TCP", rec.get("source").asText());
            assertEquals("NGB-G05", rec.get("gate").asText());
            assertEquals("RELEASE", rec.get("outcome").asText());
            assertFalse(page.get("more").asBoolean());

            JsonNode first = new ObjectMapper().readTree(get(s, "/v1/audit?container=MSKU9070323&limit=2&from=2026-06-01", s.token)
                    .body());
            assertEquals(2, first.get("count").asInt(), first.toString());
            assertTrue(first.get("more").asBoolean());
            JsonNode second = new ObjectMapper().readTree(get(s, "/v1/audit?container=MSKU9070323&limit=2&after="
                    + first.get("next").asText(), s.token).body());
            assertEquals(1, second.get("count").asInt(), second.toString());
            assertFalse(second.get("more").asBoolean());
            assertTrue(second.get("next").isNull());

            JsonNode window = new ObjectMapper().readTree(get(s, "/v1/audit?gate=NGB-G05&to=2026-01-01", s.token).body());
            assertEquals(0, window.get("count").asInt(), "nothing before the window's end");
            JsonNode byReport = new ObjectMapper().readTree(get(s, "/v1/audit?report=NB26-AQ0001&exporter=" + EXPORTER
                    + "&outcome=RELEASE", s.token).body());
            assertEquals(5, byReport.get("count").asInt(), byReport.toString());

            assertEquals(401, get(s, "/v1/audit?declaration=1", null).statusCode());
            HttpResponse<String> unknown = get(s, "/v1/audit?declaraton=" + GateProtocolV2Test.DECLARATION, s.token);
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("declaraton"), unknown.body());
            assertEquals(400, get(s, "/v1/audit?limit=0", s.token).statusCode());
            assertEquals(400, get(s, "/v1/audit?from=yesterday", s.token).statusCode());
            assertEquals(400, get(s, "/v1/audit?container=" + "X".repeat(12), s.token).statusCode());
            assertEquals(405, s.post("/v1/audit", "{}", s.token).statusCode());
        }
    }
}
