package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * Fits a scenario's baseline to observed clearance records. Read directly from the records: the
 * mean arrival rate (all ports scaled in proportion), the weekday and hour-of-day arrival factors
 * (from two weeks of data on; cut-off waves are then part of them), the eligible share, the
 * inspection share and the green cohort's inspection rate. Fitted by simulation (the method of
 * simulated moments, bisection on one parameter at a time with common random numbers): the mean
 * review time, so the simulated mean clearance of manual, uninspected consignments equals the
 * observed one; then the mean inspection time, the same for manual, inspected consignments.
 * Staff, coefficients of variation, gate time, HOLD and scan-failure rates and the fix time are
 * not identifiable from four columns and stay as the scenario states them. Stateless.
 */
public final class Calibration {
    private Calibration() {
    }

    /** The calibrated scenario and what was observed, fitted and reproduced. */
    public record Fit(Scenario scenario, ObjectNode report) {
    }

    public static Fit fit(Scenario s, List<ClearanceRecords.Row> rows, LatencyDistribution latency, ObjectMapper json) {
        int n = rows.size();
        double first = rows.get(0).arrivalSeconds();
        double last = rows.get(n - 1).arrivalSeconds();
        double spanHours = (last - first) / 3600;
        double perHour = n / spanHours;
        long green = rows.stream().filter(ClearanceRecords.Row::green).count();
        long inspected = rows.stream().filter(ClearanceRecords.Row::inspected).count();
        long greenInspected = rows.stream().filter(r -> r.green() && r.inspected()).count();
        double manualPlain = mean(rows, r -> !r.green() && !r.inspected());
        double manualInspected = mean(rows, r -> !r.green() && r.inspected());

        Scenario c = s;
        double scale = perHour / s.arrivalsPerHour();
        List<Scenario.Port> ports = new ArrayList<>();
        for (Scenario.Port p : s.ports()) {
            ports.add(p.withArrivalsPerHour(p.arrivalsPerHour() * scale));
        }
        c = c.withPorts(ports, s.poolPorts());
        boolean profile = spanHours >= 14 * 24;
        if (profile) {
            double[] weekday = new double[7];
            double[] hour = new double[24];
            for (ClearanceRecords.Row r : rows) {
                int h = WeeklyProfile.hourOfWeek(r.arrivalSeconds());
                weekday[h / 24]++;
                hour[h % 24]++;
            }
            c = c.withArrivals(new Scenario.Arrivals(Scenario.Pattern.WEEKLY, normalise(weekday), normalise(hour), List.of()));
        }
        double fail = s.rework().enabled() ? s.rework().scanFailureShare() : 0;
        double eligible = Math.min(1, (double) green / n / (1 - fail));
        c = c.withEligibleShare(eligible);
        double share = (double) inspected / n;
        double greenRate = green == 0 ? s.inspectionPolicy().greenShare() : (double) greenInspected / green;
        Scenario.InspectionPolicy ip = s.inspectionPolicy();
        c = c.withInspectionPolicy(new Scenario.InspectionPolicy(share, ip.targeting(), greenRate,
                share > 0 && green > 0 ? greenRate / share : ip.greenRiskRatio()));

        if (Double.isNaN(manualPlain)) {
            throw new IllegalArgumentException("the records hold no manual, uninspected consignment: nothing to fit the review time to");
        }
        int reps = c.controls().sweepReplications();
        Scenario base = c;
        // The records come from the regime with the green lane: only the manual share loads review, so bound by its stability.
        double manualShare = 1 - eligible * (1 - fail);
        double reviewMax = 0.97 * c.review().meanMinutes() / (Network.reviewUtilization(c) * manualShare);
        double review = bisect(m -> moment(base.withReviewMeanMinutes(m), latency, reps, false), manualPlain, 0.5, reviewMax);
        c = c.withReviewMeanMinutes(review);
        Scenario withReview = c;
        double inspectionMax = 0.97 * c.inspection().meanMinutes() / maxInspectionUtilization(c);
        double insp = Double.isNaN(manualInspected) ? c.inspection().meanMinutes()
                : bisect(m -> moment(withReview.withInspectionMeanMinutes(m), latency, reps, true), manualInspected, 0.5, inspectionMax);
        c = c.withInspectionMeanMinutes(insp).withName(s.name() + " (calibrated)");

        ObjectNode report = json.createObjectNode();
        ObjectNode obs = report.putObject("observed");
        obs.put("records", n).put("spanDays", round(spanHours / 24)).put("arrivalsPerHour", round(perHour))
                .put("greenReleasedShare", round((double) green / n)).put("inspectedShare", round(share))
                .put("greenInspectedShare", round(greenRate)).put("meanMinutesManualNotInspected", round(manualPlain / 60))
                .put("meanMinutesManualInspected", round(manualInspected / 60)).put("meanMinutesAll", round(mean(rows, r -> true) / 60))
                .put("weeklyProfileFitted", profile);
        report.putObject("fitted").put("arrivalsPerHour", round(c.arrivalsPerHour())).put("eligibleShare", round(eligible))
                .put("inspectionShare", round(share)).put("greenInspectionShare", round(greenRate))
                .put("reviewMeanMinutes", round(review)).put("inspectionMeanMinutes", round(insp))
                .put("reviewUtilization", round(Network.reviewUtilization(c)));
        report.putObject("simulatedAtFit").put("meanMinutesManualNotInspected", round(moment(c, latency, reps, false) / 60))
                .put("meanMinutesManualInspected", round(moment(c, latency, reps, true) / 60));
        report.put("keptFromScenario", "staff per port, service-time cvs, gate time, review HOLD and scan-failure shares, fix time,"
                + " lab capacity: not identifiable from arrival, release, inspected, green");
        return new Fit(c, report);
    }

    /** Simulated mean clearance (seconds) of consignments not released by the scan, inspected or not. */
    static double moment(Scenario s, LatencyDistribution latency, int reps, boolean inspected) {
        return IntStream.range(0, reps).parallel().mapToDouble(rep -> {
            Simulation.Result r = Network.simulation(s, latency, true, s.controls().seed() + rep).run();
            double sum = 0;
            long k = 0;
            for (int i = 0; i < r.measured(); i++) {
                int t = r.tags()[i];
                if ((t & Network.RELEASED_BY_SCAN) == 0 && ((t & Network.INSPECTED) != 0) == inspected) {
                    sum += r.sojournSeconds()[i];
                    k++;
                }
            }
            return k == 0 ? Double.NaN : sum / k;
        }).average().orElse(Double.NaN);
    }

    /** The x in [lo, hi] where the increasing {@code f} meets {@code target} (to 0.1%), clamped to the ends. */
    static double bisect(DoubleUnaryOperator f, double target, double lo, double hi) {
        if (f.applyAsDouble(lo) >= target) {
            return lo;
        }
        if (f.applyAsDouble(hi) <= target) {
            return hi;
        }
        for (int i = 0; i < 14; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double maxInspectionUtilization(Scenario s) {
        double max = 1e-9;
        for (Scenario.Port p : s.ports()) {
            max = Math.max(max, p.arrivalsPerHour() / 60 * s.inspectionPolicy().share() * s.inspection().meanMinutes() / p.inspectionTeams());
        }
        return max;
    }

    private static double mean(List<ClearanceRecords.Row> rows, java.util.function.Predicate<ClearanceRecords.Row> in) {
        return rows.stream().filter(in).mapToDouble(ClearanceRecords.Row::clearanceSeconds).average().orElse(Double.NaN);
    }

    private static double[] normalise(double[] counts) {
        double sum = 0;
        for (double v : counts) {
            sum += v;
        }
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = round(counts[i] * counts.length / sum);
        }
        return f;
    }

    private static double round(double v) {
        return ClearanceJson.round(v);
    }
}
