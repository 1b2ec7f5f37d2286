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
 *  |        code text len (u16)    | decl. len (v2)| cont. len (v2)|
 *  +-------------------------------+---------------+---------------+
 *  | gate id (ASCII, 1..32) | product (UTF-8, 0..64: 0 = not supplied) | code text (ASCII, 1..1024)
 *  | declaration no. (v2: 0 or 18 ASCII digits) | container no. (v2: 0 or 11 ASCII, ISO 6346) ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Version 1 has neither the two length bytes nor the two fields: its variable part starts right
 * after the code text length. The frame's length must equal the fixed part plus the variable
 * lengths exactly.
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
    /** Where version 1's variable part starts. */
    public static final int VARIABLE_OFFSET = CODE_LENGTH_OFFSET + 2;
    /** Version 2 only: length of the declaration number (0 or 18). */
    public static final int DECLARATION_LENGTH_OFFSET = CODE_LENGTH_OFFSET + 2;
    /** Version 2 only: length of the container number (0 or 11). */
    public static final int CONTAINER_LENGTH_OFFSET = DECLARATION_LENGTH_OFFSET + 1;
    /** Where version 2's variable part starts. */
    public static final int VARIABLE_OFFSET_V2 = CONTAINER_LENGTH_OFFSET + 1;
    public static final int MAX_GATE = 32;
    public static final int MAX_PRODUCT = 64;
    public static final int MAX_CODE = 1024;
    /** A declaration number, when given, has exactly this many bytes. */
    public static final int DECLARATION_LENGTH = 18;
    /** A container number, when given, has exactly this many bytes. */
    public static final int CONTAINER_LENGTH = 11;
    /** Largest possible request frame (version 2). */
    public static final int MAX_FRAME = VARIABLE_OFFSET_V2 + MAX_GATE + MAX_PRODUCT + MAX_CODE + DECLARATION_LENGTH
            + CONTAINER_LENGTH;

    private byte[] buf;
    private int off;
    private int version;

    /**
     * Points at a whole frame whose header was checked; returns {@link GateFrame#OK} or an error
     * code. Checks the lengths and that the gate id is printable ASCII; the content of the code,
     * the exporter, the declaration and the container number is the server's to judge (a HOLD
     * for that request alone).
     */
    public int wrap(byte[] buffer, int offset, int frameLength) {
        this.buf = buffer;
        this.off = offset;
        this.version = frameLength > GateFrame.VERSION_OFFSET ? GateFrame.version(buffer, offset) : GateFrame.VERSION;
        if (frameLength < variableOffset()) {
            return GateFrame.ERROR_MALFORMED;
        }
        int gate = gateIdLength();
        int product = productLength();
        int code = codeLength();
        int declaration = declarationLength();
        int container = containerLength();
        if (gate < 1 || gate > MAX_GATE || product > MAX_PRODUCT || code < 1 || code > MAX_CODE
                || (declaration != 0 && declaration != DECLARATION_LENGTH)
                || (container != 0 && container != CONTAINER_LENGTH)
                || frameLength != variableOffset() + gate + product + code + declaration + container) {
            return GateFrame.ERROR_MALFORMED;
        }
        if (!Bytes.printable(buf, gateIdOffset(), gate)) {
            return GateFrame.ERROR_MALFORMED;
        }
        // The code text, the exporter and the shipment numbers are what a scanner or an operator
        // typed: bytes outside their alphabet make this one request HOLD (INVALID_REQUEST or
        // MALFORMED_CODE), not the frame malformed, so one bad scan does not close the
        // connection under its neighbours.
        return GateFrame.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    /** The frame's version: 1 or 2. */
    public int version() {
        return version;
    }

    private int variableOffset() {
        return version >= GateFrame.VERSION_2 ? VARIABLE_OFFSET_V2 : VARIABLE_OFFSET;
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

    /** Bytes of the declaration number: 0 (none, and always in version 1) or 18. */
    public int declarationLength() {
        return version >= GateFrame.VERSION_2 ? buf[off + DECLARATION_LENGTH_OFFSET] & 0xff : 0;
    }

    /** Bytes of the container number: 0 (none, and always in version 1) or 11. */
    public int containerLength() {
        return version >= GateFrame.VERSION_2 ? buf[off + CONTAINER_LENGTH_OFFSET] & 0xff : 0;
    }

    public int gateIdOffset() {
        return off + variableOffset();
    }

    public int productOffset() {
        return gateIdOffset() + gateIdLength();
    }

    public int codeOffset() {
        return productOffset() + productLength();
    }

    public int declarationOffset() {
        return codeOffset() + codeLength();
    }

    public int containerOffset() {
        return declarationOffset() + declarationLength();
    }

    /**
     * Encodes a version 1 request; returns the frame length.
     *
     * @param exporter 18 ASCII bytes
     * @param product  may be null or empty (not supplied)
     */
    public static int encode(byte[] dst, int off, long requestId, int lane, byte[] exporter, byte[] gateId,
                             byte[] product, byte[] code) {
        return encode(dst, off, GateFrame.VERSION, requestId, lane, exporter, gateId, product, code, null, null);
    }

    /**
     * Encodes a version 2 request; returns the frame length.
     *
     * @param declaration null or 18 ASCII digits
     * @param container   null or 11 ASCII characters
     */
    public static int encodeV2(byte[] dst, int off, long requestId, int lane, byte[] exporter, byte[] gateId,
                               byte[] product, byte[] code, byte[] declaration, byte[] container) {
        return encode(dst, off, GateFrame.VERSION_2, requestId, lane, exporter, gateId, product, code, declaration,
                container);
    }

    /** Bytes a request with these field lengths takes on the wire. */
    public static int frameLength(int version, int gate, int product, int code, int declaration, int container) {
        return (version >= GateFrame.VERSION_2 ? VARIABLE_OFFSET_V2 + declaration + container : VARIABLE_OFFSET)
                + gate + product + code;
    }

    private static int encode(byte[] dst, int off, int version, long requestId, int lane, byte[] exporter, byte[] gateId,
                              byte[] product, byte[] code, byte[] declaration, byte[] container) {
        int productLen = product == null ? 0 : product.length;
        int declLen = declaration == null ? 0 : declaration.length;
        int contLen = container == null ? 0 : container.length;
        if (exporter.length != EXPORTER_LENGTH || gateId.length < 1 || gateId.length > MAX_GATE
                || productLen > MAX_PRODUCT || code.length < 1 || code.length > MAX_CODE || lane < 0 || lane > 0xffff
                || (declLen != 0 && declLen != DECLARATION_LENGTH) || (contLen != 0 && contLen != CONTAINER_LENGTH)) {
            throw new IllegalArgumentException("request fields out of range: exporter 18, gate 1.." + MAX_GATE
                    + ", product 0.." + MAX_PRODUCT + ", code 1.." + MAX_CODE + ", lane 0..65535, declaration 0 or 18"
                    + ", container 0 or 11");
        }
        int length = frameLength(version, gateId.length, productLen, code.length, declLen, contLen);
        GateFrame.writeHeader(dst, off, length, version, GateFrame.TYPE_VERIFY_REQUEST, requestId);
        Bytes.putU16(dst, off + LANE_OFFSET, lane);
        System.arraycopy(exporter, 0, dst, off + EXPORTER_OFFSET, EXPORTER_LENGTH);
        dst[off + GATE_LENGTH_OFFSET] = (byte) gateId.length;
        dst[off + PRODUCT_LENGTH_OFFSET] = (byte) productLen;
        Bytes.putU16(dst, off + CODE_LENGTH_OFFSET, code.length);
        int p = off + VARIABLE_OFFSET;
        if (version >= GateFrame.VERSION_2) {
            dst[off + DECLARATION_LENGTH_OFFSET] = (byte) declLen;
            dst[off + CONTAINER_LENGTH_OFFSET] = (byte) contLen;
            p = off + VARIABLE_OFFSET_V2;
        }
        System.arraycopy(gateId, 0, dst, p, gateId.length);
        p += gateId.length;
        if (productLen > 0) {
            System.arraycopy(product, 0, dst, p, productLen);
            p += productLen;
        }
        System.arraycopy(code, 0, dst, p, code.length);
        p += code.length;
        if (declLen > 0) {
            System.arraycopy(declaration, 0, dst, p, declLen);
            p += declLen;
        }
        if (contLen > 0) {
            System.arraycopy(container, 0, dst, p, contLen);
        }
        return length;
    }
}
