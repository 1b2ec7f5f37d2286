package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One scenario's answer: baseline and green clearance (mean, p95), the cut, the minimum eligible
 * share for a 40% cut, the largest tolerable server decision time, and the cut against eligible
 * share. Immutable.
 */
public record ClearanceResult(Scenario scenario, ClearanceModel.Stats baseline, ClearanceModel.Stats green, double cut,
                              Double minimumEligibleShare, Double maximumServerSeconds, double[] curveShare,
                              double[] curveCut, double latencyMeanMicros) {

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("scenario", scenario.name());
        n.put("eligibleShare", scenario.eligibleShare());
        stats(n.putObject("baseline"), baseline);
        stats(n.putObject("green"), green);
        n.put("reductionPercent", round(100 * cut));
        n.put("meets40PercentCut", cut >= ClearanceModel.TARGET_CUT);
        if (minimumEligibleShare == null) {
            n.putNull("minimumEligibleShareFor40Percent");
            n.put("minimumEligibleShareNote", "unreachable: even with every consignment eligible the cut stays below 40%");
        } else {
            n.put("minimumEligibleShareFor40Percent", round(minimumEligibleShare));
        }
        if (maximumServerSeconds == null) {
            n.putNull("maximumServerDecisionSecondsFor40Percent");
        } else {
            n.put("maximumServerDecisionSecondsFor40Percent", round(maximumServerSeconds));
        }
        n.put("serverLatencyMeanMicros", round(latencyMeanMicros));
        ArrayNode curve = n.putArray("reductionByEligibleShare");
        for (int i = 0; i < curveShare.length; i++) {
            curve.addObject().put("eligibleShare", curveShare[i]).put("reductionPercent", round(100 * curveCut[i]));
        }
        return n;
    }

    private static void stats(ObjectNode n, ClearanceModel.Stats s) {
        n.put("meanMinutes", round(s.meanSeconds() / 60));
        n.put("meanHalfWidthMinutes", round(s.meanHalfWidth() / 60));
        n.put("p95Minutes", round(s.p95Seconds() / 60));
        n.put("meanSeconds", round(s.meanSeconds()));
        n.put("p95Seconds", round(s.p95Seconds()));
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** Writes the reduction-by-eligible-share chart with the 40% line. */
    public void writeChart(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(800).height(500).title("Clearance-time cut: " + scenario.name())
                .xAxisTitle("eligible share (consignments with a valid full-scope code)").yAxisTitle("cut in mean clearance time (%)").build();
        double[] pct = new double[curveCut.length];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = 100 * curveCut[i];
        }
        c.addSeries("simulated cut", curveShare, pct);
        c.addSeries("40% (pilot claim)", new double[]{0, 1}, new double[]{40, 40});
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
