package gcc.gate;

/**
 * VERIFY_REQUEST (type 1): a gate asks for a decision.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    frame header (16 bytes)                    |
 *  +-------------------------------+-------------------------------+
 *  |          lane (u16)           |                               |
 *  +-------------------------------+                               +
 *  |          declared exporter USCC: 18 ASCII characters          |
 *  +                               +---------------+---------------+
 *  |                               | gate id len   | product len   |
 *  +-------------------------------+---------------+---------------+
 *  |        code text len (u16)    | gate id (ASCII, 1..32)      ...
 *  +-------------------------------+-------------------------------+
 *  | product (UTF-8, 0..64: 0 = not supplied) ...| code text (ASCII, 1..1024) ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The frame's length must equal the fixed part plus the three variable lengths exactly.
 *
 * <p>A flyweight: {@link #wrap} points it at a frame in a buffer without copying; getters read in
 * place. Not thread-safe; one per thread.
 */
public final class VerifyRequest {
    public static final int LANE_OFFSET = GateFrame.BODY_OFFSET;
    public static final int EXPORTER_OFFSET = LANE_OFFSET + 2;
    public static final int EXPORTER_LENGTH = 18;
    public static final int GATE_LENGTH_OFFSET = EXPORTER_OFFSET + EXPORTER_LENGTH;
    public static final int PRODUCT_LENGTH_OFFSET = GATE_LENGTH_OFFSET + 1;
    public static final int CODE_LENGTH_OFFSET = PRODUCT_LENGTH_OFFSET + 1;
    public static final int VARIABLE_OFFSET = CODE_LENGTH_OFFSET + 2;
    public static final int MAX_GATE = 32;
    public static final int MAX_PRODUCT = 64;
    public static final int MAX_CODE = 1024;
    /** Largest possible request frame. */
    public static final int MAX_FRAME = VARIABLE_OFFSET + MAX_GATE + MAX_PRODUCT + MAX_CODE;

    private byte[] buf;
    private int off;

    /**
     * Points at a whole frame whose header was checked; returns {@link GateFrame#OK} or an error
     * code. Checks the lengths and that the gate id is printable ASCII; the content of the code
     * and the exporter is the verifier's to judge (a HOLD for that request alone).
     */
    public int wrap(byte[] buffer, int offset, int frameLength) {
        this.buf = buffer;
        this.off = offset;
        if (frameLength < VARIABLE_OFFSET) {
            return GateFrame.ERROR_MALFORMED;
        }
        int gate = gateIdLength();
        int product = productLength();
        int code = codeLength();
        if (gate < 1 || gate > MAX_GATE || product > MAX_PRODUCT || code < 1 || code > MAX_CODE
                || frameLength != VARIABLE_OFFSET + gate + product + code) {
            return GateFrame.ERROR_MALFORMED;
        }
        if (!Bytes.printable(buf, gateIdOffset(), gate)) {
            return GateFrame.ERROR_MALFORMED;
        }
        // The code text and the exporter are what a scanner or an operator typed: bytes outside
        // printable ASCII there make this one request HOLD (the verifier refuses them), not the
        // frame malformed, so one bad scan does not close the connection under its neighbours.
        return GateFrame.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    public long requestId() {
        return GateFrame.requestId(buf, off);
    }

    public int lane() {
        return Bytes.u16(buf, off + LANE_OFFSET);
    }

    public int exporterOffset() {
        return off + EXPORTER_OFFSET;
    }

    public int gateIdLength() {
        return buf[off + GATE_LENGTH_OFFSET] & 0xff;
    }

    public int productLength() {
        return buf[off + PRODUCT_LENGTH_OFFSET] & 0xff;
    }

    public int codeLength() {
        return Bytes.u16(buf, off + CODE_LENGTH_OFFSET);
    }

    public int gateIdOffset() {
        return off + VARIABLE_OFFSET;
    }

    public int productOffset() {
        return gateIdOffset() + gateIdLength();
    }

    public int codeOffset() {
        return productOffset() + productLength();
    }

    /**
     * Encodes a request; returns the frame length.
     *
     * @param exporter 18 ASCII bytes
     * @param product  may be null or empty (not supplied)
     */
    public static int encode(byte[] dst, int off, long requestId, int lane, byte[] exporter, byte[] gateId,
                             byte[] product, byte[] code) {
        int productLen = product == null ? 0 : product.length;
        if (exporter.length != EXPORTER_LENGTH || gateId.length < 1 || gateId.length > MAX_GATE
                || productLen > MAX_PRODUCT || code.length < 1 || code.length > MAX_CODE || lane < 0 || lane > 0xffff) {
            throw new IllegalArgumentException("request fields out of range: exporter 18, gate 1.." + MAX_GATE
                    + ", product 0.." + MAX_PRODUCT + ", code 1.." + MAX_CODE + ", lane 0..65535");
        }
        int length = VARIABLE_OFFSET + gateId.length + productLen + code.length;
        GateFrame.writeHeader(dst, off, length, GateFrame.TYPE_VERIFY_REQUEST, requestId);
        Bytes.putU16(dst, off + LANE_OFFSET, lane);
        System.arraycopy(exporter, 0, dst, off + EXPORTER_OFFSET, EXPORTER_LENGTH);
        dst[off + GATE_LENGTH_OFFSET] = (byte) gateId.length;
        dst[off + PRODUCT_LENGTH_OFFSET] = (byte) productLen;
        Bytes.putU16(dst, off + CODE_LENGTH_OFFSET, code.length);
        int p = off + VARIABLE_OFFSET;
        System.arraycopy(gateId, 0, dst, p, gateId.length);
        p += gateId.length;
        if (productLen > 0) {
            System.arraycopy(product, 0, dst, p, productLen);
            p += productLen;
        }
        System.arraycopy(code, 0, dst, p, code.length);
        return length;
    }
}
