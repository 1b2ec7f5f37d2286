package gcc.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and malformed HTTP over a real socket: every one gets a JSON error with a 4xx status
 * (never a silently dropped connection or an empty body), and an unauthenticated admin request is
 * refused on its head, before its body is read.
 */
class HttpHostileRequestTest {
    @TempDir
    Path dir;

    private static void assertJsonError(RawHttp.Response r, int status) {
        assertNotNull(r, "no answer where " + status + " was due");
        assertEquals(status, r.status(), r.body());
        assertTrue(r.headers().toLowerCase().contains("content-type: application/json"), r.headers());
        assertTrue(r.body().startsWith("{") && r.body().contains("\"error\""), r.body());
    }

    @Test
    void shouldAnswerBadEscapesAndUnknownRoutesWithJsonAndKeepTheConnection() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); RawHttp c = new RawHttp(s.node.httpPort())) {
            c.send(RawHttp.get("/v1/reports/%ZZ"));
            assertJsonError(c.read(), 400);
            c.send(RawHttp.get("/v1/admin%ZZ/reports"));
            assertJsonError(c.read(), 400);
            c.send(RawHttp.get("/nowhere"));
            assertJsonError(c.read(), 404);
            c.send(RawHttp.get("/v1/verify"));
            assertJsonError(c.read(), 405);
            c.send(RawHttp.post("/v1/verify", "{not json", ""));
            assertJsonError(c.read(), 400);
            c.send(RawHttp.get("/health"));
            assertEquals(200, c.read().status());
        }
    }

    @Test
    void shouldCloseAConnectionWhoseRequestIsNotCompletedInTime() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, java.util.Map.of(gcc.config.Setting.HTTP_READ_DEADLINE_MS, "500"));
             RawHttp c = new RawHttp(s.node.httpPort())) {
            c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: a");
            assertNull(c.read(), "a request started and not finished within the deadline closes the connection");
        }
    }

    @Test
    void shouldAnswerAnOversizedBodyWithAJson413() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); RawHttp c = new RawHttp(s.node.httpPort())) {
            c.send("POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
            assertJsonError(c.read(), 413);
        }
    }

    @Test
    void shouldAnswerMalformedRequestsAndHugeHeadersWithJsonThenClose() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            try (RawHttp c = new RawHttp(s.node.httpPort())) {
                c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
                RawHttp.Response r = c.read();
                assertNotNull(r);
                assertTrue(r.status() == 431 || r.status() == 400, r.toString());
                assertTrue(r.body().contains("\"error\""), r.body());
                assertNull(c.read(), "the connection closes after a malformed request");
            }
            try (RawHttp c = new RawHttp(s.node.httpPort())) {
                c.send("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");
                assertJsonError(c.read(), 400);
                assertNull(c.read(), "the connection closes after a malformed request");
            }
        }
    }

    @Test
    void shouldRefuseAnUnauthenticatedAdminRequestOnItsHeadWithoutReadingTheBody() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); RawHttp c = new RawHttp(s.node.httpPort())) {
            // Announces 1 MiB but sends none of it: the answer must not wait for the body.
            c.send("PUT /v1/admin/trust-list HTTP/1.1\r\nHost: x\r\nContent-Type: application/cose\r\n"
                    + "Content-Length: 1000000\r\n\r\n");
            RawHttp.Response r = c.read();
            assertJsonError(r, 401);
            assertTrue(r.headers().contains("WWW-Authenticate") || r.headers().toLowerCase().contains("www-authenticate"));
            assertNull(c.read(), "the connection of an unauthenticated admin request is closed");
        }
        try (ServerFixture s = new ServerFixture(dir.resolve("b")); RawHttp c = new RawHttp(s.node.httpPort())) {
            // The token holder still reaches the route (a bad body is a 4xx from the route, not a 401).
            c.send(RawHttp.post("/v1/admin/reports/NB26-1/revoke", "{\"reason\":\"x\"}", "Authorization: Bearer " + s.token + "\r\n"));
            RawHttp.Response r = c.read();
            assertNotNull(r);
            assertTrue(r.status() == 404 || r.status() == 409, r.toString());
        }
    }
}
