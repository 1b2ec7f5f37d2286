package gcc.server;

import gcc.audit.AuditJournal;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code at} on {@code POST /v1/verify} is confined to its window (30 days back, 180 ahead by
 * default): a date outside it is a 400 naming the window, a huge year neither overflows nor wraps
 * to today, and a date inside it is decided for that date.
 */
class HttpAtWindowTest {
    @TempDir
    Path dir;

    private static String body(String code, String at) {
        return "{\"code\":\"" + code + "\",\"exporter\":\"" + EXPORTER + "\",\"at\":\"" + at + "\"}";
    }

    @Test
    void shouldRefuseAtDatesOutsideTheWindowAndNeverWrapAHugeYear() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            ReportDocument doc = TestWorld.report("NB26-710001");
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            // TestWorld.NOW is 2026-06-15.
            for (String at : new String[]{"2020-01-01", "2026-05-01", "2027-01-01", "+1000000-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31"}) {
                HttpResponse<String> r = s.post("/v1/verify", body(code, at), null);
                assertEquals(400, r.statusCode(), at + ": " + r.body());
                assertTrue(r.body().contains("outside the allowed window") || r.body().contains("must be a date"),
                        at + ": " + r.body());
                assertTrue(r.body().startsWith("{"), r.body());
            }
            HttpResponse<String> inside = s.post("/v1/verify", body(code, "2026-06-20"), null);
            assertEquals(200, inside.statusCode(), inside.body());
            assertTrue(inside.body().contains("\"outcome\":\"RELEASE\""), inside.body());
            HttpResponse<String> past = s.post("/v1/verify", body(code, "2026-05-20"), null);
            assertEquals(200, past.statusCode(), past.body());
        }
    }
}
