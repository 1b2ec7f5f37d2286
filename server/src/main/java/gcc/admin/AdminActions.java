package gcc.admin;

import gcc.audit.DecisionAudit;
import gcc.policy.Policy;
import gcc.policy.PolicyHolder;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryService;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    public AdminActions(RegistryService registry, TrustStore trust, Path trustListFile, PolicyHolder policy,
                        DecisionAudit audit, Clock clock) {
        this.registry = registry;
        this.trust = trust;
        this.trustListFile = trustListFile;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Journals a registry change and audits it; returns the refusal, or {@code null} once it is durable. */
    public String submit(RegistryEvent event) {
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

    /** Offers a new signed trust list; on success persists it and audits the change. */
    public TrustList loadTrustList(byte[] signed, String actor) throws TrustListException, IOException {
        TrustList accepted = trust.offer(signed);
        Files.createDirectories(trustListFile.toAbsolutePath().getParent());
        Path tmp = trustListFile.resolveSibling(trustListFile.getFileName() + ".tmp");
        Files.write(tmp, signed);
        try {
            Files.move(tmp, trustListFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, trustListFile, StandardCopyOption.REPLACE_EXISTING);
        }
        audit.recordAdmin(nowMicros(), actor, "trust list version " + accepted.version());
        return accepted;
    }

    /** Reloads the policy from its source; the current one stays if the new one is bad. */
    public Policy reloadPolicy(String actor) throws Exception {
        Policy p = policy.reload();
        audit.recordAdmin(nowMicros(), actor, "policy reloaded: " + p.version());
        return p;
    }

    private long nowMicros() {
        return clock.millis() * 1000;
    }
}
