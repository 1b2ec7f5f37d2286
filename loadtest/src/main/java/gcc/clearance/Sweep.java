package gcc.clearance;

/**
 * A sensitivity sweep: the cut in the mean clearance over all consignments on a grid of eligible
 * share (columns) against one other parameter (rows), and per row the smallest eligible share
 * that reaches 40% (linear interpolation between grid points; null where even 100% does not).
 * Those per-row minima are the 40% contour: the region where the claim holds lies at and right
 * of it. Each row has its own baseline, and every point shares the row's seeds (common random
 * numbers). Immutable result of {@link #run}.
 */
public record Sweep(Parameter parameter, double[] rows, double[] shares, double[][] cut, Double[] minimumShare) {

    /** What a sweep varies against the eligible share. */
    public enum Parameter {
        /** Baseline review utilization over all ports, set by scaling the mean review time at fixed staff. */
        REVIEW_UTILIZATION,
        /** The share of all consignments inspected (the inspection budget). */
        INSPECTION_SHARE,
        /** The share of green scans that fail (unreadable code or HOLD) and take the manual route. */
        SCAN_FAILURE_SHARE;

        public String key() {
            return switch (this) {
                case REVIEW_UTILIZATION -> "reviewUtilization";
                case INSPECTION_SHARE -> "inspectionShare";
                case SCAN_FAILURE_SHARE -> "scanFailureShare";
            };
        }

        public String label() {
            return switch (this) {
                case REVIEW_UTILIZATION -> "review utilization (baseline)";
                case INSPECTION_SHARE -> "inspection share";
                case SCAN_FAILURE_SHARE -> "scan failure share";
            };
        }

        Scenario apply(Scenario s, double v) {
            return switch (this) {
                case REVIEW_UTILIZATION -> Network.atReviewUtilization(s, v);
                case INSPECTION_SHARE -> s.withInspectionShare(v);
                case SCAN_FAILURE_SHARE -> s.withScanFailureShare(v);
            };
        }

        /** The rows a full sweep uses (inspection stops where a scenario's inspection would saturate). */
        double[] rows(boolean quick) {
            return switch (this) {
                case REVIEW_UTILIZATION -> quick ? new double[]{0.6, 0.85} : new double[]{0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
                case INSPECTION_SHARE -> quick ? new double[]{0.05, 0.2} : new double[]{0.0, 0.05, 0.10, 0.15, 0.20, 0.25};
                case SCAN_FAILURE_SHARE -> quick ? new double[]{0.0, 0.2} : new double[]{0.0, 0.02, 0.05, 0.10, 0.20, 0.30};
            };
        }
    }

    static double[] shares(boolean quick) {
        return quick ? new double[]{0, 0.25, 0.5, 0.75, 1} : new double[]{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
    }

    static Sweep run(Scenario s, LatencyDistribution latency, Parameter p, boolean quick) {
        double[] rows = p.rows(quick);
        double[] shares = shares(quick);
        int reps = s.controls().sweepReplications();
        double[][] cut = new double[rows.length][shares.length];
        Double[] min = new Double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Scenario row = p.apply(s, rows[i]);
            double base = ClearanceModel.mean(ClearanceModel.replicationMeans(row, latency, false, reps));
            for (int j = 0; j < shares.length; j++) {
                cut[i][j] = shares[j] == 0 ? 0 : ClearanceModel.cutAt(row.withEligibleShare(shares[j]), latency, base, reps);
            }
            min[i] = crossing(shares, cut[i]);
        }
        return new Sweep(p, rows, shares, cut, min);
    }

    /** The first share at which {@code cut} reaches 40%, interpolated linearly; null if it never does. */
    static Double crossing(double[] shares, double[] cut) {
        for (int j = 0; j < shares.length; j++) {
            if (cut[j] >= ClearanceModel.TARGET_CUT) {
                if (j == 0) {
                    return shares[0];
                }
                double f = (ClearanceModel.TARGET_CUT - cut[j - 1]) / (cut[j] - cut[j - 1]);
                return shares[j - 1] + f * (shares[j] - shares[j - 1]);
            }
        }
        return null;
    }
}
