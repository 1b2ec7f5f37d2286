package gcc.registry;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.hash.Data;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The off-heap, file-persisted index: report id to {@link ReportRecord}, in a Chronicle Map whose
 * values are read into a caller's record so lookups allocate nothing and cost the JVM heap
 * nothing however many reports it holds.
 *
 * <p>Sizing: {@code entries} reports (configured with headroom; the map can grow past it at
 * some cost, up to a bloat factor of 4), average key {@value #AVERAGE_KEY_BYTES} bytes, average
 * value {@value #AVERAGE_VALUE_BYTES} bytes (see {@link RecordCodec}). The index remembers the
 * last journal sequence applied to it under a reserved key so it can be caught up after a crash.
 *
 * <p>Thread-safe (Chronicle Map's segment locks); each thread passes its own key and record.
 * Public for the Kafka-mode registry ({@code gcc.cluster}), which keeps the same index.
 */
public final class RegistryIndex implements RecordStore, AutoCloseable {
    static final int AVERAGE_KEY_BYTES = 14;
    static final int AVERAGE_VALUE_BYTES = 176;
    /** Reserved key holding the last applied sequence; report ids start with A-Z or 0-9, never '#'. */
    private static final String META = "#applied";

    private final ChronicleMap<CharSequence, ReportRecord> map;
    private final File file;
    private final ThreadLocal<StringBuilder> keys = ThreadLocal.withInitial(() -> new StringBuilder(32));

    private RegistryIndex(ChronicleMap<CharSequence, ReportRecord> map, File file) {
        this.map = map;
        this.file = file;
    }

    private static ChronicleMapBuilder<CharSequence, ReportRecord> builder(long entries) {
        return ChronicleMapBuilder.of(CharSequence.class, ReportRecord.class)
                .name("gcc-report-index")
                .entries(entries)
                .averageKeySize(AVERAGE_KEY_BYTES)
                .averageValueSize(AVERAGE_VALUE_BYTES)
                .maxBloatFactor(4.0)
                .checksumEntries(true)
                .valueMarshaller(RecordCodec.INSTANCE);
    }

    /** Creates a new index file, or opens one that was closed cleanly. */
    public static RegistryIndex open(File file, long entries) throws IOException {
        return new RegistryIndex(builder(entries).createPersistedTo(file), file);
    }

    /** Opens an index left by a process that did not close it: clears its locks and checks its entries. */
    public static RegistryIndex recover(File file, long entries) throws IOException {
        return new RegistryIndex(builder(entries).recoverPersistedTo(file, true), file);
    }

    /** True for a key the index keeps for itself: never a report, unreachable from every API. */
    static boolean reserved(CharSequence id) {
        return id.length() > 0 && id.charAt(0) == '#';
    }

    /** Reads a record by ASCII id bytes without allocating. */
    public boolean get(byte[] id, int len, ReportRecord into) {
        if (len > 0 && id[0] == '#') {
            return false;
        }
        return map.getUsing(key(id, len), into) != null;
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        return !reserved(reportId) && map.getUsing(reportId, into) != null;
    }

    /** This thread's key holder filled with the ASCII id bytes: no String per lookup. */
    private StringBuilder key(byte[] id, int len) {
        StringBuilder k = keys.get();
        k.setLength(0);
        for (int i = 0; i < len; i++) {
            k.append((char) (id[i] & 0x7f));
        }
        return k;
    }

    @Override
    public void put(ReportRecord record) {
        if (record.reportIdLength() > 0 && record.reportIdBytes()[0] == '#') {
            throw new IllegalArgumentException("report ids starting with '#' are reserved for the index");
        }
        map.put(new String(record.reportIdBytes(), 0, record.reportIdLength(), StandardCharsets.US_ASCII), record);
    }

    /**
     * Puts {@code record} at sequence {@code sequence} unless the index holds its report at that
     * sequence or later already: one hash lookup and one segment lock, nothing read back or
     * allocated (a plain {@code put} would also return the previous value as a new object).
     *
     * @return true if the record was written
     */
    public boolean putIfNewer(ReportRecord record, long sequence) {
        int len = record.reportIdLength();
        byte[] id = record.reportIdBytes();
        if (len > 0 && id[0] == '#') {
            throw new IllegalArgumentException("report ids starting with '#' are reserved for the index");
        }
        record.lastSequence(sequence);
        try (ExternalMapQueryContext<CharSequence, ReportRecord, ?> q = map.queryContext(key(id, len))) {
            q.updateLock().lock();
            MapEntry<CharSequence, ReportRecord> e = q.entry();
            if (e == null) {
                q.absentEntry().doInsert(q.wrapValueAsData(record));
                return true;
            }
            // Every layout keeps the sequence at bytes 2..9 (little-endian): no need to read the rest.
            Data<ReportRecord> v = e.value();
            if (v.size() >= 10 && storedSequence(v.bytes(), v.offset()) >= sequence) {
                return false;
            }
            e.doReplaceValue(q.wrapValueAsData(record));
            return true;
        }
    }

    private static long storedSequence(net.openhft.chronicle.bytes.RandomDataInput in, long valueOffset) {
        long seq = 0;
        for (int i = 9; i >= 2; i--) {
            seq = seq << 8 | (in.readByte(valueOffset + i) & 0xff);
        }
        return seq;
    }

    /** The last journal sequence whose changes are all in the index. */
    public long applied() {
        ReportRecord r = map.getUsing(META, new ReportRecord());
        return r == null ? 0 : r.lastSequence();
    }

    public void applied(long sequence) {
        ReportRecord r = new ReportRecord();
        byte[] id = META.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, r.reportIdBytes(), 0, id.length);
        r.reportIdLength(id.length).lastSequence(sequence);
        map.put(META, r);
    }

    /** Reports in the index. */
    public long entries() {
        return Math.max(0, map.longSize() - (map.containsKey(META) ? 1 : 0));
    }

    /** Calls {@code visitor} with every report record (not the reserved entry). */
    void forEach(java.util.function.Consumer<ReportRecord> visitor) {
        map.forEachEntry(e -> {
            if (!META.contentEquals(e.key().get())) {
                visitor.accept(e.value().getUsing(new ReportRecord()));
            }
        });
    }

    public File file() {
        return file;
    }

    @Override
    public void close() {
        map.close();
    }
}
