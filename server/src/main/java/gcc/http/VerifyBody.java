package gcc.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/verify}: {@code {code, exporter, product?, at?}}, read from its
 * bytes. A pure function over the body so it can be tested and fuzzed without a server; every
 * problem is an {@link IllegalArgumentException} whose message is the 400 answer.
 *
 * @param at the {@code at} text as sent (a date or an instant), or null; the handler interprets it
 */
record VerifyBody(String code, String exporter, String product, String at) {

    static VerifyBody parse(byte[] body) {
        JsonNode n = Json.parse(body);
        return new VerifyBody(text(n, "code", true), text(n, "exporter", true), text(n, "product", false),
                text(n, "at", false));
    }

    /** A string field; null when absent and not required. */
    static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }
}
