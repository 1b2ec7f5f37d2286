package gcc.admin;

import gcc.audit.DecisionAudit;
import gcc.io.DurableFile;
import gcc.policy.Policy;
import gcc.policy.PolicyHolder;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryService;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The changes an administrator makes to a running node, each made durable first and then audited:
 * a registry change (journaled by the registry), a new signed trust list (checked, written and
 * renamed into place), a policy reload (the current policy stays if the new one is refused).
 *
 * <p>Thread-safe; the HTTP API calls it from its single admin worker.
 */
public final class AdminActions {
    private final RegistryService registry;
    private final TrustStore trust;
    private final Path trustListFile;
    private final PolicyHolder policy;
    private final DecisionAudit audit;
    private final Clock clock;
    private final SharedChanges shared;
    private final PolicyBytes policyBytes;

    /** Reads the policy JSON this node is configured with (its file, or the built-in one). */
    @FunctionalInterface
    public interface PolicyBytes {
        byte[] read() throws IOException;
    }

    public AdminActions(RegistryService registry, TrustStore trust, Path trustListFile, PolicyHolder policy,
                        DecisionAudit audit, Clock clock) {
        this(registry, trust, trustListFile, policy, audit, clock, null, null);
    }

    /**
     * As above; with {@code shared} (Kafka mode) a new trust list or a policy reload goes through
     * the cluster to every port, the policy read by {@code policyBytes}.
     */
    public AdminActions(RegistryService registry, TrustStore trust, Path trustListFile, PolicyHolder policy,
                        DecisionAudit audit, Clock clock, SharedChanges shared, PolicyBytes policyBytes) {
        this.registry = registry;
        this.trust = trust;
        this.trustListFile = trustListFile;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.shared = shared;
        this.policyBytes = policyBytes;
    }

    /**
     * Journals a registry change and audits it; returns the refusal, or {@code null} once it is
     * durable. Throws (state unchanged) when it could not be journaled or the audit cannot record.
     */
    public String submit(RegistryEvent event) {
        requireAudit();
        String refusal = registry.submit(event);
        if (refusal == null) {
            audit.recordAdmin(nowMicros(), event.actor(), event.type() + " " + event.reportId()
                    + (event.reason() == null || event.reason().isEmpty() ? "" : ": " + event.reason()));
        }
        return refusal;
    }

    /** The registry's last journal sequence, for the answer to a change. */
    public long lastSequence() {
        return registry.lastSequence();
    }

    /**
     * Offers a new signed trust list: checks it, stores it durably ({@link DurableFile}), and only
     * then puts it in force and audits it. On any failure the old list stays in force, in memory
     * and on disk, and the caller gets the error.
     */
    public TrustList loadTrustList(byte[] signed, String actor) throws Exception {
        requireAudit();
        if (shared != null) {
            TrustList inForce = shared.publishTrustList(signed);
            audit.recordAdmin(nowMicros(), actor, "trust list version " + inForce.version() + " (shared with every port)");
            return inForce;
        }
        TrustList accepted = trust.offer(signed, bytes -> DurableFile.replace(trustListFile, bytes));
        audit.recordAdmin(nowMicros(), actor, "trust list version " + accepted.version());
        return accepted;
    }

    /**
     * Makes a change outside the registry (a credential added or removed) once the audit can
     * record it, then, if {@code change} says it changed something, audits it as {@code action} by
     * {@code actor}. Returns what {@code change} returned.
     */
    public boolean audited(String actor, String action, java.util.concurrent.Callable<Boolean> change) throws Exception {
        requireAudit();
        boolean changed = change.call();
        if (changed) {
            audit.recordAdmin(nowMicros(), actor, action);
        }
        return changed;
    }

    /** Admin changes wait while the audit cannot record them (each must be attributable). */
    private void requireAudit() {
        if (!audit.healthy()) {
            throw new IllegalStateException("the audit cannot record (see /health): admin changes wait until it can");
        }
    }

    /** Reloads the policy from its source; the current one stays if the new one is bad. */
    public Policy reloadPolicy(String actor) throws Exception {
        requireAudit();
        if (shared != null) {
            shared.publishPolicy(policyBytes.read());
            Policy p = policy.get();
            audit.recordAdmin(nowMicros(), actor, "policy reloaded: " + p.version() + " (shared with every port)");
            return p;
        }
        Policy p = policy.reload();
        audit.recordAdmin(nowMicros(), actor, "policy reloaded: " + p.version());
        return p;
    }

    private long nowMicros() {
        return clock.millis() * 1000;
    }
}
