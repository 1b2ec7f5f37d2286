package gcc.registry;

import gcc.cbor.CborException;
import gcc.report.ReportDocument;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The registry's source of truth: every accepted change, in order, in a Chronicle Queue.
 *
 * <p>Durability: the queue is memory-mapped with {@code SyncMode.SYNC}; {@link #append} writes
 * the document and then msyncs it ({@code MS_SYNC}) before returning, so an acknowledged change
 * survives a process kill and a power cut (as far as the disk honours a sync). Bulk loading
 * {@link #write}s many and then {@link #sync}s once. A document half-written when the process
 * died is never acknowledged and Chronicle Queue skips it on recovery.
 *
 * <p>Document layout (raw bytes): sequence i64, time-ms i64, type u8, then actor, report id and
 * reason as stop-bit-length UTF-8, then the report's canonical CBOR bytes (length 0 = none).
 *
 * <p>Appends are serialized by the caller (one writer); reads may run concurrently.
 */
final class RegistryJournal implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private long lastSequence;

    RegistryJournal(Path dir) {
        this.queue = SingleChronicleQueueBuilder.binary(dir)
                .syncMode(SyncMode.SYNC)
                .timeoutMS(2_000)
                .build();
        this.appender = queue.createAppender();
        this.lastSequence = readLastSequence();
    }

    private long readLastSequence() {
        try (ExcerptTailer t = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return 0;
                }
                return dc.wire().bytes().readLong();
            }
        }
    }

    /** Sequence of the last event in the journal (0 if empty). */
    long lastSequence() {
        return lastSequence;
    }

    /** Appends an event placed at the next sequence, durably. */
    RegistryEvent append(RegistryEvent event, long timeMillis) {
        RegistryEvent placed = write(event, timeMillis);
        appender.sync();
        return placed;
    }

    /** Makes everything written so far durable (bulk loading writes many, then syncs once). */
    void sync() {
        appender.sync();
    }

    /** Writes an event at the next sequence without syncing: not acknowledged until {@link #sync()}. */
    RegistryEvent write(RegistryEvent event, long timeMillis) {
        RegistryEvent placed = event.at(lastSequence + 1, timeMillis);
        // Writers are serialized by the registry but need not be one thread (the admin worker, a
        // node's own start-up, a tool): hand the appender over instead of tripping Chronicle's check.
        appender.singleThreadedCheckReset();
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeLong(placed.sequence());
            b.writeLong(placed.timeMillis());
            b.writeByte((byte) placed.type().code());
            b.writeUtf8(placed.actor());
            b.writeUtf8(placed.reportId());
            b.writeUtf8(placed.reason() == null ? "" : placed.reason());
            byte[] doc = placed.document() == null ? new byte[0] : placed.document().canonicalBytes();
            b.writeStopBit(doc.length);
            b.write(doc);
        }
        lastSequence = placed.sequence();
        return placed;
    }

    /** Receives a replayed event with its position (queue index) in the journal. */
    interface Sink {
        void accept(RegistryEvent event, long position);
    }

    /** Position (queue index) of the event last written by {@link #write}. */
    long lastPosition() {
        return appender.lastIndexAppended();
    }

    /** The event at {@code position}, or {@code null} if there is none. */
    RegistryEvent read(long position) {
        try (ExcerptTailer t = queue.createTailer()) {
            if (!t.moveToIndex(position)) {
                return null;
            }
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                Bytes<?> b = dc.wire().bytes();
                return read(b.readLong(), b);
            }
        }
    }

    /** Calls {@code sink} with every event whose sequence is above {@code afterSequence}, in order. */
    void replay(long afterSequence, Sink sink) {
        try (ExcerptTailer t = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long seq = b.readLong();
                    if (seq <= afterSequence) {
                        continue;
                    }
                    sink.accept(read(seq, b), dc.index());
                }
            }
        }
    }

    /** Every recall in the journal applied in order, reading only the events that are recalls. */
    RecallScopes scopes() {
        RecallScopes scopes = RecallScopes.NONE;
        try (ExcerptTailer t = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return scopes;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long seq = b.readLong();
                    long time = b.readLong();
                    RegistryEvent.Type type = RegistryEvent.Type.ofCode(b.readByte());
                    if (type == RegistryEvent.Type.SCOPE_REVOKE || type == RegistryEvent.Type.SCOPE_SUSPEND
                            || type == RegistryEvent.Type.SCOPE_LIFT) {
                        String actor = b.readUtf8();
                        String key = b.readUtf8();
                        String reason = b.readUtf8();
                        scopes = scopes.apply(new RegistryEvent(seq, time, actor, type, key, null, reason));
                    }
                }
            }
        }
    }

    private static RegistryEvent read(long seq, Bytes<?> b) {
        long time = b.readLong();
        RegistryEvent.Type type = RegistryEvent.Type.ofCode(b.readByte());
        String actor = b.readUtf8();
        String reportId = b.readUtf8();
        String reason = b.readUtf8();
        int len = (int) b.readStopBit();
        ReportDocument doc = null;
        if (len > 0) {
            byte[] d = new byte[len];
            b.read(d);
            try {
                doc = ReportDocument.fromCanonicalBytes(d);
            } catch (CborException e) {
                throw new IllegalStateException("journal entry " + seq + " holds an unreadable report: " + e.getMessage());
            }
        }
        if (type == null) {
            throw new IllegalStateException("journal entry " + seq + " has an unknown type");
        }
        boolean carriesDocument = type == RegistryEvent.Type.REGISTER || type == RegistryEvent.Type.REVISE;
        return new RegistryEvent(seq, time, actor, type, reportId, doc, carriesDocument ? null : reason);
    }


    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
