package gcc.report;

import java.util.Objects;

/**
 * The product a report covers: its customs HS code (6 to 10 digits) and the maker's model or SKU.
 * Written as {@code HS/MODEL} in text (for example {@code 8715001000/SX-200}).
 */
public record Product(String hsCode, String model) {
    public static final int MAX_HS = 10;
    public static final int MAX_MODEL_BYTES = 32;

    public Product {
        Objects.requireNonNull(hsCode, "hsCode");
        Objects.requireNonNull(model, "model");
    }

    /** Parses {@code HS/MODEL}. */
    public static Product parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("product must be HS/MODEL, e.g. 8715001000/SX-200: " + text);
        }
        return new Product(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return hsCode + "/" + model;
    }
}
