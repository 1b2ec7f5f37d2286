package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * Writes an {@link Analysis} as the {@code clearance.json} tables (minutes and percent, rounded to
 * 3 decimals), and the one-sentence 40% region read back from them. Stateless.
 */
public final class ClearanceJson {
    /** What the 40% is measured on; the doc explains the choice. */
    public static final String TARGET_DEFINITION = "the cut in the mean clearance time (arrival at the port to gate-out) over all"
            + " infant-product export consignments, before the green lane against after it at the same traffic";

    private ClearanceJson() {
    }

    public static ObjectNode scenario(ObjectMapper json, Analysis a) {
        Scenario s = a.scenario();
        Comparison c = a.comparison();
        ObjectNode n = json.createObjectNode();
        n.put("scenario", s.name());
        n.put("eligibleShare", s.green().eligibleShare());
        n.put("reviewUtilization", round(a.reviewUtilization()));
        ObjectNode byPort = n.putObject("reviewUtilizationByPort");
        ObjectNode insp = n.putObject("inspectionUtilizationByPort");
        for (int p = 0; p < s.ports().size(); p++) {
            byPort.put(s.ports().get(p).name(), round(a.reviewUtilizationByPort()[p]));
            insp.put(s.ports().get(p).name(), round(a.inspectionUtilizationByPort()[p]));
        }
        n.put("serverLatencyMeanMicros", round(a.latencyMeanMicros()));
        n.put("replications", s.controls().replications());
        n.put("horizonHours", s.controls().horizonHours());
        ObjectNode minutes = n.putObject("clearanceMinutes");
        phase(minutes.putObject("before"), c.before());
        phase(minutes.putObject("after"), c.after());
        ObjectNode cut = n.putObject("reductionPercent");
        for (Cohort.Group g : Cohort.Group.values()) {
            Estimate e = c.cut().get(g);
            cut.putObject(key(g)).put("value", round(100 * e.mean())).put("halfWidth", round(100 * e.halfWidth()));
        }
        n.put("restShareOfCutPercent", round(100 * c.restShareOfCut()));
        n.put("meets40PercentCut", c.headlineCut().mean() >= ClearanceModel.TARGET_CUT);
        nullable(n, "minimumEligibleShareFor40Percent", a.minimumEligibleShare());
        nullable(n, "maximumServerDecisionSecondsFor40Percent", a.maximumServerSeconds());
        ArrayNode curve = n.putArray("reductionByEligibleShare");
        for (int i = 0; i < a.curveShare().length; i++) {
            curve.addObject().put("eligibleShare", a.curveShare()[i]).put("reductionPercent", round(100 * a.curveCut()[i]));
        }
        ArrayNode sw = n.putArray("realismSwitches");
        for (Analysis.Ablation ab : a.ablations()) {
            sw.addObject().put("change", ab.name()).put("reviewUtilization", round(ab.reviewUtilization()))
                    .put("reductionPercent", round(100 * ab.cut()));
        }
        n.putObject("oneMoreReviewOfficerPerPort").put("reviewUtilization", round(a.oneMoreOfficer().reviewUtilization()))
                .put("reductionPercent", round(100 * a.oneMoreOfficer().cut()));
        ObjectNode sweeps = n.putObject("sweeps");
        for (Sweep w : a.sweeps()) {
            ObjectNode t = sweeps.putObject(w.parameter().key());
            t.put("rows", w.parameter().label());
            ArrayNode rows = t.putArray("rowValues");
            for (double v : w.rows()) {
                rows.add(v);
            }
            ArrayNode cols = t.putArray("eligibleShares");
            for (double v : w.shares()) {
                cols.add(v);
            }
            ArrayNode table = t.putArray("reductionPercent");
            for (double[] row : w.cut()) {
                ArrayNode r = table.addArray();
                for (double v : row) {
                    r.add(round(100 * v));
                }
            }
            ArrayNode min = t.putArray("minimumEligibleShareFor40Percent");
            for (Double m : w.minimumShare()) {
                if (m == null) {
                    min.addNull();
                } else {
                    min.add(round(m));
                }
            }
        }
        if (a.adoption().length > 0) {
            ObjectNode ad = n.putObject("adoption");
            ArrayNode months = ad.putArray("months");
            for (Adoption.Month m : a.adoption()) {
                months.addObject().put("month", m.month()).put("demandShare", round(m.demandShare())).put("labCapShare", round(m.labCapShare()))
                        .put("eligibleShare", round(m.share())).put("labBound", m.labBound()).put("reductionPercent", round(100 * m.cut()));
            }
            Integer first = Adoption.firstMonthAt40Percent(a.adoption());
            if (first == null) {
                ad.putNull("firstMonthAt40Percent");
            } else {
                ad.put("firstMonthAt40Percent", first);
            }
        }
        n.put("region", region(n));
        return n;
    }

    /**
     * The 40% region of one scenario in words, from its JSON: the smallest eligible share that
     * reaches 40% at each review utilization of the sweep.
     */
    public static String region(ObjectNode scenario) {
        var t = scenario.get("sweeps").get("reviewUtilization");
        StringBuilder b = new StringBuilder();
        List<String> reached = new java.util.ArrayList<>();
        List<String> never = new java.util.ArrayList<>();
        for (int i = 0; i < t.get("rowValues").size(); i++) {
            String rho = String.format(Locale.ROOT, "%.2f", t.get("rowValues").get(i).asDouble());
            var m = t.get("minimumEligibleShareFor40Percent").get(i);
            if (m.isNull()) {
                never.add(rho);
            } else {
                reached.add(String.format(Locale.ROOT, "%.2f at %s", m.asDouble(), rho));
            }
        }
        b.append(scenario.get("scenario").asText()).append(" needs an eligible share of at least ");
        if (!reached.isEmpty()) {
            reached.set(0, reached.get(0).replace(" at ", " at review utilization "));
        }
        b.append(reached.isEmpty() ? "(none in the sweep)" : String.join(", ", reached));
        if (!never.isEmpty()) {
            b.append(", and no share reaches 40% at utilization ").append(String.join(", ", never));
        }
        return b.toString();
    }

    private static void phase(ObjectNode n, java.util.Map<Cohort.Group, Comparison.Phase> m) {
        for (Cohort.Group g : Cohort.Group.values()) {
            Comparison.Phase p = m.get(g);
            n.putObject(key(g)).put("mean", round(p.mean().mean() / 60)).put("meanHalfWidth", round(p.mean().halfWidth() / 60))
                    .put("median", round(p.median().mean() / 60)).put("p95", round(p.p95().mean() / 60))
                    .put("p95HalfWidth", round(p.p95().halfWidth() / 60)).put("consignmentsPerReplication", Math.round(p.count()));
        }
    }

    static String key(Cohort.Group g) {
        return switch (g) {
            case ALL -> "all";
            case GREEN -> "green";
            case REST -> "rest";
        };
    }

    private static void nullable(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, round(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
