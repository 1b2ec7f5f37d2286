package gcc.server;

import gcc.audit.DecisionAudit;
import gcc.config.ServerContext;
import gcc.crypto.Keys;
import gcc.crypto.SignatureVerifier;
import gcc.decision.Decision;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.http.AdminAuth;
import gcc.http.HttpApiServer;
import gcc.metrics.GateMetrics;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryService;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;
import gcc.rules.Declaration;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import io.netty.channel.MultiThreadIoEventLoopGroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One gate server process: opens policy, trust list, registry and audit from the data directory,
 * starts the gate TCP and HTTP listeners, and stops everything in order (stop accepting, finish
 * in-flight requests within the deadline, drain the audit, close the registry, stop the loops).
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
    private final Clock clock;
    private final GateMetrics metrics = new GateMetrics();
    private final PolicyHolder policy;
    private final TrustStore trust;
    private final SignatureMemo memo;
    private final Verifier verifier;
    private final RegistryService registry;
    private final DecisionAudit audit;
    private final WorkerPool workers;
    private final WorkerPool adminPool;
    private final AdminAuth adminAuth;
    private final EventLoops loops;
    private final MultiThreadIoEventLoopGroup bossGroup;
    private final MultiThreadIoEventLoopGroup ioGroup;
    private final AtomicLong inFlight = new AtomicLong();
    private final Instant startedAt;
    private volatile boolean stopping;
    private GateListener gate;
    private HttpApiServer http;

    private GateNode(ServerContext ctx, Clock clock, Components parts) throws Exception {
        this.ctx = ctx;
        this.clock = clock;
        this.startedAt = clock.instant();
        Files.createDirectories(ctx.dataDir());
        this.policy = new PolicyHolder(parts.policy());
        this.trust = new TrustStore(loadRootKey(ctx.trustRootKey()));
        loadTrustList();
        this.memo = new SignatureMemo(ctx.memoCapacity());
        this.registry = parts.registry().apply(ctx);
        this.audit = parts.audit().apply(ctx);
        this.verifier = new Verifier(trust, policy, registry, memo, clock);
        this.workers = new WorkerPool("gcc-verify", ctx.workerThreads(), ctx.workerQueue());
        this.adminPool = new WorkerPool("gcc-admin", 1, 1024);
        this.adminAuth = new AdminAuth(adminToken(ctx.adminTokenFile()));
        this.loops = new EventLoops(ctx.io());
        this.bossGroup = loops.group(1);
        this.ioGroup = loops.group(ctx.eventLoops());
    }

    /** Opens everything and starts the listeners. */
    public static GateNode start(ServerContext ctx, Clock clock, Components parts) throws Exception {
        GateNode node = new GateNode(ctx, clock, parts);
        try {
            node.gate = GateListener.start(node);
            if (ctx.httpPort() >= 0) {
                node.http = HttpApiServer.start(node);
            }
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private static SignatureVerifier loadRootKey(Path pem) throws IOException {
        if (!Files.exists(pem)) {
            throw new IllegalArgumentException("customs root public key " + pem + " not found: put the PEM there or set "
                    + gcc.config.Setting.TRUST_ROOT_KEY.key());
        }
        return SignatureVerifier.ofSpki(Keys.fromPem("PUBLIC KEY", Files.readString(pem)));
    }

    private void loadTrustList() {
        Path file = ctx.trustList();
        if (!Files.exists(file)) {
            return; // decisions hold TRUST_LIST_UNAVAILABLE until an admin loads one
        }
        try {
            trust.offer(Files.readAllBytes(file));
        } catch (IOException | TrustListException e) {
            throw new IllegalArgumentException("trust list " + file + " refused: " + e.getMessage(), e);
        }
    }

    /** The admin token from its file, creating the file with a random token at first start. */
    static String adminToken(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's permissions must protect it
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return token;
    }

    // ------------------------------------------------------------------ decisions off the gate path

    /**
     * A full, itemized decision for the HTTP API (pre-validation), run on a worker thread: decides,
     * records it in the audit (HOLD if that fails) and counts it.
     */
    public Decision verifyForHttp(String code, String exporter, String product, Instant at, long[] serverMicros) {
        long start = System.nanoTime();
        Instant when = at != null ? at : clock.instant();
        byte[] text = code.trim().getBytes(StandardCharsets.ISO_8859_1);
        Verifier.Scratch s = new Verifier.Scratch();
        Findings f = new Findings();
        Declaration decl = Declaration.of(exporter, product);
        if (text.length > gcc.code.ClearanceCode.MAX_TEXT) {
            f.hold(Reason.MALFORMED_CODE, "code text longer than " + gcc.code.ClearanceCode.MAX_TEXT + " characters");
        } else {
            verifier.verifyInto(text, 0, text.length, decl, when.getEpochSecond(), s, f);
        }
        int micros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1000);
        byte[] rid = f.claims() == null ? new byte[0] : f.claims().reportIdBytes();
        byte[] gateId = "http".getBytes(StandardCharsets.US_ASCII);
        boolean recorded = audit.record(clock.millis() * 1000, DecisionAudit.Source.HTTP_VERIFY, gateId, 0, gateId.length, 0,
                decl.exporter(), decl.exporterOff(), Math.min(decl.exporterLen(), 18), rid, 0, rid.length,
                (byte) (f.outcome() == Outcome.RELEASE ? 1 : 2), f.reasons(), micros);
        if (!recorded) {
            f.hold(Reason.AUDIT_UNAVAILABLE);
            metrics.auditRejected();
        }
        metrics.decided(f.outcome() == Outcome.RELEASE, f.reasons(), micros, GateMetrics.Channel.HTTP);
        serverMicros[0] = micros;
        return Decision.of(f, policy.get(), when);
    }

    /** Journals a registry change on the admin thread's behalf and audits it. */
    public String submit(RegistryEvent event) {
        String refusal = registry.submit(event);
        if (refusal == null) {
            audit.recordAdmin(clock.millis() * 1000, event.actor(), event.type() + " " + event.reportId()
                    + (event.reason() == null || event.reason().isEmpty() ? "" : ": " + event.reason()));
        }
        return refusal;
    }

    /** Offers a new signed trust list; on success persists it and audits the change. */
    public TrustList loadTrustList(byte[] signed, String actor) throws TrustListException, IOException {
        TrustList accepted = trust.offer(signed);
        Path file = ctx.trustList();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, signed);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        audit.recordAdmin(clock.millis() * 1000, actor, "trust list version " + accepted.version());
        return accepted;
    }

    /** Reloads the policy from its source; the current one stays if the new one is bad. */
    public gcc.policy.Policy reloadPolicy(String actor) throws Exception {
        gcc.policy.Policy p = policy.reload();
        audit.recordAdmin(clock.millis() * 1000, actor, "policy reloaded: " + p.version());
        return p;
    }

    // ------------------------------------------------------------------ state

    /** True once the registry is current, a trust list is loaded and the audit can write. */
    public boolean ready() {
        return !stopping && registry.ready() && trust.current() != null && audit.healthy();
    }

    public boolean stopping() {
        return stopping;
    }

    public ServerContext context() {
        return ctx;
    }

    public Clock clock() {
        return clock;
    }

    public GateMetrics metrics() {
        return metrics;
    }

    public Verifier verifier() {
        return verifier;
    }

    public SignatureMemo memo() {
        return memo;
    }

    public TrustStore trust() {
        return trust;
    }

    public PolicyHolder policy() {
        return policy;
    }

    public RegistryService registry() {
        return registry;
    }

    public DecisionAudit audit() {
        return audit;
    }

    public WorkerPool workers() {
        return workers;
    }

    public WorkerPool adminPool() {
        return adminPool;
    }

    public AdminAuth adminAuth() {
        return adminAuth;
    }

    public EventLoops loops() {
        return loops;
    }

    public MultiThreadIoEventLoopGroup bossGroup() {
        return bossGroup;
    }

    public MultiThreadIoEventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** Requests being decided right now (gate and HTTP). */
    public AtomicLong inFlight() {
        return inFlight;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The gate listener's bound port. */
    public int gatePort() {
        return gate.port();
    }

    /** The HTTP listener's bound port, or -1. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * Graceful stop: stop accepting, let in-flight requests finish within the deadline, stop the
     * workers, close connections, drain the audit, close the registry, stop the event loops.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        Duration deadline = ctx.shutdownDeadline();
        long end = System.nanoTime() + deadline.toNanos();
        if (gate != null) {
            gate.stopAccepting();
        }
        if (http != null) {
            http.stopAccepting();
        }
        while (inFlight.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (workers != null) {
            workers.shutdown(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        }
        if (adminPool != null) {
            adminPool.shutdown(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        }
        if (gate != null) {
            gate.closeConnections();
        }
        if (http != null) {
            http.closeConnections();
        }
        // Every reader of the registry runs on these loops or the workers: stop them first.
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (audit != null) {
            audit.close(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    public String toString() {
        return "GateNode[gate " + (gate == null ? "-" : gate.port()) + ", http " + httpPort() + ", " + loops + "]";
    }
}
