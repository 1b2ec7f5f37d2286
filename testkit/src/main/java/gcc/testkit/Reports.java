package gcc.testkit;

import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test reports as lab L1234 writes them: one product (HS 8715001000, model SX-200), every item
 * tested on one day and the report issued 18 days later. Pure values, no state.
 */
public final class Reports {
    /** The standard every full-scope report is tested against. */
    public static final String STANDARD = "GB 31701-2026";
    /** The standard the policy still knows but no longer accepts. */
    public static final String LEGACY = "GB 31701-2015";
    /** Items in the GB 31701-2026 profile. */
    public static final int ITEMS = 21;

    private Reports() {
    }

    /** A full-scope, all-PASS GB 31701-2026 report for {@code exporter}, tested on {@code tested}. */
    public static ReportDocument passing(String id, String exporter, LocalDate tested) {
        return report(id, STANDARD, exporter, ITEMS, -1, tested);
    }

    /**
     * A report with items 1..{@code items}, item {@code failItem} failed (or -1 for none), all
     * tested on {@code tested}.
     */
    public static ReportDocument report(String id, String standard, String exporter, int items, int failItem,
                                        LocalDate tested) {
        List<ItemResult> list = new ArrayList<>(items);
        for (int i = 1; i <= items; i++) {
            list.add(new ItemResult(i, i != failItem, tested));
        }
        return new ReportDocument(id, "L1234", standard, new Product("8715001000", "SX-200"), exporter,
                tested.plusDays(18), list, null);
    }

    /**
     * The report as the JSON document labs submit (schema in docs/code-format.md), on one line:
     * what the admin API and {@code gatectl registry import} read.
     */
    public static String json(ReportDocument d) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"reportId\":\"").append(jsonEscape(d.reportId()))
                .append("\",\"lab\":\"").append(jsonEscape(d.labId()))
                .append("\",\"standard\":\"").append(jsonEscape(d.standard()))
                .append("\",\"product\":{\"hs\":\"").append(jsonEscape(d.product().hsCode()))
                .append("\",\"model\":\"").append(jsonEscape(d.product().model()))
                .append("\"},\"exporter\":\"").append(jsonEscape(d.exporter()))
                .append("\",\"issueDate\":\"").append(d.issueDate()).append('"');
        if (d.supersedes() != null) {
            sb.append(",\"supersedes\":\"").append(jsonEscape(d.supersedes())).append('"');
        }
        sb.append(",\"items\":[");
        for (int i = 0; i < d.items().size(); i++) {
            ItemResult r = d.items().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"item\":").append(r.item()).append(",\"result\":\"")
                    .append(r.pass() ? "PASS" : "FAIL").append("\",\"testDate\":\"").append(r.testDate()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** A string's characters as the inside of a JSON string literal. */
    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Completes a 17-character USCC body with its check character. */
    public static String uscc(String body17) {
        return body17 + Uscc.checkCharacter(body17);
    }
}
