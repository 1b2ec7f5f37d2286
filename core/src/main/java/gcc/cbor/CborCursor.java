package gcc.cbor;

/**
 * A forward cursor over CBOR in the one shape our own encoder writes, for allocation-free fast
 * paths. It accepts only shortest-form, definite-length heads with arguments below 2^32, a
 * strict subset of what {@link Cbor#decode} accepts; every read answers "not this shape" (-1)
 * rather than explaining why, so a caller that gets -1 falls back to {@link Cbor#decode}, which
 * rejects the input with its reason or accepts it. Never throws for bad input.
 *
 * <p>Not thread-safe: one per thread, re-aimed with {@link #wrap}.
 */
public final class CborCursor {
    private byte[] in;
    private int pos;
    private int end;

    /** Aims the cursor at {@code in[off, off+len)}. */
    public CborCursor wrap(byte[] in, int off, int len) {
        this.in = in;
        this.pos = off;
        this.end = off + len;
        return this;
    }

    public int position() {
        return pos;
    }

    /** True once every byte has been read. */
    public boolean atEnd() {
        return pos == end;
    }

    /**
     * Reads a head of major type {@code major} and returns its argument, or -1 if the next item
     * has another major type, a non-shortest or 8-byte argument, an indefinite length, or (for byte
     * and text strings) more bytes than remain. A string's content starts at {@link #position()}:
     * step over it with {@link #skip}.
     */
    public long head(int major) {
        if (pos >= end || (in[pos] & 0xff) >>> 5 != major) {
            return -1;
        }
        int ai = in[pos] & 0x1f;
        long v;
        int n;
        if (ai < 24) {
            v = ai;
            n = 1;
        } else if (ai == 24 && end - pos >= 2) {
            v = in[pos + 1] & 0xff;
            n = 2;
            if (v < 24) {
                return -1;
            }
        } else if (ai == 25 && end - pos >= 3) {
            v = ((in[pos + 1] & 0xff) << 8) | (in[pos + 2] & 0xff);
            n = 3;
            if (v < 0x100) {
                return -1;
            }
        } else if (ai == 26 && end - pos >= 5) {
            v = ((long) (in[pos + 1] & 0xff) << 24) | ((in[pos + 2] & 0xff) << 16) | ((in[pos + 3] & 0xff) << 8)
                    | (in[pos + 4] & 0xff);
            n = 5;
            if (v < 0x10000) {
                return -1;
            }
        } else {
            return -1;
        }
        if ((major == 2 || major == 3) && v > end - pos - n) {
            return -1;
        }
        pos += n;
        return v;
    }

    /** Steps over {@code n} bytes a string head announced (checked by {@link #head}). */
    public void skip(int n) {
        pos += n;
    }

    /** True if {@code in[off, off+len)} is printable ASCII (0x20..0x7e), which decodes the same as UTF-8 or Latin-1. */
    public static boolean printableAscii(byte[] in, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (in[i] < 0x20 || in[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
