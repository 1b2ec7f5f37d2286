package gcc.registry;

import gcc.report.ReportDocument;

import java.util.List;

/**
 * The registry's state machine: which events may enter the journal ({@link #refusal}) and what
 * applying one does to the records ({@link #apply}). Pure functions over a {@link RecordStore},
 * shared by every registry implementation so they cannot disagree.
 *
 * <ul>
 *   <li>REGISTER: a new id, valid document, no {@code supersedes}; the record starts ACTIVE.</li>
 *   <li>REVISE: a new id whose document supersedes an ACTIVE or SUSPENDED report; the new record
 *       starts ACTIVE and the old one becomes SUPERSEDED, pointing at the new one.</li>
 *   <li>SUSPEND: ACTIVE to SUSPENDED. REINSTATE: SUSPENDED to ACTIVE.</li>
 *   <li>REVOKE: any state but REVOKED to REVOKED; final.</li>
 * </ul>
 * Applying is idempotent by sequence: a record whose last applied sequence is at or after the
 * event's is left alone, so replaying a journal over an index that already holds part of it
 * gives the same records.
 */
public final class RegistryTransitions {
    private RegistryTransitions() {
    }

    /** Why {@code e} may not be appended given the current records and recalls, or {@code null} if it may. */
    public static String refusal(RegistryEvent e, RecordStore store, RecallScopes scopes) {
        return e.isScope() ? scopes.refusal(e) : refusal(e, store);
    }

    /** Why {@code e} (a report event) may not be appended given the current records, or {@code null} if it may. */
    public static String refusal(RegistryEvent e, RecordStore store) {
        ReportRecord current = new ReportRecord();
        boolean exists = store.get(e.reportId(), current);
        return switch (e.type()) {
            case REGISTER, REVISE -> documentRefusal(e, exists, store);
            case SUSPEND -> !exists ? notRegistered(e) : current.status() == ReportStatus.ACTIVE ? null
                    : "report " + e.reportId() + " is " + current.status() + ", only ACTIVE reports can be suspended";
            case REINSTATE -> !exists ? notRegistered(e) : current.status() == ReportStatus.SUSPENDED ? null
                    : "report " + e.reportId() + " is " + current.status() + ", only SUSPENDED reports can be reinstated";
            case REVOKE -> !exists ? notRegistered(e) : current.status() != ReportStatus.REVOKED ? null
                    : "report " + e.reportId() + " is already revoked";
            case SCOPE_REVOKE, SCOPE_SUSPEND, SCOPE_LIFT -> "a recall is checked against the recalls in force";
        };
    }

    private static String documentRefusal(RegistryEvent e, boolean exists, RecordStore store) {
        ReportDocument doc = e.document();
        List<String> problems = doc.problems();
        if (!problems.isEmpty()) {
            return "invalid report " + doc.reportId() + ": " + String.join("; ", problems);
        }
        if (exists) {
            return "report " + e.reportId() + " is already registered";
        }
        if (e.type() == RegistryEvent.Type.REGISTER) {
            return doc.supersedes() == null ? null : "a revision must be submitted as REVISE";
        }
        if (doc.supersedes() == null) {
            return "a revision must name the report it supersedes";
        }
        ReportRecord old = new ReportRecord();
        if (!store.get(doc.supersedes(), old)) {
            return "superseded report " + doc.supersedes() + " is not registered";
        }
        if (old.status() != ReportStatus.ACTIVE && old.status() != ReportStatus.SUSPENDED) {
            return "report " + doc.supersedes() + " is " + old.status() + " and cannot be revised";
        }
        return null;
    }

    private static String notRegistered(RegistryEvent e) {
        return "report " + e.reportId() + " is not registered";
    }

    /**
     * Applies {@code e} (already accepted into the journal) to {@code store}.
     *
     * @param scratch a record this call may overwrite
     * @return true if any record changed, false if the event was already applied
     */
    public static boolean apply(RegistryEvent e, RecordStore store, ReportRecord scratch) {
        return apply(e, e.sequence(), store, scratch);
    }

    /**
     * Applies {@code e}, found at {@code position} in its journal, to {@code store}: a registered
     * record remembers the position so its document (with the itemized figures the record leaves
     * out) can be read back.
     *
     * @param scratch a record this call may overwrite
     * @return true if any record changed, false if the event was already applied
     */
    public static boolean apply(RegistryEvent e, long position, RecordStore store, ReportRecord scratch) {
        long seq = e.sequence();
        return switch (e.type()) {
            case REGISTER, REVISE -> applyDocument(e, position, store, scratch, seq);
            case SUSPEND -> setStatus(store, scratch, e, ReportStatus.SUSPENDED);
            case REINSTATE -> setStatus(store, scratch, e, ReportStatus.ACTIVE);
            case REVOKE -> setStatus(store, scratch, e, ReportStatus.REVOKED);
            // Recalls change no record: the registry's RecallScopes hold them and the rules check them.
            case SCOPE_REVOKE, SCOPE_SUSPEND, SCOPE_LIFT -> false;
        };
    }

    private static boolean applyDocument(RegistryEvent e, long position, RecordStore store, ReportRecord scratch, long seq) {
        boolean changed = false;
        if (!store.get(e.reportId(), scratch) || scratch.lastSequence() < seq) {
            scratch.fill(e.document(), e.document().digest(), seq).documentPosition(position);
            store.put(scratch);
            changed = true;
        }
        String old = e.document().supersedes();
        if (old != null && store.get(old, scratch) && scratch.lastSequence() < seq) {
            scratch.status(ReportStatus.SUPERSEDED).supersededBy(e.reportId()).lastSequence(seq);
            store.put(scratch);
            changed = true;
        }
        return changed;
    }

    private static boolean setStatus(RecordStore store, ReportRecord scratch, RegistryEvent e, ReportStatus s) {
        if (!store.get(e.reportId(), scratch) || scratch.lastSequence() >= e.sequence()) {
            return false;
        }
        scratch.status(s).lastSequence(e.sequence());
        store.put(scratch);
        return true;
    }
}
