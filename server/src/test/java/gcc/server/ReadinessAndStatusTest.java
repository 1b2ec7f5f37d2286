package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ready} names each unmet condition; the report lookup says who changed a status, why and when. */
class ReadinessAndStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldListEveryReadinessConditionAndNameTheUnmetOne() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            HttpResponse<String> ready = s.get("/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode body = JSON.readTree(ready.body());
            assertTrue(body.get("ready").asBoolean());
            assertEquals(List.of("accepting", "registry", "trust-list", "audit"), names(body));
            body.get("conditions").forEach(c -> assertTrue(c.get("ok").asBoolean(), c.toString()));

            s.node.audit().close(java.time.Duration.ofSeconds(5)); // the audit stops taking records
            HttpResponse<String> notReady = s.get("/ready");
            assertEquals(503, notReady.statusCode(), notReady.body());
            JsonNode after = JSON.readTree(notReady.body());
            assertFalse(after.get("ready").asBoolean());
            for (JsonNode c : after.get("conditions")) {
                boolean audit = c.get("name").asText().equals("audit");
                assertEquals(!audit, c.get("ok").asBoolean(), c.toString());
                if (audit) {
                    assertTrue(c.get("message").asText().contains("AUDIT_UNAVAILABLE"), c.toString());
                }
            }
        }
    }

    @Test
    void shouldShowTheReasonActorAndTimeOfTheLastStatusChangeAlsoAfterARestart() throws Exception {
        ReportDocument doc = TestWorld.report("NB26-810001");
        try (ServerFixture s = new ServerFixture(dir)) {
            s.register(doc);
            JsonNode fresh = report(s, doc.reportId());
            assertEquals("ACTIVE", fresh.get("status").asText());
            assertFalse(fresh.has("statusChange"), "no change since registration: " + fresh);

            HttpResponse<String> suspended = s.post("/v1/admin/reports/" + doc.reportId() + "/suspend",
                    "{\"reason\":\"lab audit pending\"}", s.token);
            assertEquals(200, suspended.statusCode(), suspended.body());
            JsonNode change = report(s, doc.reportId()).get("statusChange");
            assertEquals("SUSPEND", change.get("change").asText());
            assertEquals("lab audit pending", change.get("reason").asText());
            assertFalse(change.get("actor").asText().isBlank(), change.toString());
            assertEquals(TestWorld.NOW.toString(), change.get("at").asText());

            assertEquals(200, s.post("/v1/admin/reports/" + doc.reportId() + "/revoke",
                    "{\"reason\":\"falsified item 7\"}", s.token).statusCode());
        }
        try (ServerFixture s = new ServerFixture(dir)) { // the same registry, reopened: read back from the journal
            JsonNode after = report(s, doc.reportId());
            assertEquals("REVOKED", after.get("status").asText());
            assertEquals("REVOKE", after.get("statusChange").get("change").asText());
            assertEquals("falsified item 7", after.get("statusChange").get("reason").asText());
        }
    }

    private static JsonNode report(ServerFixture s, String id) throws Exception {
        HttpResponse<String> r = s.get("/v1/reports/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("conditions").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
