package gcc.cluster;

import gcc.cbor.CborException;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryIndex;
import gcc.registry.ReportRecord;
import gcc.registry.ReportStatus;
import gcc.registry.StatusChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies registry-topic messages to a port's index: each message's record goes in at sequence
 * offset + 1 unless the index already holds that report at or past it (so a replay after a crash
 * never moves a report backwards). A message this port cannot read holds its report (SUSPENDED)
 * rather than trusting what the index had. The caller stores the applied offset once per batch.
 *
 * <p>A message carrying its report's document leaves the record pointing at it (document position
 * = offset + 1), so the itemized figures can be read back from the topic ({@link TopicDocuments}).
 *
 * <p>Applying a readable message allocates nothing: the message is read in place, the record
 * reused, and the index written with one lookup. Not thread-safe: one instance per materializer.
 */
public final class RegistryApplier {
    private final RegistryMessage.Reader reader = new RegistryMessage.Reader();
    private final java.util.function.BiConsumer<String, StatusChange> statusChanges;
    private final ReportRecord incoming = new ReportRecord();
    private final ReportRecord current = new ReportRecord();
    private long undecodable;
    private String lastError = "";

    /**
     * @param statusChanges told the reason, actor and time of each applied message that changes a
     *                      report's status (revocations, suspensions, a revision superseding it),
     *                      for the report lookup; registrations, the bulk of the topic, are not told
     */
    public RegistryApplier(java.util.function.BiConsumer<String, StatusChange> statusChanges) {
        this.statusChanges = statusChanges;
    }

    /**
     * Applies {@code batch} (one partition's messages, in offset order) to {@code index}.
     *
     * @return the offset of the last message applied, or -1 if the batch was empty
     */
    public long apply(RegistryIndex index, Iterable<ConsumerRecord<String, byte[]>> batch) {
        long last = -1;
        for (ConsumerRecord<String, byte[]> r : batch) {
            apply(index, r.key(), r.value(), r.offset());
            last = r.offset();
        }
        return last;
    }

    private void apply(RegistryIndex idx, String key, byte[] value, long offset) {
        long seq = offset + 1;
        try {
            reader.wrap(value).recordInto(incoming);
            if (reader.hasDocument()) {
                incoming.documentPosition(seq);
            }
            if (idx.putIfNewer(incoming, seq)) {
                RegistryEvent.Type type = reader.type();
                if (type != null && (StatusChange.changesStatus(type) || type == RegistryEvent.Type.REVISE)) {
                    StatusChange change = RegistryMessage.statusChange(value, incoming.reportId());
                    if (change != null) {
                        statusChanges.accept(incoming.reportId(), change);
                    }
                }
            }
        } catch (CborException | RuntimeException e) {
            // A message this port cannot read (a newer writer?): whatever it said about the
            // report, doubt means hold, so the report is held here until a readable message comes.
            undecodable++;
            lastError = "unreadable registry message at offset " + offset + ": " + e.getMessage();
            if (key != null && idx.get(key, current) && current.lastSequence() < seq) {
                idx.put(current.status(ReportStatus.SUSPENDED).lastSequence(seq));
            }
        }
    }

    /** Messages this applier could not read since it was created. */
    public long undecodable() {
        return undecodable;
    }

    /** Why the last unreadable message was refused, or empty. */
    public String lastError() {
        return lastError;
    }
}
