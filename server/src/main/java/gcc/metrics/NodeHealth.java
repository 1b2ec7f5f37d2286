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

    /** True once the registry is current, a trust list is loaded and the audit can write. */
    public boolean ready() {
        return !inFlight.stopping() && registry.ready() && trust.current() != null && audit.healthy();
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
