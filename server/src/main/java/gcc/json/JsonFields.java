package gcc.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of JSON fields with one wording for every mistake, so an operator editing a report,
 * a policy or a trust-list source is told which field is wrong and why. Every problem is an
 * {@link IllegalArgumentException}. Stateless and thread-safe.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static JsonNode field(JsonNode n, String name) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    public static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return v.asText();
    }

    public static String nonBlankText(JsonNode n, String name) {
        String s = text(n, name);
        if (s.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be empty");
        }
        return s;
    }

    public static int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isInt()) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
        return v.asInt();
    }

    public static boolean bool(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + name + "' must be true or false");
        }
        return v.asBoolean();
    }

    public static JsonNode array(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("'" + name + "' must be an array");
        }
        return v;
    }

    public static LocalDate date(JsonNode n, String name) {
        String s = text(n, name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date YYYY-MM-DD: " + s);
        }
    }

    public static Instant instant(JsonNode n, String name) {
        String s = text(n, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO instant like 2026-01-01T00:00:00Z: " + s);
        }
    }
}
