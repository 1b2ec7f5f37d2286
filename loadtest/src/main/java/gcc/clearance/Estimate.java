package gcc.clearance;

/**
 * A quantity estimated from independent replications: the mean over them and the half-width of
 * its 95% confidence interval (Student t, n - 1 degrees of freedom). Immutable.
 */
public record Estimate(double mean, double halfWidth, int replications) {
    private static final double[] T975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
            2.052, 2.048, 2.045, 2.042};

    public static Estimate of(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        if (n < 2) {
            return new Estimate(mean, Double.NaN, n);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Estimate(mean, t975(n - 1) * Math.sqrt(ss / (n - 1) / n), n);
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom. */
    static double t975(int df) {
        if (df < T975.length) {
            return T975[df];
        }
        // Cornish-Fisher expansion around the normal quantile, good to 3 decimals from 30 df.
        double z = 1.959964;
        return z + (z * z * z + z) / (4.0 * df) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96.0 * df * df);
    }
}
