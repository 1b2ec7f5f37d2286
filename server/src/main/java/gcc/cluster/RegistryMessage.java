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
 *  6 document    bstr   the keyed report's registered document, its canonical CBOR (exactly the
 *                       bytes the local journal stores and the digest covers): on every message
 *                       whose writer had it, so the latest message per report (what compaction
 *                       keeps) still carries the itemized figures; absent if the writer had none
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
    /** A message is a few hundred bytes and a document at most 64 KiB (the document limit). */
    private static final int MAX_BYTES = 80 * 1024;
    private static final int MAX_FIELDS = 16;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_RECORD = 16 * 1024;
    private static final int MAX_DOCUMENT = 64 * 1024;

    private RegistryMessage() {
    }

    /**
     * Encodes {@code event} (already accepted) and the resulting record of one report, with that
     * report's registered document (its canonical CBOR) when the writer has it, else {@code null}.
     */
    public static byte[] encode(RegistryEvent event, long timeMillis, ReportRecord record, byte[] document) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, (long) event.type().code());
        m.put(2L, event.reportId());
        m.put(3L, event.actor());
        m.put(4L, timeMillis);
        if (event.reason() != null) {
            m.put(5L, event.reason());
        }
        if (document != null) {
            m.put(6L, document);
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
        Reader m = new Reader().wrap(value);
        m.recordInto(into);
        return m.type();
    }

    /**
     * Reads a message in place, without building a CBOR tree: {@link #wrap} walks the map once and
     * remembers where the type, the record and the document are; {@link #recordInto} reads the
     * record into a caller's instance. A materializer keeps one and reuses it for every message,
     * so applying a message allocates nothing. Accepts exactly the shape {@link #encode} writes
     * (definite lengths, shortest heads, unsigned keys in ascending order); fields it does not know
     * are skipped, so a newer writer may add some. Not thread-safe.
     */
    public static final class Reader {
        private byte[] b;
        private int p;
        private int end;
        private int type;
        private int recordAt;
        private int recordLength;
        private int documentAt;
        private int documentLength;

        /** Reads {@code value}; throws if it is not a registry message this port understands. */
        public Reader wrap(byte[] value) throws CborException {
            if (value == null || value.length > MAX_BYTES) {
                throw new CborException("registry message missing or over " + MAX_BYTES + " bytes");
            }
            b = value;
            p = 0;
            end = value.length;
            type = 0;
            recordAt = documentAt = -1;
            recordLength = documentLength = 0;
            long entries = head(5);
            if (entries > MAX_FIELDS) {
                throw new CborException("registry message with " + entries + " fields");
            }
            long lastKey = 0;
            for (long i = 0; i < entries; i++) {
                long key = head(0);
                if (key <= lastKey) {
                    throw new CborException("registry message keys out of order");
                }
                lastKey = key;
                if (key == 1) {
                    long t = head(0);
                    if (t < 1 || t > 5) {
                        throw new CborException("unknown registry event type " + t);
                    }
                    type = (int) t;
                } else if (key == 6 || key == 7) {
                    long len = head(2);
                    if (len > (key == 6 ? MAX_DOCUMENT : MAX_RECORD)) {
                        throw new CborException("registry message field " + key + " of " + len + " bytes");
                    }
                    int at = take(len);
                    if (key == 6) {
                        documentAt = at;
                        documentLength = (int) len;
                    } else {
                        recordAt = at;
                        recordLength = (int) len;
                    }
                } else {
                    skip(0);
                }
            }
            if (p != end) {
                throw new CborException("registry message has bytes after its map");
            }
            if (type == 0 || recordAt < 0 || recordLength < 1) {
                throw new CborException("registry message without a type or a record");
            }
            return this;
        }

        /** The event type of the message read last. */
        public RegistryEvent.Type type() {
            return RegistryEvent.Type.ofCode(type);
        }

        /** Reads the record of the message read last into {@code into}. */
        public ReportRecord recordInto(ReportRecord into) throws CborException {
            try {
                into.clear();
                RecordCodec.INSTANCE.decode(b, recordAt, recordLength, into);
            } catch (RuntimeException e) {
                throw new CborException("unreadable record: " + e.getMessage());
            }
            if (into.reportIdLength() == 0 || into.status() == null) {
                throw new CborException("record without a report id or a known status");
            }
            return into;
        }

        /** True when the message carries its report's registered document (field 6). */
        public boolean hasDocument() {
            return documentAt >= 0;
        }

        /** A copy of the document's canonical CBOR, or {@code null}. */
        public byte[] document() {
            return documentAt < 0 ? null : java.util.Arrays.copyOfRange(b, documentAt, documentAt + documentLength);
        }

        /** Reads a head of {@code major} type (definite length) and returns its argument. */
        private long head(int major) throws CborException {
            int ib = b[take(1)] & 0xff;
            if (ib >>> 5 != major) {
                throw new CborException("registry message: major type " + (ib >>> 5) + " where " + major + " belongs");
            }
            return argument(ib & 0x1f);
        }

        private long argument(int ai) throws CborException {
            if (ai < 24) {
                return ai;
            }
            int n = switch (ai) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new CborException("registry message: indefinite or reserved length");
            };
            int at = take(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | (b[at + i] & 0xff);
            }
            if (v < 0) {
                throw new CborException("registry message: argument out of range");
            }
            return v;
        }

        /** Skips one value of any type but tags and floats, nested at most {@value #MAX_DEPTH} deep. */
        private void skip(int depth) throws CborException {
            if (depth >= MAX_DEPTH) {
                throw new CborException("registry message nested too deeply");
            }
            int ib = b[take(1)] & 0xff;
            long arg = argument(ib & 0x1f);
            switch (ib >>> 5) {
                case 0, 1 -> { }
                case 2, 3 -> take(arg);
                case 4 -> {
                    for (long i = 0; i < arg; i++) {
                        skip(depth + 1);
                    }
                }
                case 5 -> {
                    for (long i = 0; i < 2 * arg; i++) {
                        skip(depth + 1);
                    }
                }
                default -> throw new CborException("registry message: unexpected tag or simple value");
            }
        }

        private int take(long n) throws CborException {
            if (n > end - p) {
                throw new CborException("registry message ends inside a value");
            }
            int at = p;
            p += (int) n;
            return at;
        }
    }

    /** Limits for the rare full decode of a status-changing message (the report lookup's reason, actor, time). */
    private static final CborLimits LIMITS = new CborLimits(3, 16, 64 * 1024);

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
