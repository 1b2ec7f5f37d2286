package gcc.server;

import gcc.admin.AdminActions;
import gcc.admin.AdminToken;
import gcc.admin.LabScope;
import gcc.auth.CredentialStore;
import gcc.auth.RateLimiter;
import gcc.audit.DecisionAudit;
import gcc.cluster.ClusterLink;
import gcc.cluster.ClusterSettings;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.crypto.SignatureVerifier;
import gcc.gatetcp.GateListener;
import gcc.gatetcp.GateRequestHandler;
import gcc.http.Access;
import gcc.http.AdminRoutes;
import gcc.http.HttpApiHandler;
import gcc.http.HttpApiServer;
import gcc.metrics.GateMetrics;
import gcc.metrics.NodeHealth;
import gcc.metrics.PrometheusText;
import gcc.policy.PolicyHolder;
import gcc.policy.PolicyJson;
import gcc.recorder.DecisionRecorder;
import gcc.registry.RegistryService;
import gcc.registry.ResidentPages;
import gcc.transport.EventLoops;
import gcc.transport.InFlight;
import gcc.transport.WorkerPool;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One gate server process, and the composition root: the only class that knows every feature.
 * It opens policy, trust list, registry and audit from the data directory, wires the decision
 * recorder and the handlers (each gets only what it uses), starts the gate TCP and HTTP
 * listeners, and stops everything in order (stop accepting, finish in-flight requests within the
 * deadline, drain the audit, close the registry, stop the loops).
 *
 * <p>Thread-safe. {@link #start} and {@link #close} are called once each.
 */
public final class GateNode implements AutoCloseable {

    /** How the node obtains the parts that live in other packages, so tests and tools can choose. */
    public record Components(Function<ServerContext, RegistryService> registry,
                             Function<ServerContext, DecisionAudit> audit,
                             PolicyHolder.Source policy) {
    }

    private final ServerContext ctx;
    private final GateMetrics metrics = new GateMetrics();
    private final InFlight inFlight = new InFlight();
    private final PolicyHolder policy;
    private final TrustStore trust;
    private final SignatureMemo memo;
    private final RegistryService registry;
    /** Keeps the index's pages in memory, so no decision waits for a page read from disk. */
    private final ResidentPages resident;
    private final DecisionAudit audit;
    private final WorkerPool workers;
    private final WorkerPool adminPool;
    private final EventLoops loops;
    private final CredentialStore credentials;
    private final NodeHealth health;
    private final DecisionRecorder recorder;
    private final AdminActions admin;
    /** Kafka mode: the shared trust list and policy, and the audit forwarding; null on a single port. */
    private final ClusterLink cluster;
    private GateListener gate;
    private HttpApiServer http;
    private final Clock clock;

    /** Opens the state and wires the parts; on failure closes what it opened. */
    private GateNode(ServerContext ctx, Clock clock, Components parts) throws Exception {
        this.clock = clock;
        this.ctx = ctx;
        Files.createDirectories(ctx.dataDir());
        ClusterSettings sharing = ClusterSettings.of(ctx);
        AtomicReference<byte[]> sharedPolicy = new AtomicReference<>();
        this.policy = new PolicyHolder(sharing == null ? parts.policy() : ClusterLink.policySource(sharedPolicy, parts.policy()));
        SignatureVerifier root = loadRootKey(ctx.trustRootKey());
        this.trust = new TrustStore(root);
        loadTrustList(trust, ctx.trustList());
        // Before the registry opens: a malformed credentials file refuses the start with nothing to undo.
        this.credentials = new CredentialStore(ctx.credentialsFile(), AdminToken.readOrCreate(ctx.adminTokenFile()));
        this.memo = new SignatureMemo(ctx.memoCapacity());
        this.registry = parts.registry().apply(ctx);
        // Kafka mode: the staleness bound is policy, so a policy shared through the cluster sets it at every port.
        policy.onChange(p -> registry.stalenessBound(p.registryStaleness().orElse(null)));
        this.audit = openAudit(parts, registry);
        this.workers = new WorkerPool("gcc-verify", ctx.workerThreads(), ctx.workerQueue());
        this.adminPool = new WorkerPool("gcc-admin", 1, 1024);
        this.loops = new EventLoops(ctx.io(), ctx.eventLoops(), ctx.ioReceiveBuffers());
        this.health = new NodeHealth(registry, trust, policy, audit, inFlight, clock.instant());
        this.recorder = new DecisionRecorder(new Verifier(trust, policy, registry, memo, clock), audit, metrics, clock);
        this.cluster = sharing == null ? null : ClusterLink.start(sharing, root, trust, ctx.trustList(), sharedPolicy,
                this::reloadSharedPolicy, ctx.auditDir(), ctx.dataDir().resolve("cluster/audit.forwarded"));
        this.admin = new AdminActions(registry, trust, ctx.trustList(), policy, audit, clock, cluster,
                () -> ctx.policyFile() == null ? PolicyJson.builtInText().getBytes(StandardCharsets.UTF_8)
                        : Files.readAllBytes(ctx.policyFile()));
        this.resident = ResidentPages.keep((sharing == null ? ctx.registryDir() : ctx.dataDir().resolve("registry-cluster"))
                .resolve("index.cm3"), ctx.registryKeepResidentSeconds());
    }

    /** A policy shared through the cluster arrived: put it in force (the current one stays if it is bad). */
    private void reloadSharedPolicy() {
        try {
            policy.reload();
        } catch (Exception e) {
            System.err.println("gcc cluster: shared policy refused, the current one stays: " + e.getMessage());
        }
    }

    private DecisionAudit openAudit(Components parts, RegistryService opened) {
        try {
            return parts.audit().apply(ctx);
        } catch (RuntimeException | Error e) {
            opened.close();
            throw e;
        }
    }

    /** Opens everything and starts the listeners. */
    public static GateNode start(ServerContext ctx, Clock clock, Components parts) throws Exception {
        GateNode node = new GateNode(ctx, clock, parts);
        try {
            node.startListeners();
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startListeners() {
        GateRequestHandler gateHandler = new GateRequestHandler(recorder, workers, inFlight, metrics, ctx.gateMaxInFlight(),
                ctx.workerInlineSharePercent());
        gate = GateListener.start(ctx, loops, metrics, gateHandler);
        if (ctx.httpPort() >= 0) {
            AdminRoutes adminRoutes = new AdminRoutes(credentials, admin, new LabScope(trust, registry, clock), adminPool);
            HttpApiHandler api = new HttpApiHandler(recorder, workers, inFlight, metrics, registry, policy, health,
                    new PrometheusText(metrics, memo, workers, health), adminRoutes, clock, ctx.httpAtBack(),
                    ctx.httpAtAhead(), (declaration, container, report, exporter, gate, outcome, from, to, after, limit) ->
                            gcc.audit.AuditJson.page(ctx.auditDir(), new gcc.audit.AuditQuery.Filter(report, exporter, gate,
                                    outcome, from, to, declaration, container), after, limit), adminPool);
            Access access = new Access(credentials, ctx.anonymousVerify(), ctx.anonymousProbes(),
                    new RateLimiter(ctx.forwarderRate(), ctx.forwarderBurst(), System::nanoTime));
            http = HttpApiServer.start(ctx, loops, api, access, metrics);
            credentials.watch(Duration.ofSeconds(1));
        }
    }

    private static SignatureVerifier loadRootKey(Path pem) throws IOException {
        if (!Files.exists(pem)) {
            throw new IllegalArgumentException("customs root public key " + pem + " not found: put the PEM there or set "
                    + Setting.TRUST_ROOT_KEY.key());
        }
        return SignatureVerifier.ofSpki(Keys.fromPem("PUBLIC KEY", Files.readString(pem)));
    }

    private static void loadTrustList(TrustStore trust, Path file) {
        if (!Files.exists(file)) {
            return; // decisions hold TRUST_LIST_UNAVAILABLE until an admin loads one
        }
        try {
            trust.offer(Files.readAllBytes(file));
        } catch (IOException | TrustListException e) {
            throw new IllegalArgumentException("trust list " + file + " refused: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ what callers may read

    /** The node's live state: readiness, registry, trust list, policy, audit. */
    public NodeHealth health() {
        return health;
    }

    /** The gate listener's bound port. */
    public int gatePort() {
        return gate.port();
    }

    /** How many credentials the credentials file lists (the admin token besides). */
    public int credentialCount() {
        return credentials.current().listed().size();
    }

    /** The HTTP listener's bound port, or -1. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** The transport in use (epoll or nio). */
    public EventLoops loops() {
        return loops;
    }

    // For tests in this package: the counters, the memo, the audit, and admin changes without HTTP.

    GateMetrics metrics() {
        return metrics;
    }

    SignatureMemo memo() {
        return memo;
    }

    DecisionAudit audit() {
        return audit;
    }

    AdminActions admin() {
        return admin;
    }

    /**
     * Graceful stop: stop accepting, let in-flight requests finish within the deadline, stop the
     * workers, close connections, drain the audit, close the registry, stop the event loops.
     */
    @Override
    public synchronized void close() {
        if (inFlight.stopping()) {
            return;
        }
        inFlight.stop();
        long end = System.nanoTime() + ctx.shutdownDeadline().toNanos();
        if (gate != null) {
            gate.stopAccepting();
        }
        if (http != null) {
            http.stopAccepting();
        }
        inFlight.awaitIdle(end);
        workers.shutdown(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        adminPool.shutdown(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        if (gate != null) {
            gate.closeConnections();
        }
        if (http != null) {
            http.closeConnections();
        }
        // Every reader of the registry runs on these loops or the workers: stop them first.
        loops.shutdown();
        audit.close(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
        if (cluster != null) {
            cluster.close(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
        }
        resident.close();
        registry.close();
        credentials.close();
    }

    @Override
    public String toString() {
        return "GateNode[gate " + (gate == null ? "-" : gate.port()) + ", http " + httpPort() + ", " + loops + "]";
    }
}
