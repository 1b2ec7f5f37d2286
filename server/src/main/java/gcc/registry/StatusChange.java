package gcc.registry;

import java.time.Instant;

/**
 * The last change of a report's status as it was journaled: which change, why, who asked for it
 * and when the registry accepted it. A report that never changed status since it was registered
 * has none.
 *
 * @param change     SUSPEND, REINSTATE or REVOKE; REVISE for a report superseded by a revision
 * @param reason     the reason given (may be empty); for REVISE, which report superseded it
 * @param actor      who made the change
 * @param timeMillis epoch milliseconds when the change was accepted
 */
public record StatusChange(RegistryEvent.Type change, String reason, String actor, long timeMillis) {

    public Instant at() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** True for the events that change the status of the report they name. */
    public static boolean changesStatus(RegistryEvent.Type type) {
        return type == RegistryEvent.Type.SUSPEND || type == RegistryEvent.Type.REINSTATE
                || type == RegistryEvent.Type.REVOKE;
    }
}
