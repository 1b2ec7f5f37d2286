package gcc.cluster;

import gcc.registry.GuardedIndex;
import gcc.registry.RecordStore;
import gcc.registry.RegistryIndex;
import gcc.registry.ReportRecord;

/**
 * What a writer validates a change against: the index that was in force when the write began,
 * read only through its {@link GuardedIndex} and only while it is still in force.
 *
 * <p>The materializer may replace the index at any time (a rebuild from the topic): it publishes
 * no index, then an empty one that fills as the topic is read again, and closes the old one. A
 * read through the guard can never land in the closed map, but the empty index is no better:
 * validating against it would take a registered report for an unknown one and accept a second
 * registration. So a read that finds no index, or another index than the pinned one, throws
 * {@link Replaced}, whose message is the refusal a caller gets; and {@link #check} tells a writer,
 * just before it sends, that everything it read came from the pinned index.
 *
 * <p>For one writer thread at a time (the registry's writes are serialized). A read allocates a
 * capturing lambda: this is the write path, never the gate's.
 */
final class PinnedIndex implements RecordStore {
    /** The refusal of a change that met a rebuild: nothing was written. */
    static final String REBUILDING = "the shared registry index at this port is being rebuilt from the topic;"
            + " the change was not made: try again once the port is ready";

    private final GuardedIndex guard;
    /** Null when there was no index at the start: every read then refuses. */
    private final RegistryIndex pinned;

    /** Pins the index in force now (compared by identity only: it is dereferenced only inside the guard). */
    PinnedIndex(GuardedIndex guard) {
        this.guard = guard;
        this.pinned = guard.current();
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        Boolean found = guard.read(idx -> idx != null && idx == pinned ? idx.get(reportId, into) : null);
        if (found == null) {
            throw new Replaced();
        }
        return found;
    }

    /** An overlay keeps what it writes; the index is written only by the materializer. */
    @Override
    public void put(ReportRecord record) {
        throw new UnsupportedOperationException("a writer never writes the index directly: the materializer applies the topic");
    }

    /** Throws {@link Replaced} unless the pinned index is still the one in force. */
    void check() {
        RegistryIndex now = guard.current();
        if (now == null || now != pinned) {
            throw new Replaced();
        }
    }

    /**
     * The pinned index is gone (a rebuild began): the change must be refused, not validated
     * against whatever replaced it. Caught by the registry's write methods; its message is the
     * refusal.
     */
    static final class Replaced extends IllegalStateException {
        Replaced() {
            super(REBUILDING);
        }
    }
}
