package gcc.registry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The one reference to a registry's off-heap index, read by many threads without a lock and
 * replaced (rebuild, reset, close) by one writer at a time, which closes the old index only once
 * no reader can still be inside it. Both registries ({@link PersistentRegistry}, and the Kafka
 * mode's {@code ClusterRegistry}) keep their index here.
 *
 * <p><b>Readers</b> ({@link #lookup}, {@link #get}, {@link #entries}, {@link #read}): announce
 * themselves by writing the current epoch into their thread's own slot (a volatile write to a
 * padded, thread-owned word: no contended cache line, unlike a shared read stamp), then read the
 * index reference, use it, and clear the slot. A {@code null} index answers
 * {@link ReportRegistry.Lookup#UNAVAILABLE}.
 *
 * <p><b>Writers</b> ({@link #replace}): publish the new reference, advance the epoch, then wait
 * until every slot is clear or holds the new epoch, and only then close the old index.
 *
 * <p><b>Why a reader never touches a closed map.</b> Every access below is volatile, so all of
 * them fall in one total order consistent with each thread's program order. A reader does
 * (1) read epoch e, (2) write slot = e, (3) read the reference; a writer does (a) write the
 * reference, (b) write epoch = e' (greater than every earlier epoch), (c) read each slot, (d)
 * close the old index. Suppose the reader got the old index at (3): then (3) precedes (a), so
 * (1) and (2) precede (a), (b) and (c). Its epoch e was read before (b), so e &lt; e', and (c)
 * sees slot = e (nonzero, below e') until the reader clears it after its last use: the writer
 * waits. Conversely a slot holding e' was written after (b), hence after (a), so its reader got
 * the new index and the writer need not wait for it. A reader that entered with an old epoch but
 * read the new reference only makes the writer wait a little longer. A thread reading for the
 * first time adds its slot (a volatile compare-and-set of the slot array) before it reads the
 * epoch; a writer that read the array before that add therefore published the new reference
 * before the thread's first read of it, so the slot it did not see cannot hold the old index. Nested reads on one thread
 * keep the outer (older, so more conservative) epoch in the slot until the outer read ends.
 *
 * <p>Slots are per guard and per thread (created on a thread's first read and kept: the gate's
 * threads are a fixed pool). Readers never wait and never retry; a writer waits only for reads
 * already under way, each a single lookup. Writers must be serialized by the owner.
 */
public final class GuardedIndex {
    private static final VarHandle ACTIVE;
    private static final VarHandle SLOTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ACTIVE = l.findVarHandle(Slot.class, "active", long.class);
            SLOTS = l.findVarHandle(GuardedIndex.class, "slots", Slot[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile RegistryIndex index;
    /** Starts at 1: a slot holding 0 means "not reading". */
    private volatile long epoch = 1;
    /** Every thread's slot, replaced (copy on write) when a thread reads for the first time. */
    @SuppressWarnings("unused") // through SLOTS
    private volatile Slot[] slots = new Slot[0];
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
    /** False only for {@link #closingAtOnce}: the broken guard its test must catch. */
    private final boolean waitForReaders;

    /** A guard holding {@code initial} (may be null: lookups answer UNAVAILABLE until one is set). */
    public GuardedIndex(RegistryIndex initial) {
        this(initial, true);
    }

    private GuardedIndex(RegistryIndex initial, boolean waitForReaders) {
        this.index = initial;
        this.waitForReaders = waitForReaders;
    }

    /**
     * For tests only: a guard whose {@link #replace} closes the old index at once, without
     * waiting for readers, so a test can show it detects lookups inside a closed map.
     */
    static GuardedIndex closingAtOnce(RegistryIndex initial) {
        return new GuardedIndex(initial, false);
    }

    /** One reader thread's announcement, padded to its own cache line so readers never share one. */
    private static final class Slot {
        long p1, p2, p3, p4, p5, p6, p7;
        volatile long active;
        /** Nesting depth on the owning thread; only that thread reads or writes it. */
        int depth;
        long q1, q2, q3, q4, q5, q6, q7;
    }

    private Slot register() {
        Slot s = new Slot();
        Slot[] now;
        Slot[] next;
        do {
            now = (Slot[]) SLOTS.getVolatile(this);
            next = java.util.Arrays.copyOf(now, now.length + 1);
            next[now.length] = s;
        } while (!SLOTS.compareAndSet(this, now, next));
        return s;
    }

    private Slot enter() {
        Slot s = mine.get();
        if (s.depth++ == 0) {
            ACTIVE.setVolatile(s, epoch);
        }
        return s;
    }

    private static void exit(Slot s) {
        if (--s.depth == 0) {
            ACTIVE.setRelease(s, 0L);
        }
    }

    /**
     * The gate's lookup ({@link RegistryIndex#get(byte[], int, ReportRecord)}: Chronicle's
     * {@code getUsing} with the whole record decoded, measured faster than a partial decode through
     * a query context): {@code UNAVAILABLE} when there is no
     * index or the index cannot be read (a mapped page that faults means "cannot tell": HOLD).
     */
    public ReportRegistry.Lookup lookup(byte[] reportId, int length, ReportRecord into) {
        Slot s = enter();
        try {
            RegistryIndex idx = index;
            if (idx == null) {
                return ReportRegistry.Lookup.UNAVAILABLE;
            }
            return idx.get(reportId, length, into) ? ReportRegistry.Lookup.FOUND : ReportRegistry.Lookup.NOT_FOUND;
        } catch (RuntimeException | Error e) {
            return ReportRegistry.Lookup.UNAVAILABLE;
        } finally {
            exit(s);
        }
    }

    /** The whole record of {@code reportId} into {@code into}; false when absent or there is no index. */
    public boolean get(String reportId, ReportRecord into) {
        Slot s = enter();
        try {
            RegistryIndex idx = index;
            return idx != null && idx.get(reportId, into);
        } finally {
            exit(s);
        }
    }

    /** Reports in the index, 0 when there is none. */
    public long entries() {
        Slot s = enter();
        try {
            RegistryIndex idx = index;
            return idx == null ? 0 : idx.entries();
        } finally {
            exit(s);
        }
    }

    /** Applies {@code reader} to the index (or to {@code null}) while it cannot be closed. */
    public <T> T read(Function<RegistryIndex, T> reader) {
        Slot s = enter();
        try {
            return reader.apply(index);
        } finally {
            exit(s);
        }
    }

    /**
     * The index for its owner's writer, which is serialized with {@link #replace} and so needs no
     * guard (Chronicle Map's own segment locks order its writes against readers).
     */
    public RegistryIndex current() {
        return index;
    }

    /**
     * Publishes {@code next} (may be null), waits until no reader can still be inside the index it
     * replaces, then closes that one (unless it is {@code next} itself). Callers serialize their
     * calls; never call it from inside a read of this guard (it would wait for itself).
     */
    public void replace(RegistryIndex next) {
        RegistryIndex old = index;
        index = next;
        long e = epoch + 1;
        epoch = e;
        if (waitForReaders) {
            awaitReadersBefore(e);
        }
        if (old != null && old != next) {
            old.close();
        }
    }

    private void awaitReadersBefore(long e) {
        for (Slot s : (Slot[]) SLOTS.getVolatile(this)) {
            int spins = 0;
            for (long a = (long) ACTIVE.getVolatile(s); a != 0 && a < e; a = (long) ACTIVE.getVolatile(s)) {
                if (++spins < 1_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(10_000);
                }
            }
        }
    }
}
