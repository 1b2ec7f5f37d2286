package gcc.cluster;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;
import gcc.registry.RecordCodec;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.registry.StatusChange;
import net.openhft.chronicle.bytes.Bytes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the registry topic: the event that caused it and the <em>whole</em> record of the
 * report it is keyed by, as the event left it. Because every message carries its key's complete
 * state, the compacted topic (latest message per report id) rebuilds exactly the registry a full
 * replay builds, and a new port bootstraps from it alone.
 *
 * <p>Value: a deterministic CBOR map (RFC 8949 4.2.1, as every CBOR value of this project):
 * <pre>
 *  1 type        uint   event type code (1 REGISTER, 2 REVISE, 3 SUSPEND, 4 REINSTATE, 5 REVOKE)
 *  2 subject     text   the event's report id (for REVISE: the new report, also when keyed by the old one)
 *  3 actor       text   who asked for it
 *  4 time        uint   epoch milliseconds when the writer accepted it
 *  5 reason      text   SUSPEND, REINSTATE, REVOKE: why (may be empty); absent otherwise
 *  6 document    bstr   REGISTER, REVISE, on the new report's own message: its canonical CBOR
 *                       (exactly the bytes the local journal stores and the digest covers)
 *  7 record      bstr   the key's record after the event, in the index's own value layout
 *                       ({@link gcc.registry.RecordCodec}, versioned by its first byte), with the
 *                       journal sequence and document position 0: a port sets the sequence to the
 *                       message's offset + 1 when it applies it
 * </pre>
 * The message key is the record's report id (UTF-8). A port that meets a record layout it does not
 * know refuses the message (and holds that report) rather than guess.
 *
 * <p>Stateless; decoding allocates a little (it runs on the materializer thread, never on the gate path).
 */
public final class RegistryMessage {
    private static final CborLimits LIMITS = new CborLimits(3, 16, 64 * 1024);

    private RegistryMessage() {
    }

    /** Encodes {@code event} (already accepted) and the resulting record of one report. */
    public static byte[] encode(RegistryEvent event, long timeMillis, ReportRecord record, boolean withDocument) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, (long) event.type().code());
        m.put(2L, event.reportId());
        m.put(3L, event.actor());
        m.put(4L, timeMillis);
        if (event.reason() != null) {
            m.put(5L, event.reason());
        }
        if (withDocument && event.document() != null) {
            m.put(6L, event.document().canonicalBytes());
        }
        m.put(7L, recordBytes(record));
        return Cbor.encode(m);
    }

    private static byte[] recordBytes(ReportRecord r) {
        ReportRecord copy = new ReportRecord().copyFrom(r).lastSequence(0).documentPosition(0);
        long size = RecordCodec.INSTANCE.size(copy);
        Bytes<byte[]> out = Bytes.allocateElasticOnHeap((int) size);
        try {
            RecordCodec.INSTANCE.write(out, size, copy);
            byte[] b = new byte[(int) out.writePosition()];
            out.read(b);
            return b;
        } finally {
            out.releaseLast();
        }
    }

    /** What a materializer needs of a message: the event type and the record (into a caller's instance). */
    public static RegistryEvent.Type decodeInto(byte[] value, ReportRecord into) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(value, LIMITS), "registry message");
        RegistryEvent.Type type = RegistryEvent.Type.ofCode((int) CborFields.longIn(m, 1, "type", 1, 5));
        if (type == null) {
            throw new CborException("unknown registry event type");
        }
        byte[] record = CborFields.bytes(m, 7, "record", 1, 16 * 1024);
        Bytes<byte[]> in = Bytes.wrapForRead(record);
        try {
            into.clear();
            RecordCodec.INSTANCE.read(in, record.length, into);
        } catch (RuntimeException e) {
            throw new CborException("unreadable record: " + e.getMessage());
        } finally {
            in.releaseLast();
        }
        if (into.reportIdLength() == 0 || into.status() == null) {
            throw new CborException("record without a report id or a known status");
        }
        return type;
    }

    /**
     * The status change a message makes to the report it is keyed by: a SUSPEND, REINSTATE or
     * REVOKE with its reason, actor and time, or the REVISE that superseded it; {@code null} for
     * any other message.
     */
    public static StatusChange statusChange(byte[] value, String key) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(value, LIMITS), "registry message");
        RegistryEvent.Type type = RegistryEvent.Type.ofCode((int) CborFields.longIn(m, 1, "type", 1, 5));
        String subject = CborFields.text(m, 2, "subject", 1, 4096);
        boolean superseded = type == RegistryEvent.Type.REVISE && !subject.equals(key);
        if (type == null || !(StatusChange.changesStatus(type) || superseded)) {
            return null;
        }
        String actor = CborFields.text(m, 3, "actor", 0, 4096);
        long time = CborFields.longIn(m, 4, "time", 0, Long.MAX_VALUE);
        String reason = superseded ? "superseded by " + subject
                : m.get(5L) == null ? "" : CborFields.text(m, 5, "reason", 0, 64 * 1024);
        return new StatusChange(type, reason, actor, time);
    }
}
