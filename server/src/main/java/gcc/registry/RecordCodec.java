package gcc.registry;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The binary layout of a {@link ReportRecord} as a Chronicle Map value, read into a caller's
 * record ({@code getUsing}) so a lookup allocates nothing. Little-endian, variable length.
 * Layout 2 (written):
 *
 * <pre>
 *   0  u8   layout version (2)
 *   1  u8   status code
 *   2  i64  last applied journal sequence
 *  10  i64  where the document and its figures are: journal position of the registering event, or
 *           (several ports) the registry topic offset + 1 of the message carrying the document
 *  18  16   report digest
 *  34  i32  issue day (epoch day)
 *  38  i32  items present mask (any result)
 *  42  i32  items passed mask
 *  46  i32  items not-applicable mask
 *  50  u8   exporter count E (1 manufacturer + agents, 1..9)
 *  51  u8   product count P (1..16)
 *  52  18 x E  exporter USCCs (ASCII), the manufacturer first
 *  ..  u8 len + bytes: report id, lab id, standard, profile, product class, superseded-by
 *  ..  P x (u8 len + HS code, u8 len + model)
 *  ..  u16 x (number of present items that are not NOT_APPLICABLE): test day of each, ascending
 *      item number, as days since 2000-01-01 (covers 2000..2179)
 * </pre>
 * A typical one-product GB 31701 record is about 170 bytes; each further product adds about 20,
 * each agent 18. The itemized figures stay in the journal (or the registry topic's message). Layout 1 (before product series,
 * agents and profiles) is still read: one product, no agents, the implied profile.
 * Stateless singleton.
 */
public final class RecordCodec implements SizedReader<ReportRecord>, SizedWriter<ReportRecord>,
        EnumMarshallable<RecordCodec> {
    public static final RecordCodec INSTANCE = new RecordCodec();
    private static final int LAYOUT_1 = 1;
    private static final int LAYOUT = 2;
    private static final int DAY_2000 = 10_957;
    /** No record is larger: 9 exporters, 16 products and every text at its 255-byte length cap, 31 dates. */
    private static final int MAX_SIZE = 52 + 18 * 9 + 6 * 256 + 16 * 2 * 256 + 2 * 31;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<Cursor> CURSOR = ThreadLocal.withInitial(Cursor::new);

    private RecordCodec() {
    }

    @Override
    public RecordCodec readResolve() {
        return INSTANCE;
    }

    @Override
    public long size(ReportRecord r) {
        long n = 52 + 18L * r.exporterCount() + 6 + r.reportIdLength() + r.labIdLength() + r.standardLength()
                + r.profileLength() + r.productClassLength() + r.supersededByLength();
        for (int i = 0; i < r.productCount(); i++) {
            n += 2 + r.hsCodeLength(i) + r.modelLength(i);
        }
        return n + 2L * Integer.bitCount(r.presentMask() & ~r.notApplicableMask());
    }

    /*
     * Chronicle's streaming writes and reads check bounds and move positions field by field; that
     * was half of the time a materializer spent per record. The codec builds the value in a
     * per-thread array and hands it over (or takes it) in one copy.
     */

    @Override
    public void write(Bytes<?> out, long size, ReportRecord r) {
        byte[] b = scratch((int) size);
        int n = encode(r, b);
        out.write(b, 0, n);
    }

    @Override
    public ReportRecord read(Bytes<?> in, long size, ReportRecord using) {
        ReportRecord r = using != null ? using : new ReportRecord();
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalStateException("registry record of " + size + " bytes: rebuild the index");
        }
        byte[] b = scratch((int) size);
        in.read(b, 0, (int) size);
        return decode(b, 0, (int) size, r);
    }

    private static byte[] scratch(int size) {
        return CURSOR.get().scratch(size);
    }

    /** Writes {@code r} in the current layout into {@code b} from 0 ({@link #size} bytes); returns the length. */
    public int encode(ReportRecord r, byte[] b) {
        b[0] = (byte) LAYOUT;
        b[1] = (byte) (r.status() == null ? 0 : r.status().code());
        LONG.set(b, 2, r.lastSequence());
        LONG.set(b, 10, r.documentPosition());
        System.arraycopy(r.digestBytes(), 0, b, 18, 16);
        INT.set(b, 34, r.issueDay());
        INT.set(b, 38, r.presentMask());
        INT.set(b, 42, r.passMask());
        INT.set(b, 46, r.notApplicableMask());
        b[50] = (byte) r.exporterCount();
        b[51] = (byte) r.productCount();
        int p = 52;
        for (int i = 0; i < r.exporterCount(); i++) {
            System.arraycopy(r.exporterBytes(i), 0, b, p, 18);
            p += 18;
        }
        p = text(b, p, r.reportIdBytes(), r.reportIdLength());
        p = text(b, p, r.labIdBytes(), r.labIdLength());
        p = text(b, p, r.standardBytes(), r.standardLength());
        p = text(b, p, r.profileBytes(), r.profileLength());
        p = text(b, p, r.productClassBytes(), r.productClassLength());
        p = text(b, p, r.supersededByBytes(), r.supersededByLength());
        for (int i = 0; i < r.productCount(); i++) {
            p = text(b, p, r.hsCodeBytes(i), r.hsCodeLength(i));
            p = text(b, p, r.modelBytes(i), r.modelLength(i));
        }
        int dated = r.presentMask() & ~r.notApplicableMask();
        int[] days = r.testDays();
        while (dated != 0) {
            int item = Integer.numberOfTrailingZeros(dated) + 1;
            dated &= dated - 1;
            SHORT.set(b, p, (short) Math.max(0, days[item] - DAY_2000));
            p += 2;
        }
        return p;
    }

    private static int text(byte[] b, int p, byte[] src, int len) {
        b[p] = (byte) len;
        System.arraycopy(src, 0, b, p + 1, len);
        return p + 1 + len;
    }

    /**
     * Reads a value of {@code len} bytes at {@code off} into {@code r}; a value that is not a
     * whole record of a known layout throws {@link IllegalStateException}.
     */
    public ReportRecord decode(byte[] b, int off, int len, ReportRecord r) {
        Cursor c = CURSOR.get().at(b, off, len);
        int layout = c.u8();
        if (layout == LAYOUT_1) {
            return readLayout1(c, r);
        }
        if (layout != LAYOUT) {
            throw new IllegalStateException("registry record layout " + layout + " is not " + LAYOUT + ": rebuild the index");
        }
        r.status(ReportStatus.ofCode(c.u8()));
        r.lastSequence(c.i64());
        r.documentPosition(c.i64());
        readDigestToExporters(c, r);
        r.reportIdLength(c.text(r.reportIdBytes()));
        readLabToClass(c, r);
        r.supersededByLength(c.text(r.supersededByBytes()));
        readProductsAndDays(c, r);
        return r;
    }

    /** Layout 2 from the digest through the exporters (bytes 18 to the report id). */
    private static void readDigestToExporters(Cursor c, ReportRecord r) {
        c.bytes(r.digestBytes(), 16);
        r.issueDay(c.i32());
        r.presentMask(c.i32());
        r.passMask(c.i32());
        r.notApplicableMask(c.i32());
        r.exporterCount(c.count(ReportRecord.MAX_EXPORTERS));
        r.productCount(c.count(gcc.report.ReportDocument.MAX_PRODUCTS));
        for (int i = 0; i < r.exporterCount(); i++) {
            c.bytes(r.exporterBytes(i), 18);
        }
    }

    /** Layout 2's lab, standard, profile and product class texts. */
    private static void readLabToClass(Cursor c, ReportRecord r) {
        r.labIdLength(c.text(r.labIdBytes()));
        r.standardLength(c.text(r.standardBytes()));
        r.profileLength(c.text(r.profileBytes()));
        r.productClassLength(c.text(r.productClassBytes()));
    }

    /** Layout 2's products and the test days: the value's tail. */
    private static void readProductsAndDays(Cursor c, ReportRecord r) {
        for (int i = 0; i < r.productCount(); i++) {
            r.hsCodeLength(i, c.text(r.hsCodeBytes(i)));
            r.modelLength(i, c.text(r.modelBytes(i)));
        }
        readDays(c, r, r.presentMask() & ~r.notApplicableMask());
    }

    /** Layout 1: one product, the manufacturer only, the implied profile, PASS/FAIL only. */
    private static ReportRecord readLayout1(Cursor c, ReportRecord r) {
        r.status(ReportStatus.ofCode(c.u8()));
        r.lastSequence(c.i64());
        r.documentPosition(0);
        c.bytes(r.digestBytes(), 16);
        r.issueDay(c.i32());
        r.presentMask(c.i32());
        r.passMask(c.i32());
        r.notApplicableMask(0);
        r.exporterCount(1).productCount(1);
        c.bytes(r.exporterBytes(0), 18);
        r.reportIdLength(c.text(r.reportIdBytes()));
        r.labIdLength(c.text(r.labIdBytes()));
        r.standardLength(c.text(r.standardBytes()));
        r.hsCodeLength(0, c.text(r.hsCodeBytes(0)));
        r.modelLength(0, c.text(r.modelBytes(0)));
        r.supersededByLength(c.text(r.supersededByBytes()));
        r.impliedProfile().productClassLength(0);
        readDays(c, r, r.presentMask());
        return r;
    }

    private static void readDays(Cursor c, ReportRecord r, int dated) {
        int[] days = r.testDays();
        java.util.Arrays.fill(days, 0);
        while (dated != 0) {
            int item = Integer.numberOfTrailingZeros(dated) + 1;
            dated &= dated - 1;
            days[item] = c.u16() + DAY_2000;
        }
    }

    /** Per thread: reads fields in order from a value, refusing to read past its end; and the copy buffer. */
    private static final class Cursor {
        private byte[] scratch = new byte[1024];
        private byte[] b;
        private int end;
        private int p;

        Cursor at(byte[] bytes, int off, int len) {
            this.b = bytes;
            this.p = off;
            this.end = off + len;
            return this;
        }

        byte[] scratch(int size) {
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, 2 * scratch.length)];
            }
            return scratch;
        }

        private int take(int n) {
            int at = p;
            if (n > end - at) {
                throw new IllegalStateException("registry record ends inside a field: rebuild the index");
            }
            p = at + n;
            return at;
        }

        int u8() {
            return b[take(1)] & 0xff;
        }

        int u16() {
            return (short) SHORT.get(b, take(2)) & 0xffff;
        }

        int i32() {
            return (int) INT.get(b, take(4));
        }

        long i64() {
            return (long) LONG.get(b, take(8));
        }

        int count(int max) {
            int n = u8();
            if (n > max) {
                throw new IllegalStateException("registry record count " + n + " exceeds " + max + ": rebuild the index");
            }
            return n;
        }

        void skip(int n) {
            take(n);
        }

        /** Steps over a length-prefixed text, with the same length check as {@link #text}. */
        void skipText(int max) {
            int len = u8();
            if (len > max) {
                throw new IllegalStateException("registry record field of " + len + " bytes exceeds " + max);
            }
            take(len);
        }

        void bytes(byte[] into, int n) {
            System.arraycopy(b, take(n), into, 0, n);
        }

        int text(byte[] into) {
            int len = u8();
            if (len > into.length) {
                throw new IllegalStateException("registry record field of " + len + " bytes exceeds " + into.length);
            }
            bytes(into, len);
            return len;
        }
    }
}
