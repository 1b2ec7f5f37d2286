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
 * Version 2 appends a trailer after the code text: declaration length (u8, 0..32), container
 * length (u8, 0..16), the declaration number, the container number (ASCII; 0 = not given). The
 * frame's length must equal the fixed part plus the variable lengths (and, in version 2, the
 * trailer) exactly. The references' shape (18 digits; ISO 6346) is judged by the server as a HOLD
 * for that request ({@link ShipmentRefs}), not here.
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
    /** Bounds of the version 2 trailer's fields on the wire (their valid shapes are shorter). */
    public static final int MAX_DECLARATION = 32;
    public static final int MAX_CONTAINER = 16;
    /** Bytes of the version 2 trailer's two length fields. */
    public static final int TRAILER_LENGTHS = 2;
    /** Largest possible request frame. */
    public static final int MAX_FRAME = VARIABLE_OFFSET + MAX_GATE + MAX_PRODUCT + MAX_CODE + TRAILER_LENGTHS
            + MAX_DECLARATION + MAX_CONTAINER;

    private byte[] buf;
    private int off;
    private int version;
    private int declarationLength;
    private int containerLength;

    /**
     * Points at a whole frame whose header was checked; returns {@link GateFrame#OK} or an error
     * code. Checks the lengths and that the gate id is printable ASCII; the content of the code
     * and the exporter is the verifier's to judge (a HOLD for that request alone).
     */
    public int wrap(byte[] buffer, int offset, int frameLength) {
        this.buf = buffer;
        this.off = offset;
        this.declarationLength = 0;
        this.containerLength = 0;
        if (frameLength < VARIABLE_OFFSET) {
            return GateFrame.ERROR_MALFORMED;
        }
        this.version = GateFrame.version(buffer, offset);
        int gate = gateIdLength();
        int product = productLength();
        int code = codeLength();
        if (gate < 1 || gate > MAX_GATE || product > MAX_PRODUCT || code < 1 || code > MAX_CODE) {
            return GateFrame.ERROR_MALFORMED;
        }
        int fixed = VARIABLE_OFFSET + gate + product + code;
        if (version >= GateFrame.VERSION_2) {
            if (frameLength < fixed + TRAILER_LENGTHS) {
                return GateFrame.ERROR_MALFORMED;
            }
            int decl = buf[off + fixed] & 0xff;
            int container = buf[off + fixed + 1] & 0xff;
            if (decl > MAX_DECLARATION || container > MAX_CONTAINER
                    || frameLength != fixed + TRAILER_LENGTHS + decl + container) {
                return GateFrame.ERROR_MALFORMED;
            }
            declarationLength = decl;
            containerLength = container;
        } else if (frameLength != fixed) {
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

    /** The frame's version (1 or 2); the answer is written in the same version. */
    public int version() {
        return version;
    }

    /** 0 when not given (always in version 1). */
    public int declarationLength() {
        return declarationLength;
    }

    public int declarationOffset() {
        return codeOffset() + codeLength() + TRAILER_LENGTHS;
    }

    /** 0 when not given (always in version 1). */
    public int containerLength() {
        return containerLength;
    }

    public int containerOffset() {
        return declarationOffset() + declarationLength;
    }

    /**
     * Encodes a version 2 request carrying a declaration and/or container number (either may be
     * null or empty: not given); returns the frame length. Their shape is not checked here: a gate
     * SDK checks it with {@link ShipmentRefs} before sending, the server in any case.
     */
    public static int encode(byte[] dst, int off, long requestId, int lane, byte[] exporter, byte[] gateId,
                             byte[] product, byte[] code, byte[] declaration, byte[] container) {
        int decl = declaration == null ? 0 : declaration.length;
        int cont = container == null ? 0 : container.length;
        if (decl > MAX_DECLARATION || cont > MAX_CONTAINER) {
            throw new IllegalArgumentException("declaration 0.." + MAX_DECLARATION + " and container 0.." + MAX_CONTAINER
                    + " bytes");
        }
        int p = off + encode(dst, off, requestId, lane, exporter, gateId, product, code);
        dst[p++] = (byte) decl;
        dst[p++] = (byte) cont;
        if (decl > 0) {
            System.arraycopy(declaration, 0, dst, p, decl);
            p += decl;
        }
        if (cont > 0) {
            System.arraycopy(container, 0, dst, p, cont);
            p += cont;
        }
        int length = p - off;
        GateFrame.writeHeader(dst, off, length, GateFrame.TYPE_VERIFY_REQUEST, requestId, GateFrame.VERSION_2);
        return length;
    }

    /**
     * Encodes a version 1 request; returns the frame length.
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
