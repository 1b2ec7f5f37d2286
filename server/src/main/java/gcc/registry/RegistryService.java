package gcc.registry;

/**
 * What the node needs of the registry beyond lookups: submitting journaled changes, reading a
 * record for display, and its state for metrics and readiness.
 */
public interface RegistryService extends ReportRegistry, AutoCloseable {
    /**
     * Validates, journals durably, then applies one change.
     *
     * @return the refusal, or {@code null} once the change is durable and visible to lookups
     */
    String submit(RegistryEvent event);

    /** Reads a record by id for display; false if absent or the registry is unavailable. */
    boolean get(String reportId, ReportRecord into);

    /**
     * The registered document of a report (with the itemized figures the record leaves out),
     * read back from the journal (with several ports: from the registry topic); {@code null} if absent, unavailable or registered before
     * records remembered where their document is.
     */
    gcc.report.ReportDocument document(String reportId);

    /**
     * The journaled change that set a report's current status (reason, actor, time), or
     * {@code null} if it never changed since registration or the implementation does not know.
     */
    default StatusChange statusChange(String reportId) {
        return null;
    }

    long entries();

    long lastSequence();

    /** True once the index is open and current with the journal. */
    boolean ready();

    /**
     * Kafka mode: the staleness bound the policy in force sets, or {@code null} for the port's own
     * setting. A registry that is not shared has no bound and ignores it.
     */
    default void stalenessBound(java.time.Duration bound) {
    }

    /** The link to the other ports when the registry is shared through Kafka, else {@code null}. */
    default RegistryLink link() {
        return null;
    }

    @Override
    void close();
}
