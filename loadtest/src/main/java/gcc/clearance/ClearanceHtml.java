package gcc.clearance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The clearance model's HTML: a section (embedded in the load test's report) and a standalone page
 * around it, both from {@code clearance.json} and the PNGs beside it. Stateless.
 */
public final class ClearanceHtml {
    private ClearanceHtml() {
    }

    public static String page(JsonNode doc) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Clearance-time model</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #999;"
                + "padding:3px 8px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}</style></head><body>"
                + section(doc) + "</body></html>\n";
    }

    public static String section(JsonNode doc) {
        StringBuilder h = new StringBuilder();
        h.append("<h2>Clearance-time model: is the 40% cut reached?</h2>");
        h.append("<p>The 40% is ").append(esc(doc.path("target").asText())).append(". Server decision time: ")
                .append(esc(doc.path("latencySource").asText())).append(". Model and assumptions: docs/clearance-model.md.</p>");
        h.append("<p><b>Where 40% holds:</b> ").append(esc(doc.path("region").asText())).append("</p>");
        for (JsonNode s : doc.path("scenarios")) {
            String name = s.path("scenario").asText();
            String slug = ClearanceReport.slug(name);
            h.append("<h3>").append(esc(name)).append(" (eligible share ").append(fmt(s.path("eligibleShare").asDouble()))
                    .append(", review utilization ").append(fmt(s.path("reviewUtilization").asDouble())).append(")</h3>");
            h.append("<table><tr><th class=\"l\">minutes</th><th colspan=\"3\">before: mean &plusmn; 95% CI</th><th>median</th><th>p95</th>")
                    .append("<th colspan=\"3\">after: mean &plusmn; 95% CI</th><th>median</th><th>p95</th><th>cut in mean</th></tr>");
            for (String g : new String[]{"all", "green", "rest"}) {
                JsonNode b = s.path("clearanceMinutes").path("before").path(g);
                JsonNode a = s.path("clearanceMinutes").path("after").path(g);
                JsonNode c = s.path("reductionPercent").path(g);
                h.append("<tr><th class=\"l\">").append(g.equals("green") ? "green cohort (eligible)" : g.equals("rest") ? "rest" : "all (the 40% figure)")
                        .append("</th><td colspan=\"3\">").append(fmt1(b.path("mean").asDouble())).append(" &plusmn; ")
                        .append(fmt1(b.path("meanHalfWidth").asDouble())).append("</td><td>").append(fmt1(b.path("median").asDouble()))
                        .append("</td><td>").append(fmt1(b.path("p95").asDouble())).append("</td><td colspan=\"3\">")
                        .append(fmt1(a.path("mean").asDouble())).append(" &plusmn; ").append(fmt1(a.path("meanHalfWidth").asDouble()))
                        .append("</td><td>").append(fmt1(a.path("median").asDouble())).append("</td><td>").append(fmt1(a.path("p95").asDouble()))
                        .append("</td><td>").append(fmt1(c.path("value").asDouble())).append("% &plusmn; ").append(fmt1(c.path("halfWidth").asDouble()))
                        .append("</td></tr>");
            }
            h.append("</table><p>Shorter queues for the rest give ").append(fmt1(s.path("restShareOfCutPercent").asDouble()))
                    .append("% of the overall cut. Smallest eligible share for 40%: ").append(nullable(s.path("minimumEligibleShareFor40Percent")))
                    .append("; slowest server decision that keeps 40%: ").append(nullable(s.path("maximumServerDecisionSecondsFor40Percent")))
                    .append(" s; one more review officer per port (utilization ").append(fmt(s.path("oneMoreReviewOfficerPerPort").path("reviewUtilization").asDouble()))
                    .append("): cut ").append(fmt1(s.path("oneMoreReviewOfficerPerPort").path("reductionPercent").asDouble())).append("%.</p>");
            h.append("<table><tr><th class=\"l\">realism switch turned off (first row: none)</th><th>review utilization</th><th>cut in mean (%)</th></tr>");
            for (JsonNode sw : s.path("realismSwitches")) {
                h.append("<tr><td class=\"l\">").append(esc(sw.path("change").asText())).append("</td><td>")
                        .append(fmt(sw.path("reviewUtilization").asDouble())).append("</td><td>").append(fmt1(sw.path("reductionPercent").asDouble()))
                        .append("</td></tr>");
            }
            h.append("</table>");
            for (String key : new String[]{"reviewUtilization", "inspectionShare", "scanFailureShare"}) {
                h.append("<p><img src=\"clearance-").append(slug).append('-').append(key).append("-heatmap.png\" alt=\"heatmap ").append(key)
                        .append("\"> <img src=\"clearance-").append(slug).append('-').append(key).append("-lines.png\" alt=\"lines ")
                        .append(key).append("\"></p>");
            }
            if (s.has("adoption")) {
                JsonNode first = s.path("adoption").path("firstMonthAt40Percent");
                h.append("<p>Adoption: the cut first reaches 40% in month ").append(first.isNull() ? "(not within the horizon)" : first.asText())
                        .append(".<br><img src=\"clearance-").append(slug).append("-adoption.png\" alt=\"adoption\"></p>");
            }
        }
        if (doc.has("calibration")) {
            h.append("<h3>Calibration</h3><pre>").append(esc(doc.get("calibration").toPrettyString())).append("</pre>");
        }
        return h.toString();
    }

    private static String nullable(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "unreachable" : fmt(n.asDouble());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
