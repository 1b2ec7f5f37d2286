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
 * Outcome: 1 RELEASE, 2 HOLD, 3 BUSY ("not decided: retry or send to the manual lane", never a
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
    public static final int MAX_FRAME = REPORT_ID_OFFSET + MAX_REPORT_ID;

    public static final int RELEASE = 1;
    public static final int HOLD = 2;
    public static final int BUSY = 3;

    private byte[] buf;
    private int off;

    public int wrap(byte[] buffer, int offset, int frameLength) {
        this.buf = buffer;
        this.off = offset;
        if (frameLength < REPORT_ID_OFFSET) {
            return GateFrame.ERROR_MALFORMED;
        }
        int rid = reportIdLength();
        int outcome = outcome();
        if (rid > MAX_REPORT_ID || frameLength != REPORT_ID_OFFSET + rid || outcome < RELEASE || outcome > BUSY
                || !Bytes.printable(buf, off + REPORT_ID_OFFSET, rid)) {
            return GateFrame.ERROR_MALFORMED;
        }
        return GateFrame.OK;
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

    /** Encodes a response; returns the frame length. */
    public static int encode(byte[] dst, int off, long requestId, int outcome, long reasons, long micros,
                             byte[] reportId, int ridOff, int ridLen) {
        int len = Math.min(ridLen, MAX_REPORT_ID);
        int length = REPORT_ID_OFFSET + len;
        GateFrame.writeHeader(dst, off, length, GateFrame.TYPE_VERIFY_RESPONSE, requestId);
        dst[off + OUTCOME_OFFSET] = (byte) outcome;
        dst[off + REPORT_ID_LENGTH_OFFSET] = (byte) len;
        Bytes.putU16(dst, off + RESERVED_OFFSET, 0);
        Bytes.putU32(dst, off + MICROS_OFFSET, Math.max(0, Math.min(0xffffffffL, micros)));
        Bytes.putU64(dst, off + REASONS_OFFSET, reasons);
        if (len > 0) {
            System.arraycopy(reportId, ridOff, dst, off + REPORT_ID_OFFSET, len);
        }
        return length;
    }
}
