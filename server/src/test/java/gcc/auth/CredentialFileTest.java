package gcc.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credentials file refuses every malformed entry by name; tokens and certificates find their principal; the forwarders' bucket. */
class CredentialFileTest {
    private static final String HEX = "ab".repeat(32);

    @TempDir
    Path dir;

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> CredentialFile.parse(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    private static String entry(String fields) {
        return "{\"credentials\": [" + fields + "]}";
    }

    @Test
    void shouldRefuseEveryMalformedEntryByName() {
        assertTrue(refusal("[1]").contains("expected {\"credentials\": [...]}"));
        assertTrue(refusal("{\"credentials\": [], \"more\": 1}").contains("and nothing else"));
        assertTrue(refusal("{\"credentials\": [").contains("not JSON"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\"}")).contains("entry 1: needs one of"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"tokenSha256\": \"" + HEX
                + "\", \"certSha256\": \"" + HEX + "\"}")).contains("give one"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"janitor\", \"tokenSha256\": \"" + HEX + "\"}"))
                .contains("role must be customs, lab:LAB_ID, forwarder or operations"));
        assertTrue(refusal(entry("{\"principal\": \"a b\", \"role\": \"customs\", \"tokenSha256\": \"" + HEX + "\"}"))
                .contains("principal name must be"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"tokenSha256\": \"XYZ\"}"))
                .contains("64 lower-case hex digits"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"certSubject\": \"not a name\"}"))
                .contains("not an X.500 name"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"tokenSha256\": \"" + HEX + "\", \"x\": \"1\"}"))
                .contains("unknown field 'x'"));
        assertTrue(refusal(entry("{\"principal\": \"admin\", \"role\": \"customs\", \"tokenSha256\": \"" + HEX + "\"}"))
                .contains("reserved"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"tokenSha256\": \"" + HEX + "\"},"
                + "{\"principal\": \"a\", \"role\": \"operations\", \"certSha256\": \"" + HEX + "\"}")).contains("entry 2: principal 'a' appears twice"));
        assertTrue(refusal(entry("{\"principal\": \"a\", \"role\": \"customs\", \"certSubject\": \"CN=x,O=y\"},"
                + "{\"principal\": \"b\", \"role\": \"forwarder\", \"certSubject\": \"cn=x, o=y\"}")).contains("entry 2: the same credential"));
    }

    @Test
    void shouldRoundTripAndFindTheHolderOfAToken() throws Exception {
        List<Credential> list = List.of(Credential.token(Principal.of("lab-l1234", "lab:L1234"), "t1-0123456789abcdef"),
                Credential.token(Principal.of("fwd", "forwarder"), "t2-0123456789abcdef"),
                new Credential(Principal.of("samr", "customs"), Credential.Kind.CERT_SUBJECT, "CN=samr,O=GACC"));
        CredentialFile.write(dir.resolve("c.json"), list);
        assertEquals(list, CredentialFile.read(dir.resolve("c.json")));
        assertEquals(List.of(), CredentialFile.read(dir.resolve("absent.json")));
        Credentials c = new Credentials(Credential.sha256("admin-token-0123456789".getBytes(StandardCharsets.UTF_8)), list);
        assertEquals("lab-l1234", c.forToken("t1-0123456789abcdef").name());
        assertEquals("L1234", c.forToken("t1-0123456789abcdef").labId());
        assertEquals("fwd", c.forToken("t2-0123456789abcdef").name());
        assertSame(Principal.ADMIN, c.forToken("admin-token-0123456789"));
        assertNull(c.forToken("t1-0123456789abcdeF"));
        assertNull(c.forToken(""));
    }

    @Test
    void shouldGrantABurstThenOneCallPerIntervalPerPrincipal() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(2, 3, now::get);
        assertEquals(0, r.acquire("a"));
        assertEquals(0, r.acquire("a"));
        assertEquals(0, r.acquire("a"));
        assertEquals(500_000_000L, r.acquire("a"), "empty: the next token in half a second");
        assertEquals(0, r.acquire("b"), "each principal has its own bucket");
        now.addAndGet(500_000_000L);
        assertEquals(0, r.acquire("a"));
        assertTrue(r.acquire("a") > 0);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, r.acquire("a"), "refilled to the burst, no further");
        }
        assertTrue(r.acquire("a") > 0);
    }
}
