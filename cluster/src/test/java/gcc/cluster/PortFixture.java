package gcc.cluster;

import gcc.audit.AuditJournal;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.policy.PolicyJson;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.server.GateNode;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * One port's gate server in Kafka mode on loopback ephemeral ports: a real node (gate TCP, HTTP
 * API, shared registry, audit and its forwarder) over a temporary data directory, with the
 * customs root of a {@link TestWorld} shared by every port of a test, the trust list version 2
 * in its file, and the decision clock at {@link TestWorld#NOW}.
 */
final class PortFixture implements AutoCloseable {
    final GateNode node;
    final Path data;
    final String token;
    private final GateClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PortFixture(TestWorld world, Path data, String bootstrap, String prefix, String port, long stalenessMillis) throws Exception {
        this(world, data, bootstrap, prefix, port, stalenessMillis, null);
    }

    /** As above, with this port's own policy file ({@code null}: the built-in policy). */
    PortFixture(TestWorld world, Path data, String bootstrap, String prefix, String port, long stalenessMillis,
                Path policyFile) throws Exception {
        this.data = data;
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", world.root.publicKeySpki()));
        Files.write(data.resolve("trust-list.cose"), world.trustList(2, KeyStatus.ACTIVE).sign(world.root));
        ServerContext ctx = new ServerContext()
                .set(Setting.POLICY_FILE, policyFile == null ? "" : policyFile.toString())
                .set(Setting.DATA_DIR, data.toString())
                .set(Setting.GATE_PORT, "0")
                .set(Setting.HTTP_PORT, "0")
                .set(Setting.REGISTRY_ENTRIES, "10000")
                .set(Setting.SHUTDOWN_DEADLINE_MS, "3000")
                .set(Setting.CLUSTER_KAFKA_BOOTSTRAP, bootstrap)
                .set(Setting.CLUSTER_TOPIC_PREFIX, prefix)
                .set(Setting.CLUSTER_PORT_ID, port)
                .set(Setting.CLUSTER_STALENESS_MS, String.valueOf(stalenessMillis))
                .conclude();
        Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
        ClusterSettings shared = ClusterSettings.of(ctx);
        node = GateNode.start(ctx, clock, new GateNode.Components(
                c -> {
                    try {
                        return ClusterRegistry.open(c.dataDir().resolve("registry-cluster"), c.registryEntries(), shared, clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                c -> new AuditJournal(c.auditDir(), c.auditSyncInterval(), c.auditMinFreeBytes()),
                () -> PolicyJson.load(ctx.policyFile())));
        token = Files.readString(ctx.adminTokenFile()).trim();
        client = GateClient.builder().server("127.0.0.1", node.gatePort()).requestTimeout(Duration.ofSeconds(5)).build();
        if (!client.awaitConnected(Duration.ofSeconds(5))) {
            throw new IllegalStateException("gate client did not connect");
        }
    }

    VerifyAnswer verify(String code) {
        return client.verify(GateRequest.of(code, TestWorld.EXPORTER, "GATE-01"));
    }

    HttpResponse<String> register(ReportDocument doc) throws Exception {
        return send("POST", "/v1/admin/reports", ReportJson.toJson(doc).toString().getBytes(), "application/json");
    }

    HttpResponse<String> revoke(String id) throws Exception {
        return send("POST", "/v1/admin/reports/" + id + "/revoke", "{\"reason\":\"recall\"}".getBytes(), "application/json");
    }

    /** Shares this port's policy file with every port. */
    HttpResponse<String> reloadPolicy() throws Exception {
        return send("POST", "/v1/admin/policy/reload", new byte[0], "application/json");
    }

    HttpResponse<String> putTrustList(byte[] signed) throws Exception {
        return send("PUT", "/v1/admin/trust-list", signed, "application/cose");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String type) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(uri(path)).header("Content-Type", type).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    @Override
    public void close() {
        client.close();
        node.close();
    }
}
