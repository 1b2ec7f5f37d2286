package gcc.verify;

import gcc.code.ClearanceClaims;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.trust.LabKey;
import gcc.trust.TrustList;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The negative memo: a bounded, lock-free table from the SHA-256 of a code's text to why that
 * text failed its signature check (BAD_SIGNATURE or UNKNOWN_KEY) under one trust list, so a
 * forged or foreign code scanned again costs a hash and a probe instead of decoding and curve math.
 *
 * <p>Safety: a hit only ever adds a HOLD reason, so it cannot turn a HOLD into a RELEASE; an
 * entry holds the very trust list it was judged under and hits only while that list is current
 * (any new list, whatever it changes, makes every entry stale); keys are full 256-bit hashes of the
 * text, so a different text never hits. A miss falls through to the full check.
 *
 * <p>Layout as {@link SignatureMemo}: {@code capacity} slots in 4-way sets, a full set evicts by
 * the hash, so memory is bounded whatever the input. Reads allocate nothing.
 */
public final class RejectionMemo {
    private static final int WAYS = 4;

    private record Entry(long h0, long h1, long h2, long h3, TrustList list, Reason reason, ClearanceClaims claims, LabKey key) {
        boolean same(long a, long b, long c, long d) {
            return h0 == a && h1 == b && h2 == c && h3 == d;
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final LongAdder hits = new LongAdder();

    /** A memo of at least {@code capacity} entries (rounded up to a power of two, minimum 16). */
    public RejectionMemo(int capacity) {
        int c = SignatureMemo.slotsFor(capacity, 24, "rejection memo");
        slots = new AtomicReferenceArray<>(c);
        mask = c - 1;
    }

    private static long word(byte[] h, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (h[i * 8 + k] & 0xff);
        }
        return v;
    }

    /**
     * If this text hash was rejected under {@code current} (the trust list in force now), adds the
     * same reason, claims and key to {@code out} as the full check did and returns true.
     */
    public boolean holdIfRejected(byte[] hash32, TrustList current, Findings out) {
        if (current == null) {
            return false;
        }
        long h0 = word(hash32, 0);
        long h1 = word(hash32, 1);
        long h2 = word(hash32, 2);
        long h3 = word(hash32, 3);
        int base = (int) h0 & mask & ~(WAYS - 1);
        for (int i = 0; i < WAYS; i++) {
            Entry e = slots.get(base + i);
            if (e != null && e.list == current && e.same(h0, h1, h2, h3)) {
                hits.increment();
                out.claims(e.claims);
                if (e.key != null) {
                    out.key(e.key);
                }
                out.hold(e.reason);
                return true;
            }
        }
        return false;
    }

    /** Remembers that this text hash failed with {@code reason} (BAD_SIGNATURE or UNKNOWN_KEY only) under {@code list}. */
    public void reject(byte[] hash32, TrustList list, Reason reason, ClearanceClaims claims, LabKey key) {
        if (reason != Reason.BAD_SIGNATURE && reason != Reason.UNKNOWN_KEY) {
            throw new IllegalArgumentException("only signature failures are remembered: " + reason);
        }
        Entry n = new Entry(word(hash32, 0), word(hash32, 1), word(hash32, 2), word(hash32, 3), list, reason, claims, key);
        int base = (int) n.h0 & mask & ~(WAYS - 1);
        for (int i = 0; i < WAYS; i++) {
            Entry e = slots.get(base + i);
            if (e == null || e.list != list || e.same(n.h0, n.h1, n.h2, n.h3)) {
                slots.set(base + i, n);
                return;
            }
        }
        slots.set(base + (int) (n.h1 & (WAYS - 1)), n);
    }

    public int capacity() {
        return slots.length();
    }

    public long hits() {
        return hits.sum();
    }
}
