package gcc.decision;

import java.util.Locale;

/**
 * The languages reasons are explained in: Chinese for gate staff, exporters and forwarders,
 * English for everyone else. Picked by HTTP {@code Accept-Language}, {@code gatectl --lang} or
 * by the gate SDK's caller.
 */
public enum Language {
    EN, ZH;

    /**
     * The language an HTTP {@code Accept-Language} header asks for: the highest-weighted of
     * {@code zh*} and {@code en*}; English when the header is absent, unreadable or names neither.
     */
    public static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return EN;
        }
        Language best = EN;
        double bestQ = -1;
        for (String part : header.split(",")) {
            String[] fields = part.trim().split(";");
            String tag = fields[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim();
                if (f.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(f.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Language l = tag.startsWith("zh") ? ZH : tag.startsWith("en") ? EN : null;
            if (l != null && q > bestQ && q > 0) {
                best = l;
                bestQ = q;
            }
        }
        return best;
    }

    /** {@code en} or {@code zh} (any case, {@code zh-CN} too); anything else is an {@link IllegalArgumentException}. */
    public static Language parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("zh") || t.startsWith("zh-") || t.startsWith("zh_")) {
            return ZH;
        }
        if (t.equals("en") || t.startsWith("en-") || t.startsWith("en_")) {
            return EN;
        }
        throw new IllegalArgumentException("language must be en or zh: " + s);
    }

    /** The BCP 47 tag for a {@code Content-Language} header. */
    public String tag() {
        return switch (this) {
            case EN -> "en";
            case ZH -> "zh-CN";
        };
    }
}
