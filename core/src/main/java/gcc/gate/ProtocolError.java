package gcc.gate;

import java.nio.charset.StandardCharsets;

/**
 * PROTOCOL_ERROR (type 3): the server could not read a frame; it sends this and closes the
 * connection. The request id is the offending frame's when its header was readable, else 0.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    frame header (16 bytes)                    |
 *  +-------------------------------+-------------------------------+
 *  |        error code (u16)       |     message length (u16)      |
 *  +-------------------------------+-------------------------------+
 *  |                   message (ASCII, 0..200)                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Codes: 1 malformed frame, 2 frame too large, 3 unsupported version, 4 unknown frame type,
 * 5 bad magic.
 */
public final class ProtocolError {
    public static final int CODE_OFFSET = GateFrame.BODY_OFFSET;
    public static final int MESSAGE_LENGTH_OFFSET = CODE_OFFSET + 2;
    public static final int MESSAGE_OFFSET = MESSAGE_LENGTH_OFFSET + 2;
    public static final int MAX_MESSAGE = 200;

    private ProtocolError() {
    }

    /** Encodes an error frame; returns its length. */
    public static int encode(byte[] dst, int off, long requestId, int code, String message) {
        byte[] m = message.getBytes(StandardCharsets.US_ASCII);
        int len = Math.min(m.length, MAX_MESSAGE);
        int length = MESSAGE_OFFSET + len;
        GateFrame.writeHeader(dst, off, length, GateFrame.TYPE_PROTOCOL_ERROR, requestId);
        Bytes.putU16(dst, off + CODE_OFFSET, code);
        Bytes.putU16(dst, off + MESSAGE_LENGTH_OFFSET, len);
        System.arraycopy(m, 0, dst, off + MESSAGE_OFFSET, len);
        return length;
    }

    public static int code(byte[] b, int off) {
        return Bytes.u16(b, off + CODE_OFFSET);
    }

    /** The message, or null if the frame's lengths disagree. */
    public static String message(byte[] b, int off, int frameLength) {
        if (frameLength < MESSAGE_OFFSET) {
            return null;
        }
        int len = Bytes.u16(b, off + MESSAGE_LENGTH_OFFSET);
        if (frameLength != MESSAGE_OFFSET + len) {
            return null;
        }
        return new String(b, off + MESSAGE_OFFSET, len, StandardCharsets.US_ASCII);
    }
}
