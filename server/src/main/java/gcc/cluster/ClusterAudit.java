package gcc.cluster;

import gcc.audit.AuditRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the audit every port forwarded to the audit topic, for supervision across ports: every
 * partition from its start up to its end at the time of the call, with the repeats a restarted
 * forwarder may have sent dropped (same port, same local journal index), in time order.
 */
public final class ClusterAudit {
    /** One record and the port that decided it. */
    public record PortRecord(String port, long index, AuditRecord record) {
    }

    private ClusterAudit() {
    }

    /** The matching records (at most {@code limit}, oldest first) and how many repeats were dropped. */
    public static List<PortRecord> read(String bootstrap, String topicPrefix, Predicate<AuditRecord> filter, long limit,
                                        long[] duplicatesOut) {
        ClusterSettings s = new ClusterSettings(bootstrap, topicPrefix, "audit-reader", Duration.ofSeconds(5));
        Properties p = s.consumer("audit-reader");
        p.put("default.api.timeout.ms", "10000");
        List<PortRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            List<PartitionInfo> parts = c.partitionsFor(s.auditTopic(), Duration.ofSeconds(10));
            if (parts == null || parts.isEmpty()) {
                throw new IllegalArgumentException("no audit topic " + s.auditTopic() + " at " + bootstrap);
            }
            List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!done(c, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    AuditMessage.Entry e;
                    try {
                        e = AuditMessage.decode(r.value());
                    } catch (gcc.cbor.CborException ex) {
                        continue; // not ours, or from a newer version: skipped, never guessed at
                    }
                    if (!seen.add(e.port() + "#" + e.index())) {
                        duplicates++;
                        continue;
                    }
                    if (filter.test(e.record())) {
                        out.add(new PortRecord(e.port(), e.index(), e.record()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong((PortRecord r) -> r.record().timeMicros()).thenComparing(PortRecord::port)
                .thenComparingLong(PortRecord::index));
        if (duplicatesOut != null && duplicatesOut.length > 0) {
            duplicatesOut[0] = duplicates;
        }
        return out.size() > limit ? out.subList(0, (int) limit) : out;
    }

    private static boolean done(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
