package gcc.cluster;

import gcc.admin.SharedChanges;
import gcc.crypto.SignatureVerifier;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a port shares with the others besides the registry: the signed trust list and the policy
 * (each the latest value of a compacted topic, installed at every port by a follower), and the
 * forwarding of its decision audit to the audit topic. Created by the node in Kafka mode only.
 *
 * <p>A new trust list is checked here first (signed by the customs root, newer than the one in
 * force), then stored in the cluster, and the call returns once this port installed it; other
 * ports install it as their follower reads it and keep a copy in their trust-list file for a
 * restart without the cluster. A policy is parsed here first, then shared the same way.
 *
 * <p>Thread-safe.
 */
public final class ClusterLink implements SharedChanges, AutoCloseable {
    private final SignatureVerifier root;
    private final TrustStore trust;
    private final Runnable policyReload;
    private final AtomicReference<byte[]> sharedPolicy;
    private final SharedDocument trustTopic;
    private final SharedDocument policyTopic;
    private final AuditForwarder forwarder;

    private ClusterLink(ClusterSettings s, SignatureVerifier root, TrustStore trust, Path trustListFile,
                        AtomicReference<byte[]> sharedPolicy, Runnable policyReload, Path auditDir, Path forwardedFile) {
        this.root = root;
        this.trust = trust;
        this.sharedPolicy = sharedPolicy;
        this.policyReload = policyReload;
        this.trustTopic = new SharedDocument(s, s.trustListTopic(), "trust-list", signed -> {
            trust.offer(signed); // refuses an older or badly signed list: the one in force stays
            writeAtomically(trustListFile, signed);
        });
        this.policyTopic = new SharedDocument(s, s.policyTopic(), "policy", json -> {
            PolicyJson.parse(json, "shared policy");
            sharedPolicy.set(json);
            policyReload.run();
        });
        this.forwarder = new AuditForwarder(auditDir, forwardedFile, s);
    }

    /**
     * Starts following the shared trust list and policy and forwarding the audit.
     *
     * @param sharedPolicy  where the shared policy's JSON is kept for the node's policy source
     *                      ({@link #policySource}); {@code policyReload} makes the node load it
     */
    public static ClusterLink start(ClusterSettings s, SignatureVerifier root, TrustStore trust, Path trustListFile,
                                    AtomicReference<byte[]> sharedPolicy, Runnable policyReload, Path auditDir,
                                    Path forwardedFile) {
        ClusterLink link = new ClusterLink(s, root, trust, trustListFile, sharedPolicy, policyReload, auditDir, forwardedFile);
        link.trustTopic.start();
        link.policyTopic.start();
        link.forwarder.start();
        return link;
    }

    /** A policy source that prefers the policy shared through the cluster over the local one. */
    public static gcc.policy.PolicyHolder.Source policySource(AtomicReference<byte[]> shared,
                                                                    gcc.policy.PolicyHolder.Source local) {
        return () -> {
            byte[] json = shared.get();
            return json != null ? PolicyJson.parse(json, "shared policy") : local.load();
        };
    }

    /** Checks a signed trust list, stores it in the cluster and returns once it is in force here. */
    @Override
    public TrustList publishTrustList(byte[] signed) throws Exception {
        TrustList next = TrustList.verify(signed, root);
        TrustList now = trust.current();
        if (now != null && next.version() <= now.version()) {
            throw new TrustListException("trust list version " + next.version() + " is not newer than the current " + now.version());
        }
        trustTopic.publish(signed);
        return trust.current();
    }

    /** Parses policy JSON, stores it in the cluster and returns once it is in force here. */
    @Override
    public void publishPolicy(byte[] json) throws Exception {
        PolicyJson.parse(json, "policy");
        policyTopic.publish(json);
    }

    public AuditForwarder forwarder() {
        return forwarder;
    }

    /** Write, sync, rename, sync the directory ({@link gcc.io.DurableFile}): whole old or whole new after any fault. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        gcc.io.DurableFile.replace(file, bytes);
    }

    /** Forwards what the audit journal holds (after the journal drained) and stops following. */
    public void close(Duration deadline) {
        forwarder.close(deadline);
        trustTopic.close();
        policyTopic.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
