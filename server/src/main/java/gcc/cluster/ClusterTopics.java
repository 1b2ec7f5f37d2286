package gcc.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared topics and how they are created when missing (any port may be first). Replication
 * is three copies, or as many as there are brokers when fewer; writes need two in sync (one on a
 * single broker). Operators may create the topics beforehand with the same settings (see
 * {@code docs/operations.md}).
 *
 * <table>
 * <caption>topics</caption>
 * <tr><th>topic</th><th>key</th><th>partitions</th><th>cleanup</th></tr>
 * <tr><td>registry</td><td>report id</td><td>1 (one total order: the offset is the journal sequence)</td><td>compact</td></tr>
 * <tr><td>trust-list</td><td>"trust-list"</td><td>1</td><td>compact</td></tr>
 * <tr><td>policy</td><td>"policy"</td><td>1</td><td>compact</td></tr>
 * <tr><td>audit</td><td>port id</td><td>{@value #AUDIT_PARTITIONS}</td><td>delete, kept forever unless an operator sets retention</td></tr>
 * </table>
 */
public final class ClusterTopics {
    static final int AUDIT_PARTITIONS = 6;
    static final long DESCRIBE_PATIENCE_MS = 15_000;

    private ClusterTopics() {
    }

    /** Creates whichever shared topics are missing, and returns the registry topic's id. */
    public static Uuid ensure(Admin admin, ClusterSettings s) throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        short rf = (short) Math.max(1, Math.min(3, brokers));
        String minIsr = String.valueOf(Math.min(2, rf));
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.insync.replicas", minIsr,
                "min.cleanable.dirty.ratio", "0.1", "segment.bytes", String.valueOf(256 << 20));
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(s.registryTopic(), 1, rf).configs(compacted));
        wanted.add(new NewTopic(s.trustListTopic(), 1, rf).configs(compacted));
        wanted.add(new NewTopic(s.policyTopic(), 1, rf).configs(compacted));
        wanted.add(new NewTopic(s.auditTopic(), AUDIT_PARTITIONS, rf).configs(Map.of("cleanup.policy", "delete",
                "retention.ms", "-1", "min.insync.replicas", minIsr)));
        Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            var result = admin.createTopics(missing);
            for (NewTopic t : missing) {
                try {
                    result.values().get(t.name()).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another port creating it at the same moment is fine; anything else is not
                    }
                }
            }
        }
        TopicDescription d = describeOnceKnown(admin, s.registryTopic());
        if (d.partitions().size() != 1) {
            throw new IllegalStateException("topic " + s.registryTopic() + " has " + d.partitions().size()
                    + " partitions; the shared registry needs exactly one (its offsets are the journal's sequence)");
        }
        return d.topicId();
    }

    /**
     * A topic just created (or deleted and created again) is acknowledged by the controller before
     * every broker's metadata knows it, so the first describe can answer "unknown topic". That is
     * a passing state, not an answer: ask again for up to {@value #DESCRIBE_PATIENCE_MS} ms.
     */
    private static TopicDescription describeOnceKnown(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DESCRIBE_PATIENCE_MS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
