package gcc.registry;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * The binary layout of a {@link ReportRecord} as a Chronicle Map value, read into a caller's
 * record ({@code getUsing}) so a lookup allocates nothing. Little-endian, variable length:
 *
 * <pre>
 *   0  u8   layout version (1)
 *   1  u8   status code
 *   2  i64  last applied journal sequence
 *  10  16   report digest
 *  26  i32  issue day (epoch day)
 *  30  i32  items present mask
 *  34  i32  items passed mask
 *  38  18   exporter USCC (ASCII)
 *  56  u8 len + bytes: report id, lab id, standard, HS code, model, superseded-by
 *  ..  u16 x (number of present items): test day of each present item, ascending item number,
 *      as days since 2000-01-01 (covers 2000..2179)
 * </pre>
 * A typical GB 31701 record is about 140 bytes. Stateless singleton.
 */
public final class RecordCodec implements SizedReader<ReportRecord>, SizedWriter<ReportRecord>,
        EnumMarshallable<RecordCodec> {
    public static final RecordCodec INSTANCE = new RecordCodec();
    private static final int LAYOUT = 1;
    private static final int DAY_2000 = 10_957;

    private RecordCodec() {
    }

    @Override
    public RecordCodec readResolve() {
        return INSTANCE;
    }

    @Override
    public long size(ReportRecord r) {
        return 56 + 6 + r.reportIdLength() + r.labIdLength() + r.standardLength() + r.hsCodeLength() + r.modelLength()
                + r.supersededByLength() + 2L * Integer.bitCount(r.presentMask());
    }

    @Override
    public void write(Bytes<?> out, long size, ReportRecord r) {
        out.writeByte((byte) LAYOUT);
        out.writeByte((byte) (r.status() == null ? 0 : r.status().code()));
        out.writeLong(r.lastSequence());
        out.write(r.digestBytes(), 0, 16);
        out.writeInt(r.issueDay());
        out.writeInt(r.presentMask());
        out.writeInt(r.passMask());
        out.write(r.exporterBytes(), 0, 18);
        text(out, r.reportIdBytes(), r.reportIdLength());
        text(out, r.labIdBytes(), r.labIdLength());
        text(out, r.standardBytes(), r.standardLength());
        text(out, r.hsCodeBytes(), r.hsCodeLength());
        text(out, r.modelBytes(), r.modelLength());
        text(out, r.supersededByBytes(), r.supersededByLength());
        int present = r.presentMask();
        int[] days = r.testDays();
        while (present != 0) {
            int item = Integer.numberOfTrailingZeros(present) + 1;
            present &= present - 1;
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
        if (layout != LAYOUT) {
            throw new IllegalStateException("registry record layout " + layout + " is not " + LAYOUT + ": rebuild the index");
        }
        r.status(ReportStatus.ofCode(in.readUnsignedByte()));
        r.lastSequence(in.readLong());
        in.read(r.digestBytes(), 0, 16);
        r.issueDay(in.readInt());
        r.presentMask(in.readInt());
        r.passMask(in.readInt());
        in.read(r.exporterBytes(), 0, 18);
        r.reportIdLength(text(in, r.reportIdBytes()));
        r.labIdLength(text(in, r.labIdBytes()));
        r.standardLength(text(in, r.standardBytes()));
        r.hsCodeLength(text(in, r.hsCodeBytes()));
        r.modelLength(text(in, r.modelBytes()));
        r.supersededByLength(text(in, r.supersededByBytes()));
        int[] days = r.testDays();
        java.util.Arrays.fill(days, 0);
        int present = r.presentMask();
        while (present != 0) {
            int item = Integer.numberOfTrailingZeros(present) + 1;
            present &= present - 1;
            days[item] = in.readUnsignedShort() + DAY_2000;
        }
        return r;
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
