package gcc.audit;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit writer: the deciding thread appends its decision to a memory-mapped Chronicle Queue
 * in {@code dir} before the decision is answered, so an answered decision survives a process kill.
 *
 * <p>Cost and threads: {@link #record} takes one short lock (the appender is single-writer) and
 * writes about 100 bytes into the mapped file; no allocation, no system call, no thread hand-off
 * (JMH {@code AuditRecordBench}). A timer thread ({@link AuditUpkeep}) fsyncs the queue file every
 * sync interval, watches the free space, and after a failure probes until the audit can write
 * again; nothing polls in a loop.
 *
 * <p>Durability: a power cut can lose what was appended since the last sync (at most the sync
 * interval); a process kill loses nothing answered.
 *
 * <p>Failure: any {@link Throwable} from the queue (a full disk raises {@link InternalError} from
 * the mapped file; I/O errors; mapped-memory faults), or free space below the configured minimum,
 * makes the audit unhealthy: {@link #record} answers false (the caller holds AUDIT_UNAVAILABLE),
 * the cause is logged once, and the upkeep reopens the queue once space is back, recording an
 * admin entry that says how long the audit was down.
 *
 * <p>Record layout in the queue (raw bytes): kind u8 (4 decision, 2 admin; older files also hold
 * 3 = a decision written before decisions carried their declaration link, 1 = one written before
 * they carried their date; every kind stays readable), time µs i64, then for a decision: source u8,
 * outcome u8, lane u16, decision µs u32, reasons i64, decided-for epoch second i64 (kinds 3 and 4),
 * gate, exporter and report id as u8-length ASCII, then (kind 4) declaration number and container
 * number as u8-length ASCII (length 0 = none); for admin: actor and action as stop-bit UTF-8.
 *
 * <p>Thread-safe.
 */
public final class AuditJournal implements DecisionAudit {
    static final int KIND_DECISION_UNDATED = 1;
    static final int KIND_ADMIN = 2;
    static final int KIND_DECISION_UNLINKED = 3;
    static final int KIND_DECISION = 4;
    /** Default: how often the queue file is synced to the device. */
    public static final Duration DEFAULT_SYNC = Duration.ofMillis(100);
    /** Default: below this much free space the audit stops taking decisions rather than fault on a full disk. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);

    private final Path dir;
    private final long minFreeBytes;
    private final Object lock = new Object();
    private final ScheduledExecutorService timer;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    // guarded by lock
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private volatile long appended;
    private volatile boolean healthy;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile long failedAtMicros;
    private long probeLoggedNanos = System.nanoTime() - 20_000_000_000L;

    /** Opens (creating if needed) the audit queue in {@code dir} with the default sync interval and free-space floor. */
    public AuditJournal(Path dir) {
        this(dir, DEFAULT_SYNC, DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * Opens (creating if needed) the audit queue in {@code dir}.
     *
     * @param sync         how often appended records are synced to the device (what a power cut may lose)
     * @param minFreeBytes free space on the audit's file system below which decisions hold
     */
    public AuditJournal(Path dir, Duration sync, long minFreeBytes) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        synchronized (lock) {
            open();
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gcc-audit-upkeep");
            t.setDaemon(true);
            return t;
        });
        AuditUpkeep upkeep = new AuditUpkeep(this, dir, minFreeBytes);
        long every = Math.max(1, sync.toMillis());
        timer.scheduleWithFixedDelay(upkeep::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void open() {
        queue = SingleChronicleQueueBuilder.binary(dir).timeoutMS(1_000).build();
        appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true); // every use is under our lock, from whichever thread decided
        healthy = true;
    }

    // ------------------------------------------------------------------ producers

    @Override
    public boolean record(DecisionEntry e) {
        if (!healthy) {
            rejected.incrementAndGet();
            return false;
        }
        synchronized (lock) {
            if (!healthy) {
                rejected.incrementAndGet();
                return false;
            }
            try {
                writeDecision(e);
                appended++;
                return true;
            } catch (Throwable t) {
                fail(t);
                return false;
            }
        }
    }

    private void writeDecision(DecisionEntry e) {
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> b = dc.wire().bytes();
                b.writeByte((byte) KIND_DECISION);
                b.writeLong(e.timeMicros());
                b.writeByte((byte) e.source().ordinal());
                b.writeByte(e.outcomeCode());
                b.writeShort((short) e.lane());
                b.writeInt(e.micros());
                b.writeLong(e.reasons());
                b.writeLong(e.decidedForSecond());
                text(b, e.gate(), e.gateOff(), Math.min(e.gateLen(), 32));
                text(b, e.exporter(), e.exporterOff(), Math.min(e.exporterLen(), 18));
                text(b, e.reportId(), e.reportIdOff(), Math.min(e.reportIdLen(), 32));
                text(b, e.declaration(), e.declarationOff(), Math.min(e.declarationLen(), 18));
                text(b, e.container(), e.containerOff(), Math.min(e.containerLen(), 11));
            } catch (Throwable t) {
                dc.rollbackOnClose(); // never leave a half record that reads as whole
                throw t;
            }
        }
    }

    private static void text(Bytes<?> b, byte[] src, int off, int len) {
        b.writeByte((byte) len);
        if (len > 0) {
            b.write(src, off, len);
        }
    }

    @Override
    public boolean recordAdmin(long timeMicros, String actor, String action) {
        synchronized (lock) {
            if (!healthy) {
                rejected.incrementAndGet();
                return false;
            }
            try {
                writeAdmin(timeMicros, actor, action);
                appended++;
                return true;
            } catch (Throwable t) {
                fail(t);
                return false;
            }
        }
    }

    private void writeAdmin(long timeMicros, String actor, String action) {
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> b = dc.wire().bytes();
                b.writeByte((byte) KIND_ADMIN);
                b.writeLong(timeMicros);
                b.writeUtf8(actor);
                b.writeUtf8(action);
            } catch (Throwable t) {
                dc.rollbackOnClose();
                throw t;
            }
        }
    }

    // ------------------------------------------------------------------ failure and recovery (upkeep thread)

    /** Takes the audit out of service for {@code cause}; logs once per outage. Call under the lock. */
    private void fail(Throwable cause) {
        if (!healthy) {
            return;
        }
        healthy = false;
        failure = cause;
        failedAtMicros = System.currentTimeMillis() * 1000;
        failures.incrementAndGet();
        LOG.error("audit cannot record in {}: every decision holds AUDIT_UNAVAILABLE until it can write again "
                + "(it is retried every sync interval)", dir, cause);
        closeQuietly();
    }

    void failFromUpkeep(Throwable cause) {
        synchronized (lock) {
            fail(cause);
        }
    }

    /** Reopens the queue and records the outage; true when the audit writes again. */
    boolean tryRecover() {
        synchronized (lock) {
            if (healthy || closed) {
                return healthy;
            }
            try {
                open();
                long now = System.currentTimeMillis() * 1000;
                writeAdmin(now, "system", "audit resumed after " + (now - failedAtMicros) / 1000 + " ms unavailable: "
                        + failure);
                appended++;
                LOG.info("audit in {} records again after {} ms", dir, (now - failedAtMicros) / 1000);
                return true;
            } catch (Throwable t) {
                healthy = false;
                closeQuietly();
                long now = System.nanoTime();
                if (now - probeLoggedNanos > 10_000_000_000L) {
                    probeLoggedNanos = now; // at most one line per 10 s while it stays down
                    LOG.warn("audit in {} still cannot record (retrying every sync interval)", dir, t);
                }
                return false;
            }
        }
    }

    /** Syncs the appended records to the device (outside the lock: an fsync must not stall a gate). */
    void sync() throws java.io.IOException {
        AuditFiles.syncNewest(dir);
    }

    private void closeQuietly() {
        try {
            if (appender != null) {
                appender.close();
            }
        } catch (Throwable ignored) {
            // the queue is already broken; reopening starts from the files
        }
        try {
            if (queue != null) {
                queue.close();
            }
        } catch (Throwable ignored) {
            // as above
        }
        appender = null;
        queue = null;
    }

    // ------------------------------------------------------------------ state

    @Override
    public boolean healthy() {
        return healthy && !closed;
    }

    boolean closing() {
        return closed;
    }

    /** Records appended since open (decisions, admin actions and recovery notes). */
    public long appended() {
        return appended;
    }

    /** Records refused because the audit was unhealthy or closed. */
    public long rejected() {
        return rejected.get();
    }

    /** Times the audit went out of service. */
    public long failures() {
        return failures.get();
    }

    /** Why the audit last went out of service, or {@code null}. */
    public Throwable lastFailure() {
        return failure;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public Path directory() {
        return dir;
    }

    /** Stops taking records, syncs what was appended and closes the queue. */
    @Override
    public void close(Duration deadline) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            timer.shutdownNow();
            if (healthy) {
                try {
                    appender.sync();
                } catch (Throwable t) {
                    LOG.warn("audit: final sync of {} failed", dir, t);
                }
            }
            healthy = false;
            closeQuietly();
        }
        try {
            timer.awaitTermination(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once closed. */
    public boolean closed() {
        return closed;
    }
}
