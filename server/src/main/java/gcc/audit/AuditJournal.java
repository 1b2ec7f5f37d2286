package gcc.audit;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit writer: decisions are copied into a ring of preallocated fixed-size slots by any
 * thread (a compare-and-set claims a slot; nothing is allocated) and one writer thread appends
 * them to a Chronicle Queue in {@code dir}, so no gate ever waits for the disk.
 *
 * <p>{@link #record} returns false when the ring is full, the writer has failed (a full disk,
 * an I/O error) or the journal is closing; the caller then holds rather than release unrecorded.
 * Durability: the queue is memory-mapped, so an appended record survives a process crash; the
 * writer msyncs at most every {@value #SYNC_MILLIS} ms, so a power cut can lose up to that much.
 * Records still in the ring when the process dies are lost; a clean close drains them.
 *
 * <p>Record layout in the queue (raw bytes): kind u8 (1 decision, 2 admin), time µs i64, then for
 * a decision: source u8, outcome u8, lane u16, decision µs u32, reasons i64, gate, exporter and
 * report id as u8-length ASCII; for admin: actor and action as stop-bit UTF-8.
 *
 * <p>Thread-safe.
 */
public final class AuditJournal implements DecisionAudit {
    static final int KIND_DECISION = 1;
    static final int KIND_ADMIN = 2;
    private static final int SLOT = 128;
    private static final int SYNC_MILLIS = 200;

    private final Path dir;
    private final int capacity;
    private final int mask;
    private final byte[] slots;
    private final AtomicLongArray published;
    private final AtomicLong tail = new AtomicLong();
    private volatile long head;
    private final ConcurrentLinkedQueue<byte[]> admin = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private volatile boolean healthy;
    private volatile boolean closing;
    private volatile boolean closed;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong rejectedFull = new AtomicLong();
    private final AtomicLong rejectedUnhealthy = new AtomicLong();
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;

    /** Opens (creating if needed) the audit queue in {@code dir} with a ring of {@code ringSize} slots (a power of two). */
    public AuditJournal(Path dir, int ringSize) {
        this(dir, ringSize, true);
    }

    /** As above; a journal created without its writer (tests) fills its ring until {@link #startWriter()}. */
    AuditJournal(Path dir, int ringSize, boolean startWriter) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("audit ring size must be a power of two: " + ringSize);
        }
        this.dir = dir;
        this.capacity = ringSize;
        this.mask = ringSize - 1;
        this.slots = new byte[ringSize * SLOT];
        this.published = new AtomicLongArray(ringSize);
        for (int i = 0; i < ringSize; i++) {
            // A slot is ready for the writer when it holds the claim number the writer expects
            // next; start every slot one lap behind so none looks ready before it is written.
            published.set(i, i - (long) ringSize);
        }
        openQueue();
        this.writer = new Thread(this::drain, "gcc-audit-writer");
        writer.setDaemon(true);
        if (startWriter) {
            writer.start();
        }
    }

    void startWriter() {
        writer.start();
    }

    private void openQueue() {
        queue = SingleChronicleQueueBuilder.binary(dir).build();
        appender = queue.createAppender();
        healthy = true;
    }

    // ------------------------------------------------------------------ producers

    @Override
    public boolean record(DecisionEntry e) {
        if (!healthy || closing) {
            rejectedUnhealthy.incrementAndGet();
            return false;
        }
        long claim;
        do {
            claim = tail.get();
            if (claim - head >= capacity) {
                rejectedFull.incrementAndGet();
                return false;
            }
        } while (!tail.compareAndSet(claim, claim + 1));
        int slot = (int) (claim & mask);
        int p = slot * SLOT;
        putLong(p, e.timeMicros());
        slots[p + 8] = (byte) e.source().ordinal();
        slots[p + 9] = e.outcomeCode();
        slots[p + 10] = (byte) (e.lane() >>> 8);
        slots[p + 11] = (byte) e.lane();
        putInt(p + 12, e.micros());
        putLong(p + 16, e.reasons());
        p = text(p + 24, e.gate(), e.gateOff(), Math.min(e.gateLen(), 32));
        p = text(p, e.exporter(), e.exporterOff(), Math.min(e.exporterLen(), 18));
        text(p, e.reportId(), e.reportIdOff(), Math.min(e.reportIdLen(), 32));
        published.set(slot, claim); // releases the slot's bytes to the writer
        return true;
    }

    private int text(int p, byte[] b, int off, int len) {
        slots[p] = (byte) len;
        if (len > 0) {
            System.arraycopy(b, off, slots, p + 1, len);
        }
        return p + 1 + len;
    }

    private void putLong(int p, long v) {
        for (int i = 7; i >= 0; i--) {
            slots[p + i] = (byte) v;
            v >>>= 8;
        }
    }

    private void putInt(int p, int v) {
        slots[p] = (byte) (v >>> 24);
        slots[p + 1] = (byte) (v >>> 16);
        slots[p + 2] = (byte) (v >>> 8);
        slots[p + 3] = (byte) v;
    }

    private long getLong(int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (slots[p + i] & 0xff);
        }
        return v;
    }

    @Override
    public boolean recordAdmin(long timeMicros, String actor, String action) {
        if (!healthy || closing) {
            rejectedUnhealthy.incrementAndGet();
            return false;
        }
        byte[] a = actor.getBytes(StandardCharsets.UTF_8);
        byte[] t = action.getBytes(StandardCharsets.UTF_8);
        byte[] e = new byte[8 + 4 + a.length + 4 + t.length];
        java.nio.ByteBuffer.wrap(e).putLong(timeMicros).putInt(a.length).put(a).putInt(t.length).put(t);
        admin.add(e);
        return true;
    }

    // ------------------------------------------------------------------ writer

    private void drain() {
        long lastSync = System.nanoTime();
        boolean dirty = false;
        while (true) {
            boolean worked = false;
            try {
                byte[] a;
                while ((a = admin.poll()) != null) {
                    writeAdmin(a);
                    worked = true;
                }
                long h = head;
                while (published.get((int) (h & mask)) == h && h < tail.get()) {
                    writeDecision((int) (h & mask) * SLOT);
                    h++;
                    head = h;
                    worked = true;
                }
                dirty |= worked;
                if (dirty && System.nanoTime() - lastSync > SYNC_MILLIS * 1_000_000L) {
                    appender.sync();
                    dirty = false;
                    lastSync = System.nanoTime();
                }
            } catch (RuntimeException e) {
                healthy = false;
                reopenLater();
            }
            if (!worked) {
                if (closing && head == tail.get() && admin.isEmpty()) {
                    break;
                }
                LockSupport.parkNanos(50_000);
            }
        }
        try {
            appender.sync();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        appender.close();
        queue.close();
        closed = true;
    }

    private void reopenLater() {
        LockSupport.parkNanos(1_000_000_000L);
        try {
            appender.close();
            queue.close();
        } catch (RuntimeException ignored) {
            // already broken
        }
        try {
            openQueue();
        } catch (RuntimeException e) {
            healthy = false;
        }
    }

    private void writeDecision(int p) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte((byte) KIND_DECISION);
            b.writeLong(getLong(p));
            b.writeByte(slots[p + 8]);
            b.writeByte(slots[p + 9]);
            b.writeShort((short) (((slots[p + 10] & 0xff) << 8) | (slots[p + 11] & 0xff)));
            b.writeInt(((slots[p + 12] & 0xff) << 24) | ((slots[p + 13] & 0xff) << 16) | ((slots[p + 14] & 0xff) << 8) | (slots[p + 15] & 0xff));
            b.writeLong(getLong(p + 16));
            int q = p + 24;
            for (int f = 0; f < 3; f++) {
                int len = slots[q] & 0xff;
                b.writeByte((byte) len);
                b.write(slots, q + 1, len);
                q += 1 + len;
            }
        }
        appended.incrementAndGet();
    }

    private void writeAdmin(byte[] e) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(e);
        long time = in.getLong();
        byte[] a = new byte[in.getInt()];
        in.get(a);
        byte[] t = new byte[in.getInt()];
        in.get(t);
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte((byte) KIND_ADMIN);
            b.writeLong(time);
            b.writeUtf8(new String(a, StandardCharsets.UTF_8));
            b.writeUtf8(new String(t, StandardCharsets.UTF_8));
        }
        appended.incrementAndGet();
    }

    // ------------------------------------------------------------------ state

    @Override
    public boolean healthy() {
        return healthy && !closing;
    }

    public long appended() {
        return appended.get();
    }

    public long rejectedFull() {
        return rejectedFull.get();
    }

    public long rejectedUnhealthy() {
        return rejectedUnhealthy.get();
    }

    /** Records accepted but not yet appended. */
    public long depth() {
        return tail.get() - head;
    }

    public Path directory() {
        return dir;
    }

    /** Stops accepting, drains what was accepted within the deadline, then closes the queue. */
    @Override
    public void close(Duration deadline) {
        closing = true;
        try {
            writer.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the writer has drained and closed the queue. */
    public boolean closed() {
        return closed;
    }
}
