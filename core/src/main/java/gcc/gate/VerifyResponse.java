package gcc.gate;

/**
 * VERIFY_RESPONSE (type 2): the server's answer, carrying the request's id.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    frame header (16 bytes)                    |
 *  +---------------+---------------+-------------------------------+
 *  |   outcome     | report id len |        reserved (0)           |
 *  +---------------+---------------+-------------------------------+
 *  |              server decision time, microseconds (u32)         |
 *  +---------------------------------------------------------------+
 *  |           reasons: bit n set = reason code n (u64)            |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          report id (ASCII, 0..32: 0 = unknown)              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * In version 2 the reserved field's first byte is the count of reason details (0..8) and the
 * details follow the report id, 10 bytes each: reason (u8), reserved (u8, 0), a (u32), b (u32);
 * {@link ReasonDetails} says what a and b mean per reason.
 *
 * <p>Outcome: 1 RELEASE, 2 HOLD, 3 BUSY ("not decided: retry or send to the manual lane", never a
 * release). A receiver treats any outcome other than 1, or RELEASE with reasons, as HOLD.
 *
 * <p>A flyweight, not thread-safe.
 */
public final class VerifyResponse {
    public static final int OUTCOME_OFFSET = GateFrame.BODY_OFFSET;
    public static final int REPORT_ID_LENGTH_OFFSET = OUTCOME_OFFSET + 1;
    public static final int RESERVED_OFFSET = REPORT_ID_LENGTH_OFFSET + 1;
    public static final int MICROS_OFFSET = RESERVED_OFFSET + 2;
    public static final int REASONS_OFFSET = MICROS_OFFSET + 4;
    public static final int REPORT_ID_OFFSET = REASONS_OFFSET + 8;
    public static final int MAX_REPORT_ID = 32;
    /** Version 2: the count of reason details, in the first byte of the v1 reserved field. */
    public static final int DETAIL_COUNT_OFFSET = RESERVED_OFFSET;
    public static final int MAX_FRAME = REPORT_ID_OFFSET + MAX_REPORT_ID + ReasonDetails.MAX * ReasonDetails.ENTRY;

    public static final int RELEASE = 1;
    public static final int HOLD = 2;
    public static final int BUSY = 3;

    private byte[] buf;
    private int off;
    private int details;

    public int wrap(byte[] buffer, int offset, int frameLength) {
        this.buf = buffer;
        this.off = offset;
        this.details = 0;
        if (frameLength < REPORT_ID_OFFSET) {
            return GateFrame.ERROR_MALFORMED;
        }
        int rid = reportIdLength();
        int outcome = outcome();
        int count = GateFrame.version(buffer, offset) >= GateFrame.VERSION_2 ? buf[off + DETAIL_COUNT_OFFSET] & 0xff : 0;
        if (rid > MAX_REPORT_ID || count > ReasonDetails.MAX || frameLength != REPORT_ID_OFFSET + rid + count * ReasonDetails.ENTRY
                || outcome < RELEASE || outcome > BUSY || !Bytes.printable(buf, off + REPORT_ID_OFFSET, rid)) {
            return GateFrame.ERROR_MALFORMED;
        }
        details = count;
        return GateFrame.OK;
    }

    /** Reason details carried (always 0 in version 1). */
    public int detailCount() {
        return details;
    }

    private int detailOffset(int i) {
        return off + REPORT_ID_OFFSET + reportIdLength() + i * ReasonDetails.ENTRY;
    }

    public int detailReason(int i) {
        return buf[detailOffset(i)] & 0xff;
    }

    public long detailA(int i) {
        return Bytes.u32(buf, detailOffset(i) + 2);
    }

    public long detailB(int i) {
        return Bytes.u32(buf, detailOffset(i) + 6);
    }

    public long requestId() {
        return GateFrame.requestId(buf, off);
    }

    public int outcome() {
        return buf[off + OUTCOME_OFFSET] & 0xff;
    }

    public int reportIdLength() {
        return buf[off + REPORT_ID_LENGTH_OFFSET] & 0xff;
    }

    public int reportIdOffset() {
        return off + REPORT_ID_OFFSET;
    }

    public long micros() {
        return Bytes.u32(buf, off + MICROS_OFFSET);
    }

    public long reasons() {
        return Bytes.u64(buf, off + REASONS_OFFSET);
    }

    /** Encodes a version 1 response; returns the frame length. */
    public static int encode(byte[] dst, int off, long requestId, int outcome, long reasons, long micros,
                             byte[] reportId, int ridOff, int ridLen) {
        return encode(dst, off, GateFrame.VERSION, requestId, outcome, reasons, micros, reportId, ridOff, ridLen, null);
    }

    /**
     * Encodes a response in {@code version} (that of the request it answers); version 1 drops the
     * details. Returns the frame length.
     *
     * @param details {@code null} for none
     */
    public static int encode(byte[] dst, int off, int version, long requestId, int outcome, long reasons, long micros,
                             byte[] reportId, int ridOff, int ridLen, ReasonDetails details) {
        int len = Math.min(ridLen, MAX_REPORT_ID);
        int count = version >= GateFrame.VERSION_2 && details != null ? details.count() : 0;
        int length = REPORT_ID_OFFSET + len + count * ReasonDetails.ENTRY;
        GateFrame.writeHeader(dst, off, length, GateFrame.TYPE_VERIFY_RESPONSE, requestId, version);
        dst[off + OUTCOME_OFFSET] = (byte) outcome;
        dst[off + REPORT_ID_LENGTH_OFFSET] = (byte) len;
        Bytes.putU16(dst, off + RESERVED_OFFSET, 0);
        dst[off + DETAIL_COUNT_OFFSET] = (byte) count;
        Bytes.putU32(dst, off + MICROS_OFFSET, Math.max(0, Math.min(0xffffffffL, micros)));
        Bytes.putU64(dst, off + REASONS_OFFSET, reasons);
        if (len > 0) {
            System.arraycopy(reportId, ridOff, dst, off + REPORT_ID_OFFSET, len);
        }
        int p = off + REPORT_ID_OFFSET + len;
        for (int i = 0; i < count; i++, p += ReasonDetails.ENTRY) {
            dst[p] = (byte) details.reason(i);
            dst[p + 1] = 0;
            Bytes.putU32(dst, p + 2, details.a(i));
            Bytes.putU32(dst, p + 6, details.b(i));
        }
        return length;
    }
}
