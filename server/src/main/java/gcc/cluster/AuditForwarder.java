package gcc.cluster;

import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Ships this port's local audit journal to the audit topic. The local journal stays the record
 * of every decision (its contract is unchanged: a decision it cannot take holds); this thread
 * reads it behind the writer and sends each record keyed by port, in order, with {@code acks=all}
 * and idempotence. After each acknowledged batch it stores the journal index of the last record
 * sent (write, sync, rename), and after a restart continues right after it: no gap. A crash
 * between a batch's acknowledgement and that store sends the batch again; each message carries
 * its port and journal index, so readers ({@code gatectl audit --cluster}) drop the repeats.
 *
 * <p>Idles with a backoff (1 ms doubling to 50 ms) when the journal has nothing new, and retries
 * after 1 s while the cluster is unreachable (records wait in the local journal meanwhile).
 */
public final class AuditForwarder implements AutoCloseable {
    private static final int BATCH = 2_000;

    private final Path auditDir;
    private final Path position;
    private final ClusterSettings settings;
    private final Thread thread;
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean running = true;
    private volatile long lastIndex;
    private volatile String lastError = "";

    public AuditForwarder(Path auditDir, Path positionFile, ClusterSettings settings) {
        this.auditDir = auditDir;
        this.position = positionFile;
        this.settings = settings;
        this.thread = new Thread(this::run, "gcc-audit-forwarder");
        thread.setDaemon(true);
    }

    public AuditForwarder start() {
        thread.start();
        return this;
    }

    private void run() {
        lastIndex = readPosition();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer("audit"));
             SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(auditDir).build();
             ExcerptTailer t = q.createTailer()) {
            position(t, lastIndex);
            long idle = 1_000_000;
            while (true) {
                int sent = 0;
                long last = lastIndex;
                AtomicReference<Exception> failure = new AtomicReference<>();
                while (sent < BATCH) {
                    try (DocumentContext dc = t.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        AuditRecord r = AuditQuery.read(dc.wire().bytes());
                        last = dc.index();
                        if (r != null) {
                            producer.send(new ProducerRecord<>(settings.auditTopic(), settings.portId(),
                                    AuditMessage.encode(settings.portId(), last, r)), (md, ex) -> {
                                if (ex != null) {
                                    failure.compareAndSet(null, ex);
                                }
                            });
                            sent++;
                        }
                    }
                }
                if (last == lastIndex) {
                    if (!running) {
                        break; // drained: everything the journal held at close is acknowledged
                    }
                    LockSupport.parkNanos(idle);
                    idle = Math.min(idle * 2, 50_000_000);
                    continue;
                }
                idle = 1_000_000;
                producer.flush();
                if (failure.get() != null) {
                    lastError = ClusterRegistry.rootCause(failure.get());
                    position(t, lastIndex); // send this batch again later; duplicates are dropped by readers
                    if (!running) {
                        break; // stopping while the cluster is away: the next start sends it
                    }
                    Thread.sleep(1_000);
                    continue;
                }
                storePosition(last);
                lastIndex = last;
                forwarded.addAndGet(sent);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            lastError = "audit forwarder stopped: " + e;
            System.err.println("gcc cluster: " + lastError);
        }
    }

    /** Puts the tailer right after the record at {@code index} (or at the start for 0). */
    private static void position(ExcerptTailer t, long index) {
        if (index == 0) {
            t.toStart();
            return;
        }
        if (!t.moveToIndex(index)) {
            t.toStart();
            return;
        }
        try (DocumentContext dc = t.readingDocument()) {
            // skip the record already forwarded
        }
    }

    private long readPosition() {
        try {
            return Files.exists(position) ? Long.parseLong(Files.readString(position).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // sending everything again is safe: readers drop repeats
        }
    }

    private void storePosition(long index) throws IOException {
        Path tmp = position.resolveSibling(position.getFileName() + ".tmp");
        Files.createDirectories(position.toAbsolutePath().getParent());
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((index + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, position, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Records sent and acknowledged since start. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Journal index of the last record acknowledged by the cluster. */
    public long lastIndex() {
        return lastIndex;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public String lastError() {
        return lastError;
    }

    /**
     * Sends what the journal holds and stops, within {@code deadline}; what is left (the cluster
     * away, or out of time) goes after the next start.
     */
    public void close(Duration deadline) {
        running = false;
        try {
            thread.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
