package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import gcc.http.Route;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/openapi.yaml} is a valid OpenAPI 3.1 document (swagger-parser), lists exactly the
 * routes the server serves ({@link Route}, the table the handler refuses everything else by),
 * and a real server's answers to every route, errors included, have a status, content type and
 * JSON body (json-schema-validator, JSON Schema 2020-12) the contract documents.
 *
 * <p>Adding a route: add it to {@link Route} and the contract, then an exchange below; the test
 * names any route without one.
 */
class OpenApiContractTest {
    private static final String FORWARDER = "contract-forwarder-token-0123456789";
    private static final String DOC_IRI = "https://gcc.invalid/docs/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String yaml;
    private static JsonNode doc;
    private static SchemaRegistry schemas;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> failures = new ArrayList<>();
    private final Set<Route> exercised = EnumSet.noneOf(Route.class);

    @BeforeAll
    static void readContract() throws Exception {
        yaml = Files.readString(repoFile("docs/openapi.yaml"));
        doc = new YAMLMapper().readTree(yaml);
        String json = JSON.writeValueAsString(doc);
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(DOC_IRI, json)));
    }

    @Test
    void shouldBeAValidOpenApi31DocumentListingExactlyTheServersRoutes() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertEquals(List.of(), parsed.getMessages(), "swagger-parser's findings in docs/openapi.yaml");
        OpenAPI api = parsed.getOpenAPI();
        assertEquals("3.1.0", api.getOpenapi());
        Set<String> contract = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> contract.add(method.name() + " " + path)));
        Set<String> served = new TreeSet<>();
        for (Route r : Route.values()) {
            served.add(r.method() + " " + r.template());
        }
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(contract);
        Set<String> extra = new TreeSet<>(contract);
        extra.removeAll(served);
        assertEquals(Set.of(), missing, "routes the server serves that docs/openapi.yaml lacks");
        assertEquals(Set.of(), extra, "operations in docs/openapi.yaml the server does not serve");
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((m, op) -> {
            Route route = Route.match(m.name(), path);
            boolean admin = route != null && route.anonymous() == Route.Anonymous.NEVER;
            assertEquals(admin, op.getSecurity() != null && !op.getSecurity().isEmpty()
                            && op.getSecurity().stream().noneMatch(Map::isEmpty),
                    m + " " + path + ": routes never open to anonymous callers (only) need a credential in the contract");
        }));
    }

    @Test
    void shouldAnswerEveryRouteAsTheContractSays() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        gcc.auth.CredentialFile.write(data.resolve("credentials.json"), List.of(
                gcc.auth.Credential.token(gcc.auth.Principal.of("forwarder-1", "forwarder"), FORWARDER)));
        try (ServerFixture s = new ServerFixture(data, Map.of(gcc.config.Setting.AUTH_FORWARDER_RATE, "1",
                gcc.config.Setting.AUTH_FORWARDER_BURST, "1"))) {
            ReportDocument active = TestWorld.report("NB26-920001");
            s.register(active);
            String code = s.world.issue(active, s.world.labA);
            String token = s.token;

            exchange(s, Route.VERIFY, 200, post("/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}", null));
            exchange(s, Route.VERIFY, 200, post("/v1/verify", "{\"code\":\"GCC1:NOT-A-CODE\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}", null)
                    .header("Accept-Language", "zh"));
            exchange(s, Route.VERIFY, 400, post("/v1/verify", "{not json", null));
            exchange(s, Route.VERIFY, 400, post("/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + TestWorld.EXPORTER
                    + "\",\"at\":\"1999-01-01\"}", null));
            exchange(s, Route.VERIFY, 405, request("/v1/verify").GET());
            String probe = "{\"code\":\"GCC1:NOT-A-CODE\",\"exporter\":\"" + TestWorld.EXPORTER + "\"}";
            exchange(s, Route.VERIFY, 200, post("/v1/verify", probe, FORWARDER));
            exchange(s, Route.VERIFY, 429, post("/v1/verify", probe, FORWARDER)); // a burst of 1, then 1 a second

            exchange(s, Route.REPORT, 200, request("/v1/reports/" + active.reportId()).GET());
            exchange(s, Route.REPORT, 404, request("/v1/reports/NB26-NOSUCH").GET());
            exchange(s, Route.REPORT, 400, request("/v1/reports/" + "X".repeat(ReportDocument.MAX_ID + 1)).GET());

            ReportDocument fresh = TestWorld.report("NB26-920002");
            exchange(s, Route.REPORT_REGISTER, 201, post("/v1/admin/reports", ReportJson.toJson(fresh).toString(), token));
            exchange(s, Route.REPORT_REGISTER, 409, post("/v1/admin/reports", ReportJson.toJson(fresh).toString(), token));
            exchange(s, Route.REPORT_REGISTER, 422, post("/v1/admin/reports", "{\"reportId\":\"NB26-1\"}", token));
            exchange(s, Route.REPORT_REGISTER, 401, post("/v1/admin/reports", ReportJson.toJson(fresh).toString(), null));

            String id = fresh.reportId();
            exchange(s, Route.REPORT_SUSPEND, 200, post("/v1/admin/reports/" + id + "/suspend", "{\"reason\":\"audit\"}", token));
            exchange(s, Route.REPORT_SUSPEND, 409, post("/v1/admin/reports/" + id + "/suspend", "{\"reason\":\"again\"}", token));
            exchange(s, Route.REPORT_SUSPEND, 404, post("/v1/admin/reports/NB26-NOSUCH/suspend", "{\"reason\":\"x\"}", token));
            exchange(s, Route.REPORT, 200, request("/v1/reports/" + id).GET()); // now with its statusChange
            exchange(s, Route.REPORT_REINSTATE, 200, post("/v1/admin/reports/" + id + "/reinstate", "{\"reason\":\"cleared\"}", token));
            exchange(s, Route.REPORT_REVOKE, 200, post("/v1/admin/reports/" + id + "/revoke", "{\"reason\":\"recall\"}", token));
            exchange(s, Route.REPORT_REVOKE, 409, post("/v1/admin/reports/" + id + "/revoke", "{\"reason\":\"again\"}", token));

            exchange(s, Route.RECALL, 200, post("/v1/admin/recalls/lab/L9999/suspend", "{\"reason\":\"accreditation lapsed\"}", token));
            exchange(s, Route.RECALL, 404, post("/v1/admin/recalls/planet/L9999/suspend", "{}", token));
            exchange(s, Route.RECALL, 422, post("/v1/admin/recalls/exporter/not-a-uscc/suspend", "{}", token));
            exchange(s, Route.EXPORTER, 200, post("/v1/admin/exporters/" + TestWorld.OTHER_EXPORTER + "/suspend", "{\"reason\":\"fraud\"}", token));
            exchange(s, Route.EXPORTER, 409, post("/v1/admin/exporters/" + TestWorld.OTHER_EXPORTER + "/suspend", "{}", token));
            exchange(s, Route.EXPORTER, 422, post("/v1/admin/exporters/123/suspend", "{}", token));

            exchange(s, Route.TRUST_LIST, 200, put("/v1/admin/trust-list",
                    s.world.trustList(3, gcc.trust.KeyStatus.REVOKED).sign(s.world.root), token));
            exchange(s, Route.TRUST_LIST, 422, put("/v1/admin/trust-list", new byte[]{1, 2, 3}, token));
            exchange(s, Route.TRUST_LIST, 405, request("/v1/admin/trust-list").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            exchange(s, Route.POLICY_RELOAD, 200, post("/v1/admin/policy/reload", "", token));
            exchange(s, Route.CREDENTIALS, 200, request("/v1/admin/credentials").header("Authorization", "Bearer " + token).GET());
            exchange(s, Route.CREDENTIALS, 401, request("/v1/admin/credentials").GET());
            exchange(s, Route.CREDENTIALS, 403, request("/v1/admin/credentials").header("Authorization", "Bearer " + FORWARDER).GET());
            exchange(s, Route.CREDENTIALS_RELOAD, 200, post("/v1/admin/credentials/reload", "", token));
            exchange(s, Route.CREDENTIAL_ADD, 201, post("/v1/admin/credentials", "{\"principal\":\"fwd-9\",\"role\":\"forwarder\"}", token));
            exchange(s, Route.CREDENTIAL_ADD, 409, post("/v1/admin/credentials", "{\"principal\":\"fwd-9\",\"role\":\"forwarder\"}", token));
            exchange(s, Route.CREDENTIAL_ADD, 422, post("/v1/admin/credentials", "{\"principal\":\"fwd-10\",\"role\":\"king\"}", token));
            exchange(s, Route.CREDENTIAL_REMOVE, 200, request("/v1/admin/credentials/fwd-9").header("Authorization", "Bearer " + token).DELETE());
            exchange(s, Route.CREDENTIAL_REMOVE, 404, request("/v1/admin/credentials/fwd-9").header("Authorization", "Bearer " + token).DELETE());
            exchange(s, Route.AUDIT, 200, request("/v1/audit?outcome=HOLD&limit=2").header("Authorization", "Bearer " + token).GET());
            exchange(s, Route.AUDIT, 200, request("/v1/audit?declaration=310420261000123456").header("Authorization", "Bearer " + token)
                    .GET());
            exchange(s, Route.AUDIT, 400, request("/v1/audit?limit=5000").header("Authorization", "Bearer " + token).GET());
            exchange(s, Route.AUDIT, 401, request("/v1/audit").GET());

            exchange(s, Route.METRICS, 200, request("/metrics").GET());
            exchange(s, Route.METRICS, 405, post("/metrics", "{}", null));
            exchange(s, Route.HEALTH, 200, request("/health").GET());
            exchange(s, Route.READY, 200, request("/ready").GET());
            s.node.audit().close(Duration.ofSeconds(5)); // the audit stops taking records: not ready
            exchange(s, Route.READY, 503, request("/ready").GET());
            exchange(s, Route.HEALTH, 200, request("/health").GET());
        }
        Set<Route> untried = EnumSet.allOf(Route.class);
        untried.removeAll(exercised);
        assertEquals(Set.of(), untried, "routes without an exchange in this test: add one per route");
        assertEquals(List.of(), failures, "answers the contract does not describe");
    }

    /** Sends one request, checks the expected status, then that the contract describes the answer. */
    private void exchange(ServerFixture s, Route route, int expected, HttpRequest.Builder b) throws Exception {
        URI asked = b.build().uri();
        HttpRequest req = b.uri(s.uri(asked.getRawPath() + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery()))).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        String what = req.method() + " " + req.uri().getPath() + " -> " + r.statusCode();
        assertEquals(expected, r.statusCode(), what + ": " + r.body());
        exercised.add(route);
        JsonNode response = response(route, r.statusCode());
        if (response == null) {
            failures.add(what + ": status not in the contract of " + route.method() + " " + route.template());
            return;
        }
        String type = r.headers().firstValue("content-type").orElse("").split(";")[0].trim();
        JsonNode content = response.path("content").path(type);
        if (content.isMissingNode()) {
            failures.add(what + ": content type '" + type + "' not in the contract");
            return;
        }
        if (type.equals("application/json")) {
            String pointer = response.get("x-pointer").asText() + "/content/application~1json/schema";
            Schema schema = schemas.getSchema(SchemaLocation.of(DOC_IRI + "#" + pointer));
            List<com.networknt.schema.Error> errors = schema.validate(r.body(), InputFormat.JSON);
            if (!errors.isEmpty()) {
                failures.add(what + ": " + errors + " in " + r.body());
            }
        }
    }

    /** The contract's response object for a status (following a local $ref), with its JSON pointer under "x-pointer". */
    private static JsonNode response(Route route, int status) {
        String op = "/paths/" + escape(route.template()) + "/" + route.method().toLowerCase(java.util.Locale.ROOT)
                + "/responses/" + status;
        JsonNode n = doc.at(op);
        if (n.isMissingNode()) {
            return null;
        }
        if (n.has("$ref")) {
            op = n.get("$ref").asText().substring(1);
            n = doc.at(op);
        }
        assertNotNull(n, op);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy()).put("x-pointer", op);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://placeholder" + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.Builder post(String path, String body, String bearer) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
    }

    private static HttpRequest.Builder put(String path, byte[] body, String bearer) {
        return request(path).header("Content-Type", "application/cose").header("Authorization", "Bearer " + bearer)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static Path repoFile(String relative) {
        Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (d != null && !Files.exists(d.resolve(relative))) {
            d = d.getParent();
        }
        assertNotNull(d, relative + " not found above " + System.getProperty("user.dir"));
        return d.resolve(relative);
    }
}
