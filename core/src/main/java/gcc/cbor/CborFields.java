package gcc.cbor;

import java.util.List;
import java.util.Map;

/**
 * Typed, checked reads from a decoded CBOR map, for decoders of our own structures. Every
 * wrong type, missing field or out-of-range value is a {@link CborException} naming the field.
 */
public final class CborFields {
    private CborFields() {
    }

    public static Map<?, ?> asMap(Object v, String what) throws CborException {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new CborException(what + " must be a map");
    }

    public static List<?> asList(Object v, String what) throws CborException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new CborException(what + " must be an array");
    }

    public static Object require(Map<?, ?> map, long key, String what) throws CborException {
        Object v = map.get(key);
        if (v == null) {
            throw new CborException("missing " + what + " (key " + key + ")");
        }
        return v;
    }

    public static long longIn(Map<?, ?> map, long key, String what, long min, long max) throws CborException {
        Object v = require(map, key, what);
        if (!(v instanceof Long l)) {
            throw new CborException(what + " must be an integer");
        }
        if (l < min || l > max) {
            throw new CborException(what + " out of range [" + min + ", " + max + "]");
        }
        return l;
    }

    public static byte[] bytes(Map<?, ?> map, long key, String what, int minLen, int maxLen) throws CborException {
        return bytes(require(map, key, what), what, minLen, maxLen);
    }

    public static byte[] bytes(Object v, String what, int minLen, int maxLen) throws CborException {
        if (!(v instanceof byte[] b)) {
            throw new CborException(what + " must be a byte string");
        }
        if (b.length < minLen || b.length > maxLen) {
            throw new CborException(what + " must be " + (minLen == maxLen ? minLen : minLen + ".." + maxLen) + " bytes");
        }
        return b;
    }

    public static String text(Map<?, ?> map, long key, String what, int minLen, int maxLen) throws CborException {
        return text(require(map, key, what), what, minLen, maxLen);
    }

    public static String text(Object v, String what, int minLen, int maxLen) throws CborException {
        if (!(v instanceof String s)) {
            throw new CborException(what + " must be a text string");
        }
        if (s.length() < minLen || s.length() > maxLen) {
            throw new CborException(what + " length must be " + minLen + ".." + maxLen);
        }
        return s;
    }

    /** Rejects any key of {@code map} that is not in {@code allowed}. */
    public static void onlyKeys(Map<?, ?> map, String what, long... allowed) throws CborException {
        outer:
        for (Object k : map.keySet()) {
            if (k instanceof Long l) {
                for (long a : allowed) {
                    if (a == l) {
                        continue outer;
                    }
                }
            }
            throw new CborException(what + " has unknown key " + k);
        }
    }
}
