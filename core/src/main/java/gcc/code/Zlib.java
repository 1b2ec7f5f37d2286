package gcc.code;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The zlib (RFC 1950) layer of a code. Inflation stops at a caller's cap, so a zlib bomb costs at
 * most that many bytes, and rejects preset dictionaries, truncated streams and trailing bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class Zlib {
    private Zlib() {
    }

    /** Deflates with the best compression and the zlib wrapper. */
    public static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 32);
            byte[] buf = new byte[256];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** True if {@code in} starts with a valid zlib header (deflate, 32K window or less, no dictionary). */
    public static boolean hasHeader(byte[] in) {
        return hasHeader(in, 0, in.length);
    }

    /** True if {@code in[off, off+len)} starts with a valid zlib header. */
    public static boolean hasHeader(byte[] in, int off, int len) {
        if (len < 2) {
            return false;
        }
        int cmf = in[off] & 0xff;
        int flg = in[off + 1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0 && (flg & 0x20) == 0;
    }

    /**
     * Inflates the whole zlib stream {@code in[off, off+len)} into {@code out} (at least
     * {@code maxOut + 1} bytes long, so an oversized stream is seen) with the caller's
     * {@code inflater}, which is reset first and may be reused. Returns the inflated length,
     * at most {@code maxOut}; rejects what {@link #inflate(byte[], int)} rejects. Allocation-free
     * unless the stream is malformed.
     */
    public static int inflate(byte[] in, int off, int len, int maxOut, Inflater inflater, byte[] out)
            throws MalformedCodeException {
        if (out.length <= maxOut) {
            throw new IllegalArgumentException("output buffer needs maxOut + 1 bytes");
        }
        if (!hasHeader(in, off, len)) {
            throw new MalformedCodeException("not a zlib stream");
        }
        inflater.reset();
        try {
            inflater.setInput(in, off, len);
            int n = 0;
            while (!inflater.finished()) {
                if (n == maxOut + 1) {
                    throw new MalformedCodeException("inflated code larger than " + maxOut + " bytes");
                }
                int k = inflater.inflate(out, n, maxOut + 1 - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedCodeException("truncated zlib stream");
                }
                n += k;
            }
            if (n > maxOut) {
                throw new MalformedCodeException("inflated code larger than " + maxOut + " bytes");
            }
            if (inflater.getRemaining() != 0) {
                throw new MalformedCodeException("bytes after the zlib stream");
            }
            return n;
        } catch (DataFormatException e) {
            throw new MalformedCodeException("corrupt zlib stream");
        } finally {
            // Drop the reference to the caller's input and free the window state for the next use.
            inflater.reset();
        }
    }

    /** Inflates a whole zlib stream whose output must not exceed {@code maxOut} bytes. */
    public static byte[] inflate(byte[] in, int maxOut) throws MalformedCodeException {
        if (!hasHeader(in)) {
            throw new MalformedCodeException("not a zlib stream");
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            byte[] out = new byte[Math.min(maxOut + 1, Math.max(64, in.length * 4))];
            int n = 0;
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length > maxOut) {
                        throw new MalformedCodeException("inflated code larger than " + maxOut + " bytes");
                    }
                    out = java.util.Arrays.copyOf(out, Math.min(maxOut + 1, out.length * 2));
                }
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new MalformedCodeException("truncated zlib stream");
                }
                n += k;
            }
            if (n > maxOut) {
                throw new MalformedCodeException("inflated code larger than " + maxOut + " bytes");
            }
            if (inf.getRemaining() != 0) {
                throw new MalformedCodeException("bytes after the zlib stream");
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new MalformedCodeException("corrupt zlib stream");
        } finally {
            inf.end();
        }
    }
}
