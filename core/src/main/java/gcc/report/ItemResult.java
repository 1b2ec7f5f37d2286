package gcc.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One item of a report: its number in the item profile (1-based), its result, the date it was
 * tested (the start of its validity window; none for NOT_APPLICABLE) and, when the lab gives it,
 * the itemized figure a buyer asks for.
 */
public record ItemResult(int item, Result result, LocalDate testDate, Measurement measurement) {

    /** An item's result. */
    public enum Result {
        PASS(1), FAIL(0),
        /** The item does not apply to the product (e.g. cords on a feeding bottle); policy decides if that is allowed. */
        NOT_APPLICABLE(2);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        /** The number used in the report's canonical bytes. */
        public int code() {
            return code;
        }

        /** The result with this code, or {@code null}. */
        public static Result ofCode(long code) {
            for (Result r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * What was measured, against which limit, in which unit, by which method: free text of at most
     * {@value #MAX_TEXT} UTF-8 bytes each (e.g. {@code "12"}, {@code "<= 75"}, {@code "mg/kg"},
     * {@code "GB/T 2912.1-2009"}); an empty string where a field does not apply.
     */
    public record Measurement(String value, String limit, String unit, String method) {
        public static final int MAX_TEXT = 48;

        public Measurement {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(method, "method");
        }

        /** The problem with this measurement, or {@code null}. */
        String problem() {
            for (String s : new String[]{value, limit, unit, method}) {
                if (s.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT || s.chars().anyMatch(c -> c < 0x20)) {
                    return "measurement fields must be at most " + MAX_TEXT + " UTF-8 bytes without control characters: '" + s + "'";
                }
            }
            return null;
        }
    }

    public ItemResult {
        if (item < 1 || item > ReportDocument.MAX_ITEM) {
            throw new IllegalArgumentException("item number must be 1.." + ReportDocument.MAX_ITEM + ": " + item);
        }
        Objects.requireNonNull(result, "result");
        if (result != Result.NOT_APPLICABLE) {
            Objects.requireNonNull(testDate, "testDate");
        }
    }

    /** A PASS or FAIL result without itemized figures. */
    public ItemResult(int item, boolean pass, LocalDate testDate) {
        this(item, pass ? Result.PASS : Result.FAIL, testDate, null);
    }

    /** An item the report marks not applicable to its product. */
    public static ItemResult notApplicable(int item) {
        return new ItemResult(item, Result.NOT_APPLICABLE, null, null);
    }

    public boolean pass() {
        return result == Result.PASS;
    }

    public boolean notApplicable() {
        return result == Result.NOT_APPLICABLE;
    }

    /** The same result with itemized figures. */
    public ItemResult with(Measurement m) {
        return new ItemResult(item, result, testDate, m);
    }
}
