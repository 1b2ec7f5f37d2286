package gcc.cluster;

import gcc.cbor.CborException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Reads a report's registered document (with its itemized figures) back from the registry topic:
 * in Kafka mode a port keeps no local journal, so the document lives in the topic, and the report's
 * record remembers which message carries it (document position = offset + 1). Every message a
 * writer sends for a report carries that report's document, so the latest one, which compaction
 * keeps, still does.
 *
 * <p>For display and for writers (a revocation's message repeats the document), never for
 * decisions. A read is one fetch from the broker (milliseconds on loopback); when the broker
 * cannot be reached within the timeout, or the message was compacted away because a newer one
 * for the report exists, the answer is {@code null} and the caller shows the record without
 * figures. Thread-safe: reads are serialized on one consumer, created at the first read.
 */
final class TopicDocuments implements AutoCloseable {
    private final ClusterSettings settings;
    private final TopicPartition tp;
    private final RegistryMessage.Reader reader = new RegistryMessage.Reader();
    private KafkaConsumer<String, byte[]> consumer;
    private boolean closed;

    TopicDocuments(ClusterSettings settings) {
        this.settings = settings;
        this.tp = new TopicPartition(settings.registryTopic(), 0);
    }

    /**
     * The document carried by the message at {@code offset} if that message is keyed by
     * {@code reportId} and carries one; else {@code null} (also when the broker did not answer).
     */
    synchronized byte[] read(String reportId, long offset, Duration timeout) {
        if (closed || offset < 0) {
            return null;
        }
        try {
            KafkaConsumer<String, byte[]> c = consumer();
            c.seek(tp, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50)).records(tp)) {
                    if (r.offset() < offset) {
                        continue;
                    }
                    if (r.offset() > offset || !reportId.equals(r.key())) {
                        return null; // compacted away: a newer message for this report exists
                    }
                    return reader.wrap(r.value()).document();
                }
            }
            return null;
        } catch (KafkaException | IllegalStateException | CborException e) {
            // Unreachable broker, an offset behind retention, an unreadable message: no figures.
            return null;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Properties p = settings.consumer("registry-documents");
            p.put("max.poll.records", "1");
            p.put("max.partition.fetch.bytes", String.valueOf(256 * 1024));
            consumer = new KafkaConsumer<>(p);
            consumer.assign(List.of(tp));
        }
        return consumer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
            consumer = null;
        }
    }
}
