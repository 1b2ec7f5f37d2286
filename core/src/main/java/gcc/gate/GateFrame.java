package gcc.gate;

/**
 * The frame header every gate frame starts with, and the protocol's constants.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          length: bytes that follow this field (u32)           |
 *  +-------------------------------+---------------+---------------+
 *  |        magic 0x47 0x43 "GC"   |  version 1|2  |     type      |
 *  +-------------------------------+---------------+---------------+
 *  |                  request id (u64, chosen by the client)       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  body (depends on type)                     ...
 *  +---------------------------------------------------------------+
 * </pre>
 * All integers are big-endian. A receiver reads the length, checks it against its maximum frame
 * size before reading on, then checks magic, version and type. Version 2 adds the declaration
 * link to VERIFY_REQUEST and per-reason details to VERIFY_RESPONSE; every other frame is the same
 * in both versions, and a server answers a request in the version it was asked in.
 */
public final class GateFrame {
    public static final int LENGTH_OFFSET = 0;
    public static final int MAGIC_OFFSET = 4;
    public static final int VERSION_OFFSET = 6;
    public static final int TYPE_OFFSET = 7;
    public static final int REQUEST_ID_OFFSET = 8;
    public static final int BODY_OFFSET = 16;
    /** Bytes of the length field. */
    public static final int LENGTH_FIELD = 4;
    /** Smallest value of the length field: magic, version, type and request id. */
    public static final int MIN_LENGTH = BODY_OFFSET - LENGTH_FIELD;
    public static final int MAGIC = 0x4743;
    /** The first version: what a v1 gate sends and is answered in. */
    public static final int VERSION = 1;
    /** Version 2: declaration and container number in the request, reason details in the answer. */
    public static final int VERSION_2 = 2;
    /** The newest version this code reads. */
    public static final int MAX_VERSION = VERSION_2;
    /** Default largest frame (length field included) a server accepts. */
    public static final int DEFAULT_MAX_FRAME = 4096;

    public static final int TYPE_VERIFY_REQUEST = 1;
    public static final int TYPE_VERIFY_RESPONSE = 2;
    public static final int TYPE_PROTOCOL_ERROR = 3;
    public static final int TYPE_PING = 4;
    public static final int TYPE_PONG = 5;

    /** Validation result: the frame is well formed. */
    public static final int OK = 0;
    public static final int ERROR_MALFORMED = 1;
    public static final int ERROR_FRAME_TOO_LARGE = 2;
    public static final int ERROR_UNSUPPORTED_VERSION = 3;
    public static final int ERROR_UNKNOWN_TYPE = 4;
    public static final int ERROR_BAD_MAGIC = 5;

    private GateFrame() {
    }

    /** Checks magic, version and type of the frame at {@code off} (whole frame of {@code frameLength} bytes present). */
    public static int checkHeader(byte[] b, int off, int frameLength) {
        if (frameLength < BODY_OFFSET || Bytes.u32(b, off) != frameLength - LENGTH_FIELD) {
            return ERROR_MALFORMED;
        }
        if (Bytes.u16(b, off + MAGIC_OFFSET) != MAGIC) {
            return ERROR_BAD_MAGIC;
        }
        int version = b[off + VERSION_OFFSET] & 0xff;
        if (version < VERSION || version > MAX_VERSION) {
            return ERROR_UNSUPPORTED_VERSION;
        }
        int type = b[off + TYPE_OFFSET] & 0xff;
        return type >= TYPE_VERIFY_REQUEST && type <= TYPE_PONG ? OK : ERROR_UNKNOWN_TYPE;
    }

    public static int type(byte[] b, int off) {
        return b[off + TYPE_OFFSET] & 0xff;
    }

    /** The version byte (1 or 2 once {@link #checkHeader} said OK). */
    public static int version(byte[] b, int off) {
        return b[off + VERSION_OFFSET] & 0xff;
    }

    public static long requestId(byte[] b, int off) {
        return Bytes.u64(b, off + REQUEST_ID_OFFSET);
    }

    /** Writes a version 1 header for a frame of {@code frameLength} bytes in all; returns the body offset. */
    public static int writeHeader(byte[] b, int off, int frameLength, int type, long requestId) {
        return writeHeader(b, off, frameLength, VERSION, type, requestId);
    }

    /** Writes a header of {@code version} for a frame of {@code frameLength} bytes in all; returns the body offset. */
    public static int writeHeader(byte[] b, int off, int frameLength, int version, int type, long requestId) {
        Bytes.putU32(b, off, frameLength - LENGTH_FIELD);
        Bytes.putU16(b, off + MAGIC_OFFSET, MAGIC);
        b[off + VERSION_OFFSET] = (byte) version;
        b[off + TYPE_OFFSET] = (byte) type;
        Bytes.putU64(b, off + REQUEST_ID_OFFSET, requestId);
        return off + BODY_OFFSET;
    }

    /** A version 1 PING or PONG frame (header only); returns its length (16). */
    public static int encodeEmpty(byte[] b, int off, int type, long requestId) {
        return encodeEmpty(b, off, VERSION, type, requestId);
    }

    /** A PING or PONG frame of {@code version} (a PONG echoes its PING's version); returns its length (16). */
    public static int encodeEmpty(byte[] b, int off, int version, int type, long requestId) {
        writeHeader(b, off, BODY_OFFSET, version, type, requestId);
        return BODY_OFFSET;
    }

    /** Name of an error code, for messages. */
    public static String errorName(int code) {
        switch (code) {
            case OK:
                return "ok";
            case ERROR_MALFORMED:
                return "malformed frame";
            case ERROR_FRAME_TOO_LARGE:
                return "frame too large";
            case ERROR_UNSUPPORTED_VERSION:
                return "unsupported version";
            case ERROR_UNKNOWN_TYPE:
                return "unknown frame type";
            case ERROR_BAD_MAGIC:
                return "bad magic";
            default:
                return "error " + code;
        }
    }
}
