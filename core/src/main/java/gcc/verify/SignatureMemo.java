package gcc.verify;

import gcc.code.VerifiedCode;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verified-signature memo: a bounded, lock-free table from the SHA-256 of a code's text to
 * the {@link VerifiedCode} it proved, so a code seen before costs a hash and a probe instead of
 * curve math. Only positive results enter it.
 *
 * <p>Layout: {@code capacity} slots (a power of two) in 4-way sets; a new entry takes a free or
 * matching slot in its set, or evicts one chosen by the hash. Memory is therefore bounded by
 * capacity whatever the input. Keys are full 256-bit hashes, so a different text cannot hit
 * another code's entry.
 *
 * <p>Thread-safe: any thread may {@link #get} and {@link #put}; reads are one volatile load per
 * probed slot and allocate nothing. {@link #invalidateKid} scans the table (rare: trust-list changes).
 */
public final class SignatureMemo {
    private static final int WAYS = 4;

    private record Entry(long h0, long h1, long h2, long h3, VerifiedCode code) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A memo of at least {@code capacity} entries (rounded up to a power of two, minimum 16). */
    public SignatureMemo(int capacity) {
        int c = SignatureMemo.slotsFor(capacity, 28, "memo");
        slots = new AtomicReferenceArray<>(c);
        mask = c - 1;
    }

    /**
     * Slots for a memo of at least {@code capacity} entries: a power of two, at least 16, so a
     * hash masks to a set. Shared by both memos so their sizing cannot drift apart.
     *
     * @throws IllegalArgumentException outside 1..2^{@code maxLog2}
     */
    static int slotsFor(int capacity, int maxLog2, String what) {
        if (capacity < 1 || capacity > (1 << maxLog2)) {
            throw new IllegalArgumentException(what + " capacity must be 1..2^" + maxLog2 + ": " + capacity);
        }
        int c = 16;
        while (c < capacity) {
            c <<= 1;
        }
        return c;
    }

    public int capacity() {
        return slots.length();
    }

    private static long word(byte[] h, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (h[i * 8 + k] & 0xff);
        }
        return v;
    }

    /** The verified code for this 32-byte text hash, or {@code null}. Allocation-free. */
    public VerifiedCode get(byte[] hash32) {
        long h0 = word(hash32, 0);
        long h1 = word(hash32, 1);
        long h2 = word(hash32, 2);
        long h3 = word(hash32, 3);
        int base = (int) h0 & mask & ~(WAYS - 1);
        for (int i = 0; i < WAYS; i++) {
            Entry e = slots.get(base + i);
            if (e != null && e.h0 == h0 && e.h1 == h1 && e.h2 == h2 && e.h3 == h3) {
                hits.increment();
                return e.code;
            }
        }
        misses.increment();
        return null;
    }

    /** Remembers a verified code under its text hash. */
    public void put(byte[] hash32, VerifiedCode code) {
        Entry n = new Entry(word(hash32, 0), word(hash32, 1), word(hash32, 2), word(hash32, 3), code);
        int base = (int) n.h0 & mask & ~(WAYS - 1);
        for (int i = 0; i < WAYS; i++) {
            Entry e = slots.get(base + i);
            if (e == null || (e.h0 == n.h0 && e.h1 == n.h1 && e.h2 == n.h2 && e.h3 == n.h3)) {
                slots.set(base + i, n);
                return;
            }
        }
        slots.set(base + (int) (n.h1 & (WAYS - 1)), n);
    }

    /** Forgets everything the key {@code kid} verified (it was revoked, dropped or changed). */
    public int invalidateKid(long kid) {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null && e.code.kid() == kid && slots.compareAndSet(i, e, null)) {
                n++;
            }
        }
        return n;
    }

    /** Forgets everything. */
    public void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }

    /** Entries currently held (a scan; for metrics and tests). */
    public int size() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
