package gcc.audit;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the audit queue back, oldest first, with a filter; safe while a server is writing it.
 * For post-clearance supervision: every RELEASE of a report later recalled is found by report id
 * and outcome.
 */
public final class AuditQuery {
    private AuditQuery() {
    }

    /** A filter on audit records; null fields match anything. */
    public record Filter(String reportId, String exporter, String gate, Integer outcome, Long fromMicros, Long toMicros,
                         String declaration, String container) implements Predicate<AuditRecord> {
        /** Without the declaration link. */
        public Filter(String reportId, String exporter, String gate, Integer outcome, Long fromMicros, Long toMicros) {
            this(reportId, exporter, gate, outcome, fromMicros, toMicros, null, null);
        }

        @Override
        public boolean test(AuditRecord r) {
            return (reportId == null || reportId.equals(r.reportId())
                    || (r.source() == DecisionAudit.Source.ADMIN && (" " + r.action() + ":").contains(" " + reportId + ":")))
                    && (exporter == null || exporter.equals(r.exporter()))
                    && (gate == null || gate.equals(r.gate()))
                    && (outcome == null || outcome == r.outcome())
                    && (fromMicros == null || r.timeMicros() >= fromMicros)
                    && (toMicros == null || r.timeMicros() < toMicros)
                    && (declaration == null || declaration.equals(r.declaration()))
                    && (container == null || container.equals(r.container()));
        }
    }

    /** A record with its position in the journal (a cursor for the next page). */
    public record Indexed(long index, AuditRecord record) {
    }

    /**
     * One page: up to {@code limit} matching records after journal position {@code after}
     * ({@code -1}: from the start), oldest first. Returns them; there may be more when the list
     * is full (ask again with the last one's index).
     */
    public static java.util.List<Indexed> page(Path dir, Predicate<AuditRecord> filter, long after, int limit) {
        java.util.List<Indexed> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir) || limit <= 0) {
            return out;
        }
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            if (after >= 0 && !t.moveToIndex(after)) {
                return out; // not a position of this journal: nothing after it
            }
            boolean skip = after >= 0;
            while (out.size() < limit) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    if (skip) {
                        skip = false;
                        continue;
                    }
                    AuditRecord r = read(dc.wire().bytes());
                    if (r != null && filter.test(r)) {
                        out.add(new Indexed(dc.index(), r));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A time bound as the audit queries take it: a date {@code YYYY-MM-DD} (00:00 in UTC+8, the
     * ports' time) or an ISO instant; epoch microseconds, {@code null} for {@code null}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static Long micros(String t) {
        if (t == null) {
            return null;
        }
        try {
            java.time.Instant i = t.length() == 10
                    ? java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant()
                    : java.time.Instant.parse(t);
            return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("time must be a date YYYY-MM-DD or an ISO instant: " + t);
        }
    }

    /** Calls {@code sink} with every matching record, up to {@code limit}; returns how many matched. */
    public static long scan(Path dir, Predicate<AuditRecord> filter, long limit, Consumer<AuditRecord> sink) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            while (n < limit) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    AuditRecord r = read(dc.wire().bytes());
                    if (r != null && filter.test(r)) {
                        sink.accept(r);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Decodes one audit document (as the journal wrote it), or null for a kind this version does not know. */
    public static AuditRecord read(Bytes<?> b) {
        int kind = b.readUnsignedByte();
        long time = b.readLong();
        if (kind == AuditJournal.KIND_ADMIN) {
            return new AuditRecord(time, DecisionAudit.Source.ADMIN, "", 0, "", "", 0, 0, 0, 0, b.readUtf8(), b.readUtf8(), "", "");
        }
        if (kind != AuditJournal.KIND_DECISION && kind != AuditJournal.KIND_DECISION_UNLINKED
                && kind != AuditJournal.KIND_DECISION_UNDATED) {
            return null;
        }
        DecisionAudit.Source source = DecisionAudit.Source.values()[Math.min(b.readUnsignedByte(), 2)];
        int outcome = b.readUnsignedByte();
        int lane = b.readUnsignedShort();
        long micros = b.readUnsignedInt();
        long reasons = b.readLong();
        long decidedFor = kind == AuditJournal.KIND_DECISION_UNDATED ? 0 : b.readLong();
        String gate = text(b);
        String exporter = text(b);
        String report = text(b);
        String declaration = kind == AuditJournal.KIND_DECISION ? text(b) : "";
        String container = kind == AuditJournal.KIND_DECISION ? text(b) : "";
        return new AuditRecord(time, source, gate, lane, exporter, report, outcome, reasons, micros, decidedFor, "", "",
                declaration, container);
    }

    private static String text(Bytes<?> b) {
        int len = b.readUnsignedByte();
        byte[] t = new byte[len];
        b.read(t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
