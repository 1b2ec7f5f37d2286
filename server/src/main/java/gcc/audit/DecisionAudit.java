package gcc.audit;

import java.time.Duration;

/**
 * Where the node records every decision and admin action (BRIEF rule 9). {@code record} must not
 * block or allocate; false means the record could not be taken, and the decision must then HOLD.
 */
public interface DecisionAudit extends AutoCloseable {
    /** Channel of a decision, as the audit stores it. */
    enum Source { GATE_TCP, HTTP_VERIFY, ADMIN }

    /** Takes a copy of {@code entry}; false if it cannot (full, failed or closing). Allocation-free. */
    boolean record(DecisionEntry entry);

    /** Records an admin action (may allocate). */
    boolean recordAdmin(long timeMicros, String actor, String action);

    boolean healthy();

    /** Stops accepting and drains within the deadline. */
    void close(Duration deadline);

    @Override
    default void close() {
        close(Duration.ofSeconds(5));
    }
}
