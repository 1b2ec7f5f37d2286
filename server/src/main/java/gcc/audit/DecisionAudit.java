package gcc.audit;

/**
 * Where the node records every decision and admin action (BRIEF rule 9). {@code record} must not
 * block or allocate; false means the record could not be taken, and the decision must then HOLD.
 */
public interface DecisionAudit extends AutoCloseable {
    /** Channel of a decision, as the audit stores it. */
    enum Source { GATE_TCP, HTTP_VERIFY, ADMIN }

    boolean record(long timeMicros, Source source, byte[] gate, int gateOff, int gateLen, int lane,
                   byte[] exporter, int exOff, int exLen, byte[] reportId, int rOff, int rLen,
                   byte outcome, long reasons, int micros);

    /** Records an admin action (may allocate). */
    boolean recordAdmin(long timeMicros, String actor, String action);

    boolean healthy();

    /** Stops accepting and drains within the deadline. */
    void close(java.time.Duration deadline);

    @Override
    default void close() {
        close(java.time.Duration.ofSeconds(5));
    }
}
