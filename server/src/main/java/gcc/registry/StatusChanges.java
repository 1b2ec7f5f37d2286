package gcc.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last status change of every report whose status was ever changed, kept from the journal
 * (status changes are rare next to registrations, so this stays small). A revision records the
 * superseded report's change too.
 *
 * <p>Thread-safe: one writer (the registry), readers on the HTTP workers.
 */
final class StatusChanges {
    private final Map<String, StatusChange> last = new ConcurrentHashMap<>();

    /** Notes {@code e} if it changes some report's status; {@code e} must carry its journal time. */
    void apply(RegistryEvent e) {
        if (StatusChange.changesStatus(e.type())) {
            last.put(e.reportId(), new StatusChange(e.type(), e.reason() == null ? "" : e.reason(), e.actor(),
                    e.timeMillis()));
        } else if (e.type() == RegistryEvent.Type.REVISE && e.document() != null && e.document().supersedes() != null) {
            last.put(e.document().supersedes(), new StatusChange(e.type(), "superseded by " + e.reportId(), e.actor(),
                    e.timeMillis()));
        }
    }

    StatusChange of(String reportId) {
        return last.get(reportId);
    }

    void clear() {
        last.clear();
    }
}
