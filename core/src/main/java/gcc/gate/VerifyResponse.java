package gcc.gate;

import gcc.decision.Findings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * VERIFY_RESPONSE (type 2): the server's answer, carrying the request's id.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    frame header (16 bytes)                    |
 *  +---------------+---------------+-------------------------------+
 *  |   outcome     | report id len | v1: reserved (0); v2: detail bytes (u16) |
 *  +---------------+---------------+-------------------------------+
 *  |              server decision time, microseconds (u32)         |
 *  +---------------------------------------------------------------+
 *  |           reasons: bit n set = reason code n (u64)            |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          report id (ASCII, 0..32: 0 = unknown)              ...
 *  +---------------------------------------------------------------+
 *  |          v2 only: reason details ({@link ReasonDetails}, 0..336 bytes) ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A server answers in the version it was asked in: a v1 request gets exactly the v1 frame.
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
    /** The detail length field of a version 2 answer (the reserved field of version 1). */
    public static final int DETAIL_LENGTH_OFFSET = RESERVED_OFFSET;
    /** Largest possible answer (version 2 with every detail entry full). */
    public static final int MAX_FRAME = REPORT_ID_OFFSET + MAX_REPORT_ID + ReasonDetails.MAX_BYTES;

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
        int details = detailLength();
        if (rid > MAX_REPORT_ID || details > ReasonDetails.MAX_BYTES || frameLength != REPORT_ID_OFFSET + rid + details
                || outcome < RELEASE || outcome > BUSY || !Bytes.printable(buf, off + REPORT_ID_OFFSET, rid)) {
            return GateFrame.ERROR_MALFORMED;
        }
        int p = detailOffset();
        int end = p + details;
        int entries = 0;
        while (p < end) {
            if (end - p < ReasonDetails.REF_OFFSET) {
                return GateFrame.ERROR_MALFORMED;
            }
            int ref = buf[p + ReasonDetails.REF_LENGTH_OFFSET] & 0xff;
            if (ref > ReasonDetails.MAX_REF || p + ReasonDetails.REF_OFFSET + ref > end || ++entries > ReasonDetails.MAX_ENTRIES
                    || !Bytes.printable(buf, p + ReasonDetails.REF_OFFSET, ref)) {
                return GateFrame.ERROR_MALFORMED;
            }
            p += ReasonDetails.REF_OFFSET + ref;
        }
        return GateFrame.OK;
    }

    /** The frame's version: 1 or 2. */
    public int version() {
        return GateFrame.version(buf, off);
    }

    /** Bytes of reason details (always 0 in version 1, where the field is reserved). */
    public int detailLength() {
        return version() >= GateFrame.VERSION_2 ? Bytes.u16(buf, off + DETAIL_LENGTH_OFFSET) : 0;
    }

    public int detailOffset() {
        return off + REPORT_ID_OFFSET + reportIdLength();
    }

    /** The reason details of a wrapped, valid answer, decoded (allocates; empty for version 1). */
    public List<ReasonDetail> details() {
        List<ReasonDetail> out = new ArrayList<>();
        int p = detailOffset();
        int end = p + detailLength();
        while (p < end) {
            int ref = buf[p + ReasonDetails.REF_LENGTH_OFFSET] & 0xff;
            out.add(new ReasonDetail(buf[p + ReasonDetails.REASON_OFFSET] & 0xff, (int) Bytes.u32(buf, p + ReasonDetails.ITEMS_OFFSET),
                    (int) Bytes.u32(buf, p + ReasonDetails.SINCE_OFFSET),
                    new String(buf, p + ReasonDetails.REF_OFFSET, ref, StandardCharsets.US_ASCII)));
            p += ReasonDetails.REF_OFFSET + ref;
        }
        return out;
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
     * Encodes a response in {@code version}; returns the frame length. Version 2 carries the
     * details of {@code findings}' reasons ({@code null}: none, as for BUSY). Allocation-free.
     */
    public static int encode(byte[] dst, int off, int version, long requestId, int outcome, long reasons, long micros,
                             byte[] reportId, int ridOff, int ridLen, Findings findings) {
        int len = Math.min(ridLen, MAX_REPORT_ID);
        int details = version >= GateFrame.VERSION_2 && findings != null && reasons != 0
                ? ReasonDetails.write(dst, off + REPORT_ID_OFFSET + len, findings) : 0;
        int length = REPORT_ID_OFFSET + len + details;
        GateFrame.writeHeader(dst, off, length, version, GateFrame.TYPE_VERIFY_RESPONSE, requestId);
        dst[off + OUTCOME_OFFSET] = (byte) outcome;
        dst[off + REPORT_ID_LENGTH_OFFSET] = (byte) len;
        Bytes.putU16(dst, off + RESERVED_OFFSET, details);
        Bytes.putU32(dst, off + MICROS_OFFSET, Math.max(0, Math.min(0xffffffffL, micros)));
        Bytes.putU64(dst, off + REASONS_OFFSET, reasons);
        if (len > 0) {
            System.arraycopy(reportId, ridOff, dst, off + REPORT_ID_OFFSET, len);
        }
        return length;
    }
}
