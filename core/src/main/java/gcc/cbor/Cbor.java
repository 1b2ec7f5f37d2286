package gcc.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic CBOR encoding and strict decoding over a small value model.
 *
 * <p>Value model, both directions: {@link Long} (also accepts {@link Integer} when encoding)
 * for major types 0 and 1; {@code byte[]} for byte strings; {@link String} for text strings;
 * {@link List} for arrays; {@link Map} for maps (keys {@code Long} or {@code String});
 * {@link Boolean}; {@link #NULL}; {@link CborTag}.
 *
 * <p>The encoder follows RFC 8949 section 4.2.1: shortest argument encoding, definite lengths
 * only, map keys sorted by the bytewise order of their encodings. The decoder accepts only what
 * this encoder could have produced (so one value has one encoding and a signed payload cannot be
 * re-shaped): it rejects indefinite lengths, non-shortest arguments, unsorted or duplicate map
 * keys, floating point and undefined simple values, integers outside the {@code long} range,
 * invalid UTF-8, trailing bytes, and anything over its {@link CborLimits}.
 *
 * <p>Stateless and thread-safe. Decoding allocates the value tree; it is used only off the
 * memo-hit hot path.
 */
public final class Cbor {

    /** The CBOR {@code null} simple value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Cbor() {
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes a value tree deterministically. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            long v = ((Number) value).longValue();
            if (v >= 0) {
                writeHead(out, 0, v);
            } else {
                writeHead(out, 1, -1 - v);
            }
        } else if (value instanceof byte[] b) {
            writeHead(out, 2, b.length);
            out.write(b, 0, b.length);
        } else if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeHead(out, 3, b.length);
            out.write(b, 0, b.length);
        } else if (value instanceof List<?> list) {
            writeHead(out, 4, list.size());
            for (Object o : list) {
                write(out, o);
            }
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map);
        } else if (value instanceof CborTag tag) {
            writeHead(out, 6, tag.tag());
            write(out, tag.value());
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (value == NULL) {
            out.write(0xf6);
        } else {
            throw new IllegalArgumentException("cannot encode " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void writeMap(ByteArrayOutputStream out, Map<?, ?> map) {
        byte[][] keys = new byte[map.size()][];
        byte[][] values = new byte[map.size()][];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            keys[i] = encode(e.getKey());
            values[i] = encode(e.getValue());
            i++;
        }
        Integer[] order = new Integer[keys.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        writeHead(out, 5, keys.length);
        for (int k = 0; k < order.length; k++) {
            if (k > 0 && Arrays.equals(keys[order[k]], keys[order[k - 1]])) {
                throw new IllegalArgumentException("duplicate map key");
            }
            out.write(keys[order[k]], 0, keys[order[k]].length);
            out.write(values[order[k]], 0, values[order[k]].length);
        }
    }

    /** Writes a major type and argument in the shortest form. */
    public static void writeHead(ByteArrayOutputStream out, int major, long arg) {
        int mt = major << 5;
        if (arg >= 0 && arg < 24) {
            out.write(mt | (int) arg);
        } else if (arg >= 0 && arg < 0x100) {
            out.write(mt | 24);
            out.write((int) arg);
        } else if (arg >= 0 && arg < 0x10000) {
            out.write(mt | 25);
            out.write((int) (arg >>> 8));
            out.write((int) arg);
        } else if (arg >= 0 && arg < 0x1_0000_0000L) {
            out.write(mt | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (arg >>> s));
            }
        } else {
            out.write(mt | 27);
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (arg >>> s));
            }
        }
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes exactly one value that must span all of {@code in}. */
    public static Object decode(byte[] in, CborLimits limits) throws CborException {
        return decode(in, 0, in.length, limits);
    }

    /** Decodes exactly one value that must span {@code in[off, off+len)}. */
    public static Object decode(byte[] in, int off, int len, CborLimits limits) throws CborException {
        if (off < 0 || len < 0 || off + len > in.length) {
            throw new IllegalArgumentException("range outside array");
        }
        Reader r = new Reader(in, off, off + len, limits);
        Object v = r.value(1);
        if (r.pos != r.end) {
            throw new CborException("trailing bytes after CBOR value");
        }
        return v;
    }

    private static final class Reader {
        private final byte[] in;
        private final int end;
        private final CborLimits limits;
        private int pos;

        Reader(byte[] in, int pos, int end, CborLimits limits) {
            this.in = in;
            this.pos = pos;
            this.end = end;
            this.limits = limits;
        }

        Object value(int depth) throws CborException {
            if (depth > limits.maxDepth()) {
                throw new CborException("nesting deeper than " + limits.maxDepth());
            }
            int ib = u8();
            int major = ib >>> 5;
            int ai = ib & 0x1f;
            if (major == 7) {
                return simple(ai);
            }
            long arg = argument(ai);
            switch (major) {
                case 0:
                    if (arg < 0) {
                        throw new CborException("unsigned integer beyond 2^63-1");
                    }
                    return arg;
                case 1:
                    if (arg < 0) {
                        throw new CborException("negative integer beyond -2^63");
                    }
                    return -1 - arg;
                case 2:
                    return bytes(arg);
                case 3:
                    return text(arg);
                case 4:
                    return array(arg, depth);
                case 5:
                    return map(arg, depth);
                default: // 6
                    return new CborTag(arg, value(depth + 1));
            }
        }

        private Object simple(int ai) throws CborException {
            switch (ai) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                    return NULL;
                case 31:
                    throw new CborException("indefinite length or break not allowed");
                default:
                    throw new CborException("unsupported simple or floating-point value");
            }
        }

        private long argument(int ai) throws CborException {
            long v;
            if (ai < 24) {
                return ai;
            } else if (ai == 24) {
                v = u8();
                if (v < 24) {
                    throw new CborException("non-shortest integer encoding");
                }
            } else if (ai == 25) {
                v = ((long) u8() << 8) | u8();
                if (v < 0x100) {
                    throw new CborException("non-shortest integer encoding");
                }
            } else if (ai == 26) {
                v = 0;
                for (int i = 0; i < 4; i++) {
                    v = (v << 8) | u8();
                }
                if (v < 0x10000) {
                    throw new CborException("non-shortest integer encoding");
                }
            } else if (ai == 27) {
                v = 0;
                for (int i = 0; i < 8; i++) {
                    v = (v << 8) | u8();
                }
                if (v >= 0 && v < 0x1_0000_0000L) {
                    throw new CborException("non-shortest integer encoding");
                }
            } else if (ai == 31) {
                throw new CborException("indefinite length not allowed");
            } else {
                throw new CborException("reserved additional information " + ai);
            }
            return v;
        }

        private int u8() throws CborException {
            if (pos >= end) {
                throw new CborException("truncated CBOR");
            }
            return in[pos++] & 0xff;
        }

        private int length(long arg, long cap, String what) throws CborException {
            if (arg < 0 || arg > cap) {
                throw new CborException(what + " longer than " + cap);
            }
            return (int) arg;
        }

        private byte[] bytes(long arg) throws CborException {
            int n = length(arg, limits.maxStringBytes(), "byte string");
            if (n > end - pos) {
                throw new CborException("truncated byte string");
            }
            byte[] b = Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return b;
        }

        private String text(long arg) throws CborException {
            int n = length(arg, limits.maxStringBytes(), "text string");
            if (n > end - pos) {
                throw new CborException("truncated text string");
            }
            if (ascii(in, pos, n)) {
                // ASCII is valid UTF-8 that decodes byte for byte: no decoder to make (codes are ASCII).
                String s = new String(in, pos, n, StandardCharsets.ISO_8859_1);
                pos += n;
                return s;
            }
            try {
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in, pos, n)).toString();
                pos += n;
                return s;
            } catch (CharacterCodingException e) {
                throw new CborException("text string is not valid UTF-8");
            }
        }

        private static boolean ascii(byte[] b, int off, int n) {
            for (int i = off; i < off + n; i++) {
                if (b[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        private List<Object> array(long arg, int depth) throws CborException {
            int n = length(arg, limits.maxItems(), "array");
            if (n > end - pos) {
                throw new CborException("truncated array");
            }
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(value(depth + 1));
            }
            return Collections.unmodifiableList(list);
        }

        private Map<Object, Object> map(long arg, int depth) throws CborException {
            int n = length(arg, limits.maxItems(), "map");
            if (n > (end - pos) / 2) {
                throw new CborException("truncated map");
            }
            Map<Object, Object> map = new LinkedHashMap<>(n * 2);
            int previousKeyStart = -1;
            int previousKeyEnd = -1;
            for (int i = 0; i < n; i++) {
                int keyStart = pos;
                Object key = value(depth + 1);
                int keyEnd = pos;
                if (!(key instanceof Long) && !(key instanceof String)) {
                    throw new CborException("map key must be an integer or text");
                }
                if (previousKeyStart >= 0) {
                    int c = Arrays.compareUnsigned(in, previousKeyStart, previousKeyEnd, in, keyStart, keyEnd);
                    if (c == 0) {
                        throw new CborException("duplicate map key " + key);
                    }
                    if (c > 0) {
                        throw new CborException("map keys not in deterministic order");
                    }
                }
                previousKeyStart = keyStart;
                previousKeyEnd = keyEnd;
                map.put(key, value(depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }
    }
}
