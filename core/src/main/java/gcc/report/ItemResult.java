package gcc.report;

import java.time.LocalDate;

/**
 * One tested item of a report: its number in the standard profile (1-based), whether it passed,
 * and the date it was tested (the start of its validity window).
 */
public record ItemResult(int item, boolean pass, LocalDate testDate) {
    public ItemResult {
        if (item < 1 || item > ReportDocument.MAX_ITEM) {
            throw new IllegalArgumentException("item number must be 1.." + ReportDocument.MAX_ITEM + ": " + item);
        }
        java.util.Objects.requireNonNull(testDate, "testDate");
    }
}
