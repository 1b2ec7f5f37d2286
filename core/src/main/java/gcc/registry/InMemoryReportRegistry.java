package gcc.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry held on the heap, with its journal as a list: for tests, the offline CLI and the
 * code-issue demo. Lookups copy a record (no allocation beyond the key string); changes go
 * through {@link RegistryTransitions} like every other registry. Thread-safe; changes are
 * serialized.
 */
public final class InMemoryReportRegistry implements ReportRegistry, RecordStore {
    private final ConcurrentHashMap<String, ReportRecord> records = new ConcurrentHashMap<>();
    private final List<RegistryEvent> journal = new ArrayList<>();
    private final ReportRecord scratch = new ReportRecord();
    private volatile boolean available = true;
    private volatile RecallScopes scopes = RecallScopes.NONE;

    @Override
    public RecallScopes scopes() {
        return scopes;
    }

    @Override
    public Lookup lookup(byte[] reportId, int length, ReportRecord into) {
        if (!available) {
            return Lookup.UNAVAILABLE;
        }
        ReportRecord r = records.get(new String(reportId, 0, length, StandardCharsets.US_ASCII));
        if (r == null) {
            return Lookup.NOT_FOUND;
        }
        synchronized (r) {
            into.copyFrom(r);
        }
        return Lookup.FOUND;
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        ReportRecord r = records.get(reportId);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            into.copyFrom(r);
        }
        return true;
    }

    @Override
    public void put(ReportRecord record) {
        ReportRecord copy = new ReportRecord().copyFrom(record);
        records.put(copy.reportId(), copy);
    }

    /**
     * Validates and applies one change.
     *
     * @return the refusal, or {@code null} when the event was journaled and applied
     */
    public synchronized String submit(RegistryEvent event, long nowMillis) {
        String refusal = RegistryTransitions.refusal(event, this, scopes);
        if (refusal != null) {
            return refusal;
        }
        RegistryEvent placed = event.at(journal.size() + 1L, nowMillis);
        journal.add(placed);
        RegistryTransitions.apply(placed, this, scratch);
        scopes = scopes.apply(placed);
        return null;
    }

    /** The registered document of a report (its record's position is its journal sequence), or {@code null}. */
    public synchronized gcc.report.ReportDocument document(String reportId) {
        ReportRecord r = records.get(reportId);
        if (r == null || r.documentPosition() < 1 || r.documentPosition() > journal.size()) {
            return null;
        }
        return journal.get((int) r.documentPosition() - 1).document();
    }

    /** Makes every lookup answer UNAVAILABLE (or available again), as a store does while it rebuilds. */
    public void available(boolean yes) {
        available = yes;
    }

    /** The journal so far, in order. */
    public synchronized List<RegistryEvent> journal() {
        return List.copyOf(journal);
    }

    public int size() {
        return records.size();
    }
}
