package gcc.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import gcc.cbor.CborException;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.Mutations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes the JSON bodies of the HTTP API as the handler parses them: the verify body, a report
 * registration ({@code POST /v1/admin/reports}) and a status change's {@code reason}. Invariants:
 * every refusal is an {@link IllegalArgumentException} (the handler's 400 or 422 with its
 * message), never another exception; an accepted verify body has its two required fields; an
 * accepted report survives a round trip through its JSON form unchanged.
 */
class HttpJsonFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void jsonBodies(byte[] input) {
        try {
            VerifyBody v = VerifyBody.parse(input);
            assertNotNull(v.code());
            assertNotNull(v.exporter());
        } catch (IllegalArgumentException expected) {
            // 400 with the message
        }
        JsonNode n;
        try {
            n = Json.parse(input);
        } catch (IllegalArgumentException expected) {
            return;
        }
        try {
            VerifyBody.text(n, "reason", false);
        } catch (IllegalArgumentException expected) {
            // 400 with the message
        }
        try {
            ReportDocument doc = ReportJson.fromJson(n);
            assertEquals(doc, ReportJson.fromJson(ReportJson.toJson(doc)), "JSON round trip");
            if (doc.problems().isEmpty()) { // what the registry would journal must replay
                assertEquals(doc, ReportDocument.fromCanonicalBytes(doc.canonicalBytes()), "journal round trip");
            }
        } catch (IllegalArgumentException expected) {
            // 422 with the message
        } catch (CborException e) {
            throw new AssertionError("a valid report whose canonical bytes do not decode: " + e.getMessage()
                    + "\n" + new String(input, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void shouldSurviveABoundedPassOfMutants() {
        Mutations.run(Mutations.corpus(getClass(), "jsonBodies"), 20_000, 5, this::jsonBodies);
    }
}
