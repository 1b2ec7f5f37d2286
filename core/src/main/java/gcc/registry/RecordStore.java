package gcc.registry;

/**
 * Storage of records by report id, as {@link RegistryTransitions} needs it. Implemented by the
 * in-memory registry and by the persistent index.
 */
public interface RecordStore {
    /** Reads the record for {@code reportId} into {@code into}; false if absent. */
    boolean get(String reportId, ReportRecord into);

    /** Stores {@code record} under its own report id, replacing any previous one. */
    void put(ReportRecord record);
}
