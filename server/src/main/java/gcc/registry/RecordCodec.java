package gcc.registry;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * The binary layout of a {@link ReportRecord} as a Chronicle Map value, read into a caller's
 * record ({@code getUsing}) so a lookup allocates nothing. Little-endian, variable length.
 * Layout 2 (written):
 *
 * <pre>
 *   0  u8   layout version (2)
 *   1  u8   status code
 *   2  i64  last applied journal sequence
 *  10  i64  journal position of the registering event (where the document and its figures are)
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
 * each agent 18. The itemized figures stay in the journal. Layout 1 (before product series,
 * agents and profiles) is still read: one product, no agents, the implied profile.
 * Stateless singleton.
 */
public final class RecordCodec implements SizedReader<ReportRecord>, SizedWriter<ReportRecord>,
        EnumMarshallable<RecordCodec> {
    public static final RecordCodec INSTANCE = new RecordCodec();
    private static final int LAYOUT_1 = 1;
    private static final int LAYOUT = 2;
    private static final int DAY_2000 = 10_957;

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

    @Override
    public void write(Bytes<?> out, long size, ReportRecord r) {
        out.writeByte((byte) LAYOUT);
        out.writeByte((byte) (r.status() == null ? 0 : r.status().code()));
        out.writeLong(r.lastSequence());
        out.writeLong(r.documentPosition());
        out.write(r.digestBytes(), 0, 16);
        out.writeInt(r.issueDay());
        out.writeInt(r.presentMask());
        out.writeInt(r.passMask());
        out.writeInt(r.notApplicableMask());
        out.writeUnsignedByte(r.exporterCount());
        out.writeUnsignedByte(r.productCount());
        for (int i = 0; i < r.exporterCount(); i++) {
            out.write(r.exporterBytes(i), 0, 18);
        }
        text(out, r.reportIdBytes(), r.reportIdLength());
        text(out, r.labIdBytes(), r.labIdLength());
        text(out, r.standardBytes(), r.standardLength());
        text(out, r.profileBytes(), r.profileLength());
        text(out, r.productClassBytes(), r.productClassLength());
        text(out, r.supersededByBytes(), r.supersededByLength());
        for (int i = 0; i < r.productCount(); i++) {
            text(out, r.hsCodeBytes(i), r.hsCodeLength(i));
            text(out, r.modelBytes(i), r.modelLength(i));
        }
        int dated = r.presentMask() & ~r.notApplicableMask();
        int[] days = r.testDays();
        while (dated != 0) {
            int item = Integer.numberOfTrailingZeros(dated) + 1;
            dated &= dated - 1;
            out.writeUnsignedShort(Math.max(0, days[item] - DAY_2000));
        }
    }

    private static void text(Bytes<?> out, byte[] b, int len) {
        out.writeUnsignedByte(len);
        out.write(b, 0, len);
    }

    @Override
    public ReportRecord read(Bytes<?> in, long size, ReportRecord using) {
        ReportRecord r = using != null ? using : new ReportRecord();
        int layout = in.readUnsignedByte();
        if (layout == LAYOUT_1) {
            return readLayout1(in, r);
        }
        if (layout != LAYOUT) {
            throw new IllegalStateException("registry record layout " + layout + " is not " + LAYOUT + ": rebuild the index");
        }
        r.status(ReportStatus.ofCode(in.readUnsignedByte()));
        r.lastSequence(in.readLong());
        r.documentPosition(in.readLong());
        in.read(r.digestBytes(), 0, 16);
        r.issueDay(in.readInt());
        r.presentMask(in.readInt());
        r.passMask(in.readInt());
        r.notApplicableMask(in.readInt());
        r.exporterCount(in.readUnsignedByte());
        r.productCount(in.readUnsignedByte());
        for (int i = 0; i < r.exporterCount(); i++) {
            in.read(r.exporterBytes(i), 0, 18);
        }
        r.reportIdLength(text(in, r.reportIdBytes()));
        r.labIdLength(text(in, r.labIdBytes()));
        r.standardLength(text(in, r.standardBytes()));
        r.profileLength(text(in, r.profileBytes()));
        r.productClassLength(text(in, r.productClassBytes()));
        r.supersededByLength(text(in, r.supersededByBytes()));
        for (int i = 0; i < r.productCount(); i++) {
            r.hsCodeLength(i, text(in, r.hsCodeBytes(i)));
            r.modelLength(i, text(in, r.modelBytes(i)));
        }
        readDays(in, r, r.presentMask() & ~r.notApplicableMask());
        return r;
    }

    /** Layout 1: one product, the manufacturer only, the implied profile, PASS/FAIL only. */
    private static ReportRecord readLayout1(Bytes<?> in, ReportRecord r) {
        r.status(ReportStatus.ofCode(in.readUnsignedByte()));
        r.lastSequence(in.readLong());
        r.documentPosition(0);
        in.read(r.digestBytes(), 0, 16);
        r.issueDay(in.readInt());
        r.presentMask(in.readInt());
        r.passMask(in.readInt());
        r.notApplicableMask(0);
        r.exporterCount(1).productCount(1);
        in.read(r.exporterBytes(0), 0, 18);
        r.reportIdLength(text(in, r.reportIdBytes()));
        r.labIdLength(text(in, r.labIdBytes()));
        r.standardLength(text(in, r.standardBytes()));
        r.hsCodeLength(0, text(in, r.hsCodeBytes(0)));
        r.modelLength(0, text(in, r.modelBytes(0)));
        r.supersededByLength(text(in, r.supersededByBytes()));
        r.impliedProfile().productClassLength(0);
        readDays(in, r, r.presentMask());
        return r;
    }

    private static void readDays(Bytes<?> in, ReportRecord r, int dated) {
        int[] days = r.testDays();
        java.util.Arrays.fill(days, 0);
        while (dated != 0) {
            int item = Integer.numberOfTrailingZeros(dated) + 1;
            dated &= dated - 1;
            days[item] = in.readUnsignedShort() + DAY_2000;
        }
    }
    private static int text(Bytes<?> in, byte[] into) {
        int len = in.readUnsignedByte();
        if (len > into.length) {
            throw new IllegalStateException("registry record field of " + len + " bytes exceeds " + into.length);
        }
        in.read(into, 0, len);
        return len;
    }
}
