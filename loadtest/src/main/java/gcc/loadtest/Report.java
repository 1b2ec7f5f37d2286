package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a load test's files: .hgrm per run, the two charts, the HTML report. */
final class Report {
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

    private Report() {
    }

    static void hgrm(RunResult r, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            r.latency().outputPercentileDistribution(out, 1.0);
        }
    }

    /** Latency against percentile (x as 1/(1-p), log scale) for every run. */
    static void percentileChart(List<RunResult> runs, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(900).height(520).title("Latency by percentile (from intended send time)")
                .xAxisTitle("percentile as nines: 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99")
                .yAxisTitle("latency (microseconds, log scale)").build();
        c.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
        for (RunResult r : runs) {
            if (r.latency().getTotalCount() == 0) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double p : PERCENTILES) {
                double q = Math.min(p, 99.999);
                xs.add(-Math.log10(1 - q / 100));
                ys.add((double) Math.max(1, r.latency().getValueAtPercentile(p)));
            }
            c.addSeries(r.name(), xs, ys);
        }
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Completed requests per second over the measured run. */
    static void throughputChart(RunResult r, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(900).height(400).title("Throughput over time: " + r.name())
                .xAxisTitle("second of the measured run").yAxisTitle("completed requests per second").build();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < r.perSecond().size(); i++) {
            xs.add((double) i + 1);
            ys.add((double) r.perSecond().get(i));
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(0.0);
        }
        c.addSeries("achieved", xs, ys);
        c.addSeries("target", List.of(xs.get(0), xs.get(xs.size() - 1)), List.of(r.targetRps(), r.targetRps()));
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void html(ObjectNode summary, List<RunResult> runs, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gate server load test</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;")
                .append("padding:4px 10px;text-align:right}th{background:#eee}.bad{color:#b00;font-weight:bold}</style></head><body>")
                .append("<h1>Gate server load test</h1><p>").append(esc(summary.path("commandLine").asText())).append("</p>");
        boolean met = summary.path("slo").path("met").asBoolean();
        boolean judged = summary.path("slo").path("judged").asBoolean(true);
        h.append("<p>SLO p99 &le; ").append(summary.path("slo").path("p99_us").asLong()).append(" &micro;s: <b class=\"")
                .append(met || !judged ? "" : "bad").append("\">").append(met ? "met" : "NOT met").append("</b>")
                .append(judged ? "" : " (not judged: " + esc(summary.path("slo").path("why_not_judged").asText()) + ")")
                .append("; wrong decisions: <b class=\"")
                .append(summary.path("wrong_decisions").asLong() == 0 ? "" : "bad").append("\">")
                .append(summary.path("wrong_decisions").asLong()).append("</b>; false releases: ")
                .append(summary.path("false_releases").asLong()).append("</p>");
        h.append("<table><tr><th>run</th><th>target req/s</th><th>achieved req/s</th><th>p50 &micro;s</th><th>p90</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th><th>errors</th></tr>");
        for (RunResult r : runs) {
            Histogram l = r.latency();
            h.append("<tr><th>").append(esc(r.name())).append("</th><td>").append((long) r.targetRps()).append("</td><td>")
                    .append(Math.round(r.achievedRps())).append("</td><td>").append(l.getValueAtPercentile(50)).append("</td><td>")
                    .append(l.getValueAtPercentile(90)).append("</td><td>").append(l.getValueAtPercentile(99)).append("</td><td>")
                    .append(l.getValueAtPercentile(99.9)).append("</td><td>").append(l.getMaxValue()).append("</td><td>")
                    .append(r.errors()).append("</td></tr>");
        }
        h.append("</table><h2>Latency by percentile</h2><img src=\"latency-by-percentile.png\" alt=\"latency by percentile\">")
                .append("<h2>Throughput over time</h2><img src=\"throughput.png\" alt=\"throughput over time\">");
        Path clearance = file.resolveSibling(gcc.clearance.ClearanceReport.SECTION);
        if (Files.exists(clearance)) {
            h.append(Files.readString(clearance));
        }
        h.append("<h2>summary.json</h2><pre>").append(esc(summary.toPrettyString())).append("</pre></body></html>\n");
        Files.writeString(file, h.toString());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
