package gcc.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A gate server's HTTP API as its operators call it (docs/operations.md): unauthenticated reads
 * and pre-validation, and admin changes with the bearer token. What the demo and the load test
 * provision a server with. Thread-safe; each call blocks until the answer.
 */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String token;
    private final String actor;

    /**
     * {@code base} like http://127.0.0.1:8080; {@code token} a customs or lab bearer token (the
     * server records its principal as the actor; {@code actor} is sent as X-Actor, which it ignores).
     */
    public ApiClient(String base, String token, String actor) {
        this.base = base;
        this.token = token;
        this.actor = actor;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** An unauthenticated JSON POST, e.g. /v1/verify. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(json(path, json).build());
    }

    /** Loads a signed trust list (PUT /v1/admin/trust-list). */
    public void putTrustList(byte[] signed) throws IOException, InterruptedException {
        expect2xx(send(admin(HttpRequest.newBuilder(URI.create(base + "/v1/admin/trust-list")))
                .header("Content-Type", "application/cose").PUT(HttpRequest.BodyPublishers.ofByteArray(signed)).build()),
                "load the trust list");
    }

    /** Registers a report given as its JSON document (POST /v1/admin/reports). */
    public void register(String reportJson, String what) throws IOException, InterruptedException {
        expect2xx(send(admin(json("/v1/admin/reports", reportJson)).build()), "register " + what);
    }

    /** Revokes, suspends or reinstates a report (POST /v1/admin/reports/ID/ACTION). */
    public void changeStatus(String reportId, String action, String reason) throws IOException, InterruptedException {
        String body = "{\"reason\":\"" + Reports.jsonEscape(reason) + "\"}";
        expect2xx(send(admin(json("/v1/admin/reports/" + reportId + "/" + action, body)).build()), action + " " + reportId);
    }

    /** A JSON POST with this client's token, answered whatever its status (to show a refusal). */
    public HttpResponse<String> postWithToken(String path, String json) throws IOException, InterruptedException {
        return send(admin(json(path, json)).build());
    }

    /** A GET with this client's token, answered whatever its status. */
    public HttpResponse<String> getWithToken(String path) throws IOException, InterruptedException {
        return send(admin(HttpRequest.newBuilder(URI.create(base + path)).GET()).build());
    }

    private HttpRequest.Builder json(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder admin(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + token).header("X-Actor", actor);
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect2xx(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
