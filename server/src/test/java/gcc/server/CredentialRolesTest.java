package gcc.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import gcc.auth.Principal;
import gcc.config.Setting;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.TrustList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials bound to principals and roles, through a real server: a lab confined to its own
 * reports and to the trust list in force, the actor taken from the credential and never from
 * X-Actor, forwarders rate-limited per credential, and the credentials file reloaded when it
 * changes (refused whole when malformed: at start the start fails, later the old one stays).
 */
class CredentialRolesTest {
    private static final String CUSTOMS = "roles-customs-token-0123456789";
    private static final String LAB_A = "roles-lab-a-token-0123456789ab";
    private static final String LAB_B = "roles-lab-b-token-0123456789ab";
    private static final String LAB_X = "roles-lab-x-token-0123456789ab";
    private static final String FORWARDER = "roles-forwarder-token-01234567";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path data() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        CredentialFile.write(data.resolve("credentials.json"), List.of(
                Credential.token(Principal.of("samr-ningbo", "customs"), CUSTOMS),
                Credential.token(Principal.of("lab-l1234", "lab:L1234"), LAB_A),
                Credential.token(Principal.of("lab-l5678", "lab:L5678"), LAB_B),
                Credential.token(Principal.of("lab-l9999", "lab:L9999"), LAB_X),
                Credential.token(Principal.of("forwarder-1", "forwarder"), FORWARDER)));
        return data;
    }

    private static String json(ReportDocument doc) {
        return ReportJson.toJson(doc).toString();
    }

    private static String asLab(ReportDocument doc, String lab, String standard, String supersedes) {
        ObjectNode n = ReportJson.toJson(doc);
        n.put("lab", lab).put("standard", standard);
        if (supersedes != null) {
            n.put("supersedes", supersedes);
        }
        return n.toString();
    }

    @Test
    void shouldLetALabChangeOnlyItsOwnReportsWhileTrusted() throws Exception {
        try (ServerFixture s = new ServerFixture(data())) {
            HttpResponse<String> own = s.post("/v1/admin/reports", json(TestWorld.report("NB26-LAB-001")), LAB_A);
            assertEquals(201, own.statusCode(), own.body());

            HttpResponse<String> others = s.post("/v1/admin/reports",
                    asLab(TestWorld.report("NB26-LAB-002"), "L5678", TestWorld.LEGACY, null), LAB_A);
            assertEquals(403, others.statusCode(), others.body());
            assertTrue(others.body().contains("only its own reports"), others.body());

            HttpResponse<String> notAccredited = s.post("/v1/admin/reports",
                    asLab(TestWorld.report("NB26-LAB-003"), "L5678", TestWorld.STANDARD, null), LAB_B);
            assertEquals(422, notAccredited.statusCode(), notAccredited.body());
            assertTrue(notAccredited.body().contains("not accredited for " + TestWorld.STANDARD), notAccredited.body());

            HttpResponse<String> accredited = s.post("/v1/admin/reports",
                    asLab(TestWorld.report("NB26-LAB-004"), "L5678", TestWorld.LEGACY, null), LAB_B);
            assertEquals(201, accredited.statusCode(), accredited.body());

            HttpResponse<String> unlisted = s.post("/v1/admin/reports",
                    asLab(TestWorld.report("NB26-LAB-005"), "L9999", TestWorld.STANDARD, null), LAB_X);
            assertEquals(403, unlisted.statusCode(), unlisted.body());
            assertTrue(unlisted.body().contains("not on the trust list in force"), unlisted.body());

            HttpResponse<String> reviseOthers = s.post("/v1/admin/reports",
                    asLab(TestWorld.report("NB26-LAB-006"), "L5678", TestWorld.LEGACY, "NB26-LAB-001"), LAB_B);
            assertEquals(403, reviseOthers.statusCode(), reviseOthers.body());
            assertTrue(reviseOthers.body().contains("may revise only its own"), reviseOthers.body());

            HttpResponse<String> withdrawOthers = s.post("/v1/admin/reports/NB26-LAB-004/revoke", "{\"reason\":\"x\"}", LAB_A);
            assertEquals(403, withdrawOthers.statusCode(), withdrawOthers.body());
            HttpResponse<String> suspendOwn = s.post("/v1/admin/reports/NB26-LAB-001/suspend", "{\"reason\":\"x\"}", LAB_A);
            assertEquals(403, suspendOwn.statusCode(), "suspension is customs' alone: " + suspendOwn.body());
            HttpResponse<String> withdrawOwn = s.post("/v1/admin/reports/NB26-LAB-001/revoke", "{\"reason\":\"withdrawn\"}", LAB_A);
            assertEquals(200, withdrawOwn.statusCode(), withdrawOwn.body());

            // Customs revokes every key of lab L1234: its next registration is refused.
            long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
            long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
            TrustList keysRevoked = new TrustList(20, TestWorld.NOW.getEpochSecond(), List.of(
                    new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(TestWorld.STANDARD),
                            List.of(TestWorld.key(s.world.labA, from, to, KeyStatus.REVOKED)))));
            assertEquals(200, s.put("/v1/admin/trust-list", keysRevoked.sign(s.world.root), CUSTOMS).statusCode());
            HttpResponse<String> keyless = s.post("/v1/admin/reports", json(TestWorld.report("NB26-LAB-007")), LAB_A);
            assertEquals(403, keyless.statusCode(), keyless.body());
            assertTrue(keyless.body().contains("no active, in-date key"), keyless.body());
        }
    }

    @Test
    void shouldTakeTheActorFromTheCredentialNeverFromXActor() throws Exception {
        try (ServerFixture s = new ServerFixture(data())) {
            for (String[] call : new String[][]{{CUSTOMS, "NB26-ACT-001"}, {s.token, "NB26-ACT-002"}, {LAB_A, "NB26-ACT-003"}}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri("/v1/admin/reports"))
                        .header("Authorization", "Bearer " + call[0]).header("X-Actor", "mallory")
                        .POST(HttpRequest.BodyPublishers.ofString(json(TestWorld.report(call[1])))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), r.body());
            }
            List<String> admin = new ArrayList<>();
            AuditQuery.scan(s.data.resolve("audit"), r -> r.action() != null && r.action().startsWith("REGISTER"), 100,
                    (AuditRecord r) -> admin.add(r.actor() + " " + r.action()));
            assertEquals(List.of("samr-ningbo REGISTER NB26-ACT-001", "admin REGISTER NB26-ACT-002",
                    "lab-l1234 REGISTER NB26-ACT-003"), admin);
            assertFalse(admin.toString().contains("mallory"));
        }
    }

    @Test
    void shouldRateLimitEachForwarderCredential() throws Exception {
        try (ServerFixture s = new ServerFixture(data(), Map.of(Setting.AUTH_FORWARDER_RATE, "1",
                Setting.AUTH_FORWARDER_BURST, "2"))) {
            String body = "{\"code\":\"GCC1:NOTACODE\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}";
            assertEquals(200, s.post("/v1/verify", body, FORWARDER).statusCode());
            assertEquals(200, s.post("/v1/verify", body, FORWARDER).statusCode());
            HttpResponse<String> over = s.post("/v1/verify", body, FORWARDER);
            assertEquals(429, over.statusCode(), over.body());
            assertEquals("1", over.headers().firstValue("Retry-After").orElse(""));
            assertTrue(over.body().contains("forwarder-1 is over its rate"), over.body());
            assertEquals(200, s.post("/v1/verify", body, CUSTOMS).statusCode(), "other credentials keep their own rate");
            assertEquals(200, s.post("/v1/verify", body, null).statusCode(), "anonymous pre-validation is not the forwarder's");
            HttpResponse<String> admin = s.post("/v1/admin/policy/reload", "", FORWARDER);
            assertEquals(403, admin.statusCode(), admin.body());
        }
    }

    @Test
    void shouldDiscardARefusedBodyAndAnswerTheNextRequestOnTheConnection() throws Exception {
        try (ServerFixture s = new ServerFixture(data());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", s.node.httpPort())) {
            socket.setSoTimeout(5000);
            String body = "{\"reason\": \"refused before it is read\"}";
            String pipelined = "POST /v1/admin/reports/NB26-X/suspend HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + FORWARDER
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n";
            socket.getOutputStream().write(pipelined.getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            StringBuilder got = new StringBuilder();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            byte[] buf = new byte[4096];
            while (System.nanoTime() < end && !(got.indexOf("HTTP/1.1 200") >= 0 && got.indexOf("\"status\"", got.indexOf("HTTP/1.1 200")) >= 0)) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            String answers = got.toString();
            assertTrue(answers.startsWith("HTTP/1.1 403"), answers);
            assertTrue(answers.indexOf("HTTP/1.1 200") > answers.indexOf("HTTP/1.1 403"), "the next request is answered in order: " + answers);
        }
    }

    @Test
    void shouldReloadTheCredentialsFileWhenItChangesAndKeepThemWhenItIsMalformed() throws Exception {
        Path data = data();
        try (ServerFixture s = new ServerFixture(data)) {
            String late = "roles-late-operations-token-0123";
            assertEquals(401, get(s, "/v1/admin/credentials", late).statusCode());
            List<Credential> more = new ArrayList<>(CredentialFile.read(data.resolve("credentials.json")));
            more.add(Credential.token(Principal.of("prometheus", "operations"), late));
            CredentialFile.write(data.resolve("credentials.json"), more);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status = 0;
            while (System.nanoTime() < end && (status = get(s, "/metrics", late).statusCode()) != 200) {
                Thread.sleep(100);
            }
            assertEquals(200, status, "the changed file is picked up without a restart");
            assertEquals(403, get(s, "/v1/admin/credentials", late).statusCode(), "operations may not list credentials");

            Files.writeString(data.resolve("credentials.json"), "{\"credentials\": [{\"principal\": \"x\"}]}");
            HttpResponse<String> refused = s.post("/v1/admin/credentials/reload", "", CUSTOMS);
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("entry 1: needs 'principal' and 'role'"), refused.body());
            assertEquals(200, get(s, "/metrics", late).statusCode(), "the credentials in force stay");
            HttpResponse<String> list = get(s, "/v1/admin/credentials", CUSTOMS);
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains("\"prometheus\"") && !list.body().contains(late), list.body());
        }
    }

    @Test
    void shouldAddAndRemoveCredentialsThroughTheCustomsRoutesAndAuditThem() throws Exception {
        try (ServerFixture s = new ServerFixture(data())) {
            HttpResponse<String> added = s.post("/v1/admin/credentials", "{\"principal\": \"fwd-2\", \"role\": \"forwarder\"}", CUSTOMS);
            assertEquals(201, added.statusCode(), added.body());
            String token = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(added.body()).get("token").asText();
            assertTrue(token.matches("[0-9a-f]{64}"), added.body());
            assertFalse(Files.readString(s.data.resolve("credentials.json")).contains(token), "only its digest is stored");
            String verify = "{\"code\":\"GCC1:NOTACODE\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}";
            assertEquals(200, s.post("/v1/verify", verify, token).statusCode(), "in force at once");
            assertEquals(409, s.post("/v1/admin/credentials", "{\"principal\": \"fwd-2\", \"role\": \"customs\"}", CUSTOMS).statusCode());
            assertEquals(422, s.post("/v1/admin/credentials", "{\"principal\": \"x\", \"role\": \"king\"}", CUSTOMS).statusCode());
            assertEquals(422, s.post("/v1/admin/credentials", "{\"principal\": \"admin\", \"role\": \"customs\"}", CUSTOMS).statusCode());
            assertEquals(201, s.post("/v1/admin/credentials", "{\"principal\": \"ops\", \"role\": \"operations\","
                    + " \"certSubject\": \"CN=prometheus\"}", CUSTOMS).statusCode());

            HttpResponse<String> removed = http.send(HttpRequest.newBuilder(s.uri("/v1/admin/credentials/fwd-2"))
                    .header("Authorization", "Bearer " + CUSTOMS).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, removed.statusCode(), removed.body());
            assertEquals(401, s.post("/v1/verify", verify, token).statusCode(), "out of force at once");
            assertEquals(404, http.send(HttpRequest.newBuilder(s.uri("/v1/admin/credentials/fwd-2"))
                    .header("Authorization", "Bearer " + CUSTOMS).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            List<String> audited = new ArrayList<>();
            AuditQuery.scan(s.data.resolve("audit"), r -> r.action() != null && r.action().startsWith("credential"), 100,
                    (AuditRecord r) -> audited.add(r.actor() + " " + r.action()));
            assertEquals(List.of("samr-ningbo credential added: fwd-2 (forwarder, tokenSha256)",
                    "samr-ningbo credential added: ops (operations, certSubject)", "samr-ningbo credential removed: fwd-2"), audited);
        }
    }

    @Test
    void shouldRefuseToStartWithAMalformedCredentialsFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("bad"));
        Files.write(data.resolve("credentials.json"), ("{\"credentials\": [{\"principal\": \"a\", \"role\": \"lab:\","
                + " \"tokenSha256\": \"00\"}]}").getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServerFixture(data).close());
        assertTrue(e.getMessage().contains("credentials.json refused: entry 1: lab id must be 1..16"), e.getMessage());
    }

    private HttpResponse<String> get(ServerFixture s, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
