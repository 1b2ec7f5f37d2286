package gcc.cluster;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.registry.ReportStatus;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *  7 record      map    the key's record after the event:
 *                        1 id text, 2 digest bstr(16), 3 status uint, 4 lab text, 5 standard text,
 *                        6 exporter text(18), 7 HS code text, 8 model text, 9 issue day (epoch day),
 *                        10 present-items mask, 11 passed-items mask,
 *                        12 [test day of each present item, ascending item number],
 *                        13 superseded-by text (only when set)
 * </pre>
 * The message key is the record's report id (UTF-8). The record's journal sequence is not in the
 * value: a port sets it to the message's offset + 1 when it applies the message.
 *
 * <p>Stateless; decoding allocates (it runs on the materializer thread, not on the gate path).
 */
public final class RegistryMessage {
    private static final CborLimits LIMITS = new CborLimits(4, 256, 64 * 1024);

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
        m.put(7L, record(record));
        return Cbor.encode(m);
    }

    private static Map<Object, Object> record(ReportRecord r) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, r.reportId());
        m.put(2L, r.digestBytes().clone());
        m.put(3L, (long) r.status().code());
        m.put(4L, r.labId());
        m.put(5L, r.standard());
        m.put(6L, r.exporter());
        m.put(7L, new String(r.hsCodeBytes(), 0, r.hsCodeLength(), StandardCharsets.US_ASCII));
        m.put(8L, new String(r.modelBytes(), 0, r.modelLength(), StandardCharsets.UTF_8));
        m.put(9L, (long) r.issueDay());
        m.put(10L, (long) r.presentMask());
        m.put(11L, (long) r.passMask());
        List<Object> days = new ArrayList<>(21);
        int present = r.presentMask();
        while (present != 0) {
            int item = Integer.numberOfTrailingZeros(present) + 1;
            present &= present - 1;
            days.add((long) r.testDays()[item]);
        }
        m.put(12L, days);
        if (r.supersededByLength() > 0) {
            m.put(13L, r.supersededBy());
        }
        return m;
    }

    /** What a materializer needs of a message: the event type and the record (into a caller's instance). */
    public static RegistryEvent.Type decodeInto(byte[] value, ReportRecord into) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(value, LIMITS), "registry message");
        RegistryEvent.Type type = RegistryEvent.Type.ofCode((int) CborFields.longIn(m, 1, "type", 1, 5));
        if (type == null) {
            throw new CborException("unknown registry event type");
        }
        Map<?, ?> r = CborFields.asMap(CborFields.require(m, 7, "record"), "record");
        into.clear();
        into.reportIdLength(put(into.reportIdBytes(), CborFields.text(r, 1, "report id", 1, ReportDocument.MAX_ID)));
        byte[] digest = CborFields.bytes(r, 2, "digest", ReportDocument.DIGEST_LENGTH, ReportDocument.DIGEST_LENGTH);
        System.arraycopy(digest, 0, into.digestBytes(), 0, digest.length);
        ReportStatus status = ReportStatus.ofCode((int) CborFields.longIn(r, 3, "status", 1, 4));
        if (status == null) {
            throw new CborException("unknown report status");
        }
        into.status(status);
        into.labIdLength(put(into.labIdBytes(), CborFields.text(r, 4, "lab id", 1, ReportDocument.MAX_LAB_ID)));
        into.standardLength(put(into.standardBytes(), CborFields.text(r, 5, "standard", 1, ReportDocument.MAX_STANDARD)));
        put(into.exporterBytes(), CborFields.text(r, 6, "exporter", Uscc.LENGTH, Uscc.LENGTH));
        into.hsCodeLength(put(into.hsCodeBytes(), CborFields.text(r, 7, "HS code", 1, Product.MAX_HS)));
        into.modelLength(put(into.modelBytes(), CborFields.text(r, 8, "model", 0, Product.MAX_MODEL_BYTES)));
        into.issueDay((int) CborFields.longIn(r, 9, "issue day", 0, 200_000));
        int present = (int) CborFields.longIn(r, 10, "present mask", 0, 0xffffffffL);
        into.presentMask(present);
        into.passMask((int) CborFields.longIn(r, 11, "pass mask", 0, 0xffffffffL));
        List<?> days = CborFields.asList(CborFields.require(r, 12, "test days"), "test days");
        if (days.size() != Integer.bitCount(present)) {
            throw new CborException("test days do not match the present items");
        }
        int k = 0;
        while (present != 0) {
            int item = Integer.numberOfTrailingZeros(present) + 1;
            present &= present - 1;
            if (item > ReportDocument.MAX_ITEM || !(days.get(k) instanceof Long d)) {
                throw new CborException("bad test day");
            }
            into.testDays()[item] = (int) (long) d;
            k++;
        }
        Object by = r.get(13L);
        if (by != null) {
            into.supersededByLength(put(into.supersededByBytes(), CborFields.text(by, "superseded-by", 1, ReportDocument.MAX_ID)));
        }
        return type;
    }

    private static int put(byte[] dst, String s) throws CborException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > dst.length) {
            throw new CborException("field longer than " + dst.length + " bytes");
        }
        System.arraycopy(b, 0, dst, 0, b.length);
        return b.length;
    }
}
