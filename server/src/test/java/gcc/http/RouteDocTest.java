package gcc.http;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** docs/operations.md's table of routes and roles is the {@link Route} table, and paths match as written. */
class RouteDocTest {
    private static Path repoFile(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        return dir.resolve(relative);
    }

    @Test
    void shouldDocumentEveryRouteAndItsRolesAsTheCodeDefinesThem() throws Exception {
        String doc = Files.readString(repoFile("docs/operations.md"));
        String begin = "<!-- routes:begin -->\n";
        String documented = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf("<!-- routes:end -->"));
        assertEquals(Route.markdownTable(), documented, "docs/operations.md's routes table drifted from gcc.http.Route");
    }

    @Test
    void shouldMatchMethodAndEverySegment() {
        assertSame(Route.REPORT_REVOKE, Route.match("POST", "/v1/admin/reports/NB26-1/revoke"));
        assertSame(Route.REPORT_REGISTER, Route.match("POST", "/v1/admin/reports"));
        assertSame(Route.RECALL, Route.match("POST", "/v1/admin/recalls/lab/L1234/revoke"));
        assertNull(Route.match("GET", "/v1/admin/reports"), "another method is not the route");
        assertNull(Route.match("POST", "/v1/admin/reports//revoke"), "an empty variable segment");
        assertNull(Route.match("POST", "/v1/admin/reports/NB26-1/revoke/"), "a trailing slash is another path");
        assertNull(Route.match("POST", "/v1/admin/reports/NB26-1/destroy"));
    }
}
