package gcc.metrics;

import gcc.audit.DecisionAudit;
import gcc.policy.Policy;
import gcc.registry.RegistryService;
import gcc.transport.InFlight;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The node's state as operators read it ({@code /health}, {@code /ready}, the metrics and the
 * startup line): each call reads the live value. Ready means the registry is current, a trust
 * list is loaded, the audit can write and the node is not stopping.
 *
 * <p>Thread-safe.
 */
public final class NodeHealth {
    private final RegistryService registry;
    private final TrustStore trust;
    private final Supplier<Policy> policy;
    private final DecisionAudit audit;
    private final InFlight inFlight;
    private final Instant startedAt;

    public NodeHealth(RegistryService registry, TrustStore trust, Supplier<Policy> policy, DecisionAudit audit,
                      InFlight inFlight, Instant startedAt) {
        this.registry = registry;
        this.trust = trust;
        this.policy = policy;
        this.audit = audit;
        this.inFlight = inFlight;
        this.startedAt = startedAt;
    }

    /** True when every one of {@link #conditions()} holds: the node answers {@code /ready} with 200. */
    public boolean ready() {
        return conditions().stream().allMatch(Readiness::ok);
    }

    /**
     * Every condition {@link #ready()} checks, each with a message naming what is unmet (read
     * once each, so a condition may change between this and {@code ready()}).
     */
    public java.util.List<Readiness> conditions() {
        java.util.List<Readiness> c = new java.util.ArrayList<>(5);
        boolean stopping = inFlight.stopping();
        c.add(new Readiness("accepting", !stopping, stopping ? "the node is stopping" : "accepting requests"));
        boolean registryReady = registry.ready();
        c.add(new Readiness("registry", registryReady, registryReady
                ? "open and current: " + registry.entries() + " reports, last sequence " + registry.lastSequence()
                : "the registry index is not open and current (opening, catching up or failed; see the log)"));
        TrustList t = trust.current();
        c.add(new Readiness("trust-list", t != null, t != null ? "version " + t.version() + " in force"
                : "no trust list loaded: upload a signed one with PUT /v1/admin/trust-list (gatectl trust-list sign makes one)"));
        boolean auditOk = audit.healthy();
        c.add(new Readiness("audit", auditOk, auditOk ? "decisions are being recorded"
                : "the audit cannot record decisions (disk full or unwritable?): every decision holds with AUDIT_UNAVAILABLE"));
        gcc.registry.RegistryLink link = registry.link();
        if (link != null) {
            boolean fresh = !link.stale() && "READY".equals(link.state());
            c.add(new Readiness("cluster", fresh, fresh
                    ? "current: lag " + link.lag() + ", confirmed " + link.freshnessAgeMillis() + " ms ago"
                    : "registry not confirmed current within " + link.stalenessBoundMillis() + " ms (state "
                    + link.state() + ", lag " + link.lag() + (link.lastError().isEmpty() ? "" : ", " + link.lastError())
                    + "): decisions hold with REGISTRY_STALE"));
        }
        return c;
    }

    public boolean stopping() {
        return inFlight.stopping();
    }

    public boolean registryReady() {
        return registry.ready();
    }

    public long registryEntries() {
        return registry.entries();
    }

    public long registryLastSequence() {
        return registry.lastSequence();
    }

    /** The trust list version in force, 0 for none. */
    public long trustListVersion() {
        TrustList t = trust.current();
        return t == null ? 0 : t.version();
    }

    public String policyVersion() {
        return policy.get().version();
    }

    /** The shared registry's link to the cluster (Kafka mode), or {@code null} on a single port. */
    public gcc.registry.RegistryLink registryLink() {
        return registry.link();
    }

    public boolean auditHealthy() {
        return audit.healthy();
    }

    public Instant startedAt() {
        return startedAt;
    }
}
