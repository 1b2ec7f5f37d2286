package gcc.cluster;

import gcc.registry.RecordStore;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryTransitions;
import gcc.registry.ReportRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a writer has produced but its own index may not have applied yet, laid over the
 * index: so a batch that registers a report and then revokes it validates the revocation against
 * the registration, and each change's resulting records (the values it sends) come from the one
 * state machine every registry shares ({@link RegistryTransitions}). Not thread-safe (one writer).
 */
final class Overlay implements RecordStore {
    private final RecordStore base;
    private final Map<String, ReportRecord> pending = new HashMap<>();
    private final Map<String, byte[]> documents = new HashMap<>();
    private final List<ReportRecord> touched = new ArrayList<>(2);
    private final ReportRecord scratch = new ReportRecord();
    private long provisional = Long.MAX_VALUE / 4;

    Overlay(RecordStore base) {
        this.base = base;
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        ReportRecord r = pending.get(reportId);
        if (r != null) {
            into.copyFrom(r);
            return true;
        }
        return base.get(reportId, into);
    }

    @Override
    public void put(ReportRecord record) {
        ReportRecord copy = new ReportRecord().copyFrom(record);
        pending.put(copy.reportId(), copy);
        touched.add(copy);
    }

    /** Why the event may not be written now, or {@code null}. */
    String refusal(RegistryEvent e) {
        String r = RegistryTransitions.refusal(e, this);
        return r != null && retriedRevision(e) ? null : r;
    }

    /**
     * A revision is written as two messages, the old report's SUPERSEDED record first; if the
     * writer failed between them, the same revision may be submitted again and completes it.
     */
    private boolean retriedRevision(RegistryEvent e) {
        if (e.type() != RegistryEvent.Type.REVISE || !e.document().problems().isEmpty()) {
            return false;
        }
        ReportRecord old = new ReportRecord();
        return get(e.document().supersedes(), old) && old.status() == gcc.registry.ReportStatus.SUPERSEDED
                && e.reportId().equals(old.supersededBy()) && !get(e.reportId(), new ReportRecord());
    }

    /**
     * Applies an accepted event here and returns the records it changed, in the order they must be
     * written: other reports first (a revision's superseded report), the event's own report last.
     */
    List<ReportRecord> apply(RegistryEvent e) {
        touched.clear();
        if (e.document() != null) {
            documents.put(e.reportId(), e.document().canonicalBytes());
        }
        RegistryTransitions.apply(e.at(++provisional, 0), this, scratch);
        byte[] own = e.reportId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<ReportRecord> out = new ArrayList<>(touched.size());
        for (ReportRecord r : touched) {
            if (!r.reportIdEquals(own, 0, own.length)) {
                out.add(r);
            }
        }
        for (ReportRecord r : touched) {
            if (r.reportIdEquals(own, 0, own.length)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The canonical document of a report registered through this overlay and not yet cleared, or {@code null}. */
    byte[] document(String reportId) {
        return documents.get(reportId);
    }

    /** Forgets what the index has now applied. */
    void clear() {
        pending.clear();
        documents.clear();
    }
}
