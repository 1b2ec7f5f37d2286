package gcc.cluster;

import gcc.audit.AuditRecord;
import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;
import gcc.audit.DecisionAudit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the audit topic: an audit record as the port's local journal holds it, with the
 * port and the record's index in that journal, so a reader drops the duplicates a forwarder
 * restarted mid-batch may send (same port, same index) and can tell that nothing is missing.
 *
 * <p>Value: a deterministic CBOR map: 1 port (text), 2 local journal index (uint), 3 time
 * (epoch µs), 4 source (0 GATE_TCP, 1 HTTP_VERIFY, 2 ADMIN), 5 gate, 6 lane, 7 exporter,
 * 8 report id, 9 outcome (1 RELEASE, 2 HOLD, 3 BUSY, 0 admin), 10 reason mask, 11 decision µs,
 * 12 actor, 13 action (texts may be empty), 14 the instant decided for (as the journal keeps it),
 * 15 declaration number, 16 container number (absent in messages from older ports: empty).
 * Key: the port id.
 */
public final class AuditMessage {
    private static final CborLimits LIMITS = new CborLimits(2, 64, 16 * 1024);

    /** A decoded message. */
    public record Entry(String port, long index, AuditRecord record) {
    }

    private AuditMessage() {
    }

    public static byte[] encode(String port, long index, AuditRecord r) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, port);
        m.put(2L, index);
        m.put(3L, r.timeMicros());
        m.put(4L, (long) r.source().ordinal());
        m.put(5L, r.gate());
        m.put(6L, (long) r.lane());
        m.put(7L, r.exporter());
        m.put(8L, r.reportId());
        m.put(9L, (long) r.outcome());
        m.put(10L, r.reasons());
        m.put(11L, r.micros());
        m.put(12L, r.actor());
        m.put(13L, r.action());
        m.put(14L, r.decidedFor());
        m.put(15L, r.declaration());
        m.put(16L, r.container());
        return Cbor.encode(m);
    }

    public static Entry decode(byte[] value) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(value, LIMITS), "audit message");
        int source = (int) CborFields.longIn(m, 4, "source", 0, DecisionAudit.Source.values().length - 1);
        AuditRecord r = new AuditRecord(CborFields.longIn(m, 3, "time", Long.MIN_VALUE, Long.MAX_VALUE),
                DecisionAudit.Source.values()[source], CborFields.text(m, 5, "gate", 0, 64),
                (int) CborFields.longIn(m, 6, "lane", 0, 65535), CborFields.text(m, 7, "exporter", 0, 32),
                CborFields.text(m, 8, "report id", 0, 64), (int) CborFields.longIn(m, 9, "outcome", 0, 255),
                CborFields.longIn(m, 10, "reasons", Long.MIN_VALUE, Long.MAX_VALUE),
                CborFields.longIn(m, 11, "micros", 0, Long.MAX_VALUE),
                m.containsKey(14L) ? CborFields.longIn(m, 14, "decided for", Long.MIN_VALUE, Long.MAX_VALUE) : 0,
                CborFields.text(m, 12, "actor", 0, 4096),
                CborFields.text(m, 13, "action", 0, 8192),
                m.containsKey(15L) ? CborFields.text(m, 15, "declaration", 0, 18) : "",
                m.containsKey(16L) ? CborFields.text(m, 16, "container", 0, 11) : "");
        return new Entry(CborFields.text(m, 1, "port", 1, 32), CborFields.longIn(m, 2, "index", 0, Long.MAX_VALUE), r);
    }
}
