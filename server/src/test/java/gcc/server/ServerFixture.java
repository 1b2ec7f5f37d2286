package gcc.server;

import gcc.audit.AuditJournal;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.policy.PolicyJson;
import gcc.registry.PersistentRegistry;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;

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
import java.util.Map;

/**
 * A real gate server on loopback ephemeral ports over a temporary data directory: Chronicle
 * registry and audit, the built-in policy, a trust list signed by {@link TestWorld}'s root, and a
 * clock fixed at {@link TestWorld#NOW}.
 */
final class ServerFixture implements AutoCloseable {
    final TestWorld world = new TestWorld();
    final Path data;
    final GateNode node;
    final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServerFixture(Path data, Map<Setting, String> settings) throws Exception {
        this.data = data;
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", world.root.publicKeySpki()));
        Files.write(data.resolve("trust-list.cose"), world.trustList(2, gcc.trust.KeyStatus.REVOKED).sign(world.root));
        ServerContext ctx = new ServerContext()
                .set(Setting.DATA_DIR, data.toString())
                .set(Setting.GATE_PORT, "0")
                .set(Setting.HTTP_PORT, "0")
                .set(Setting.REGISTRY_ENTRIES, "10000")
                .set(Setting.SHUTDOWN_DEADLINE_MS, "3000");
        settings.forEach(ctx::set);
        ctx.conclude();
        Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
        node = GateNode.start(ctx, clock, new GateNode.Components(
                c -> {
                    try {
                        return PersistentRegistry.open(c.registryDir(), c.registryEntries(), clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                c -> new AuditJournal(c.auditDir(), c.auditSyncInterval(), c.auditMinFreeBytes()),
                () -> PolicyJson.load(ctx.policyFile())));
        token = Files.readString(ctx.adminTokenFile()).trim();
    }


    ServerFixture(Path data) throws Exception {
        this(data, Map.of());
    }

    /** Registers a report directly in the registry (as the admin API would). */
    void register(ReportDocument doc) {
        String refusal = node.admin().submit(RegistryEvent.register(doc, "lab:" + doc.labId()));
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    GateClient client() {
        GateClient c = GateClient.builder().server("127.0.0.1", node.gatePort()).requestTimeout(Duration.ofSeconds(5)).build();
        if (!c.awaitConnected(Duration.ofSeconds(5))) {
            throw new IllegalStateException("client did not connect");
        }
        return c;
    }

    VerifyAnswer verify(GateClient c, String code, String exporter) {
        return c.verify(GateRequest.of(code, exporter, "NGB-G01"));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, byte[] body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/cose")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    @Override
    public void close() {
        node.close();
    }
}
