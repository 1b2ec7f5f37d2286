package gcc.server;

import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import gcc.auth.Principal;
import gcc.auth.Role;
import gcc.config.Setting;
import gcc.http.Route;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Walks every route of the {@link Route} table with every role, without a credential and with a
 * wrong token, against a real server over real sockets: a role the table allows gets a 2xx (each
 * call gets its own fresh report, scope or list version), another role a 403, no credential a 2xx
 * where the anonymous setting opens the route and a 401 elsewhere, a wrong token always a 401.
 * Run with the anonymous settings on (the default) and off.
 */
class RouteRoleWalkTest {
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    static {
        TOKENS.put("customs", "walk-customs-token-0123456789");
        TOKENS.put("lab:L1234", "walk-lab-token-0123456789abcd");
        TOKENS.put("forwarder", "walk-forwarder-token-01234567");
        TOKENS.put("operations", "walk-operations-token-0123456");
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int fresh;

    @ParameterizedTest(name = "anonymous routes open: {0}")
    @ValueSource(booleans = {true, false})
    void shouldAnswerEveryRouteForEveryRoleAsTheTableSays(boolean anonymousOpen) throws Exception {
        Path data = Files.createTempDirectory("gcc-walk");
        List<Credential> creds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : TOKENS.entrySet()) {
            creds.add(Credential.token(Principal.of("walker-" + i++, e.getKey()), e.getValue()));
        }
        CredentialFile.write(data.resolve("credentials.json"), creds);
        try (ServerFixture s = new ServerFixture(data, Map.of(
                Setting.AUTH_ANONYMOUS_VERIFY, Boolean.toString(anonymousOpen),
                Setting.AUTH_ANONYMOUS_PROBES, Boolean.toString(anonymousOpen),
                Setting.AUTH_FORWARDER_RATE, "1000", Setting.AUTH_FORWARDER_BURST, "1000"))) {
            ReportDocument seen = TestWorld.report("NB26-WALK-000");
            s.register(seen);
            String code = s.world.issue(seen, s.world.labA);
            List<String> failures = new ArrayList<>();
            for (Route route : Route.values()) {
                Map<String, String> callers = new LinkedHashMap<>();
                TOKENS.forEach((role, token) -> callers.put(role, token));
                callers.put("no credential", null);
                callers.put("wrong token", "walk-wrong-token-0123456789abc");
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    int expected = expected(route, caller.getKey(), anonymousOpen);
                    HttpResponse<String> r = http.send(request(s, route, code, caller.getValue()),
                            HttpResponse.BodyHandlers.ofString());
                    boolean ok = expected == 200 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
                    if (!ok) {
                        failures.add(route.method() + " " + route.template() + " as " + caller.getKey() + ": expected "
                                + (expected == 200 ? "2xx" : expected) + ", got " + r.statusCode() + " " + r.body());
                    }
                    if (expected != 200 && !r.body().contains("\"error\"")) {
                        failures.add(route + " as " + caller.getKey() + ": refusal without a JSON message: " + r.body());
                    }
                }
            }
            assertEquals(List.of(), failures);
        }
    }

    /** 200 stands for any 2xx. */
    private static int expected(Route route, String caller, boolean anonymousOpen) {
        return switch (caller) {
            case "wrong token" -> 401;
            case "no credential" -> route.anonymous() != Route.Anonymous.NEVER && anonymousOpen ? 200 : 401;
            default -> {
                Role role = Principal.of("x", caller).role();
                yield route.allows(role) ? 200 : 403;
            }
        };
    }

    /** A request that an allowed caller's call succeeds with; everything it touches is new to the server. */
    private HttpRequest request(ServerFixture s, Route route, String code, String token) throws Exception {
        int n = ++fresh;
        String id = String.format("NB26-WALK-%03d", n);
        String reason = "{\"reason\":\"walk\"}";
        HttpRequest.Builder b = switch (route) {
            case VERIFY -> post(s, "/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}");
            case REPORT -> get(s, "/v1/reports/NB26-WALK-000");
            case REPORT_REGISTER -> post(s, "/v1/admin/reports", ReportJson.toJson(TestWorld.report(id)).toString());
            case REPORT_REVOKE -> {
                s.register(TestWorld.report(id));
                yield post(s, "/v1/admin/reports/" + id + "/revoke", reason);
            }
            case REPORT_SUSPEND -> {
                s.register(TestWorld.report(id));
                yield post(s, "/v1/admin/reports/" + id + "/suspend", reason);
            }
            case REPORT_REINSTATE -> {
                s.register(TestWorld.report(id));
                s.node.admin().submit(RegistryEvent.status(RegistryEvent.Type.SUSPEND, id, "walk", "test"));
                yield post(s, "/v1/admin/reports/" + id + "/reinstate", reason);
            }
            case RECALL -> post(s, "/v1/admin/recalls/model/WALK-" + n + "/suspend", reason);
            case EXPORTER -> post(s, "/v1/admin/exporters/" + Reports.uscc(String.format("9133020%010d", n)) + "/suspend", reason);
            case TRUST_LIST -> HttpRequest.newBuilder(s.uri("/v1/admin/trust-list")).header("Content-Type", "application/cose")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(s.world.trustList(10 + n, KeyStatus.REVOKED).sign(s.world.root)));
            case POLICY_RELOAD -> post(s, "/v1/admin/policy/reload", "");
            case CREDENTIALS -> get(s, "/v1/admin/credentials");
            case AUDIT -> get(s, "/v1/audit?gate=NGB-G01&limit=5");
            case CREDENTIALS_RELOAD -> post(s, "/v1/admin/credentials/reload", "");
            case CREDENTIAL_ADD -> post(s, "/v1/admin/credentials", "{\"principal\":\"walk-added-" + n + "\",\"role\":\"forwarder\"}");
            case CREDENTIAL_REMOVE -> {
                HttpResponse<String> added = http.send(post(s, "/v1/admin/credentials", "{\"principal\":\"walk-removable-" + n
                        + "\",\"role\":\"operations\"}").header("Authorization", "Bearer " + TOKENS.get("customs")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, added.statusCode(), added.body());
                yield HttpRequest.newBuilder(s.uri("/v1/admin/credentials/walk-removable-" + n)).DELETE();
            }
            case METRICS -> get(s, "/metrics");
            case HEALTH -> get(s, "/health");
            case READY -> get(s, "/ready");
        };
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static HttpRequest.Builder post(ServerFixture s, String path, String json) {
        return HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder get(ServerFixture s, String path) {
        return HttpRequest.newBuilder(s.uri(path)).GET();
    }
}
