package gcc.cluster;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One document every port holds the same latest version of (the signed trust list, the policy):
 * a compacted single-partition topic under one key, followed by a background thread that hands
 * each value to this port's {@link Sink} (which verifies and installs it, or refuses it: an older
 * or badly signed version changes nothing). {@link #publish} returns once the cluster
 * acknowledged the value and this port's sink took it, so the change is in force here when the
 * caller hears so, and at every other port as soon as its follower reads it.
 *
 * <p>Thread-safe.
 */
public final class SharedDocument implements AutoCloseable {
    /** Installs a value at this port; throws to refuse it (the current version stays). */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] value) throws Exception;
    }

    private final ClusterSettings settings;
    private final TopicPartition tp;
    private final String key;
    private final Sink sink;
    private final Thread follower;
    private final Object progress = new Object();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private volatile boolean running = true;
    private volatile long applied = -1;
    private volatile long lastOffset = -1;
    private volatile Exception lastRefusal;
    private volatile long lastContactMillis;

    public SharedDocument(ClusterSettings settings, String topic, String key, Sink sink) {
        this.settings = settings;
        this.tp = new TopicPartition(topic, 0);
        this.key = key;
        this.sink = sink;
        this.follower = new Thread(this::run, "gcc-cluster-" + key);
        follower.setDaemon(true);
    }

    public SharedDocument start() {
        follower.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                try {
                    if (consumer == null) {
                        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings.consumer(key));
                        c.assign(List.of(tp));
                        c.seekToBeginning(List.of(tp));
                        consumer = c;
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100)).records(tp)) {
                        if (key.equals(r.key()) && r.value() != null) {
                            try {
                                sink.accept(r.value());
                                lastRefusal = null;
                            } catch (Exception e) {
                                lastRefusal = e;
                            }
                        }
                        lastOffset = r.offset();
                        applied = r.offset() + 1;
                    }
                    lastContactMillis = System.currentTimeMillis();
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (org.apache.kafka.common.KafkaException e) {
                    sleep(500); // the topic may not exist yet, or the broker is away: try again
                }
            }
        } finally {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Stores {@code value} in the cluster and waits until this port installed it.
     *
     * @throws Exception this port's sink refused it (e.g. not newer), or the cluster did not acknowledge it
     */
    public synchronized void publish(byte[] value) throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer(key + "-writer"));
        }
        long offset = producer.send(new ProducerRecord<>(tp.topic(), 0, key, value)).get(30, TimeUnit.SECONDS).offset();
        long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (progress) {
            while (applied <= offset) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("stored in the cluster at offset " + offset
                            + " but not yet installed at this port; it will be once the follower reads it");
                }
                progress.wait(Math.min(left, 100));
            }
        }
        Exception refused = lastOffset == offset ? lastRefusal : null;
        if (refused != null) {
            throw refused;
        }
    }

    /** Offset + 1 of the last message handed to the sink, or -1 before the first. */
    public long applied() {
        return applied;
    }

    public long lastContactMillis() {
        return lastContactMillis;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
