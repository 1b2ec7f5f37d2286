package gcc.clearance;

import java.util.Arrays;

/**
 * The clearance times of one group of consignments in one run (all, the green-eligible cohort,
 * or the rest) reduced to mean, median and p95, in seconds. Percentiles are the nearest-rank
 * definition. Immutable.
 */
public record Cohort(double mean, double median, double p95, int count) {
    /** Which consignments a cohort holds. */
    public enum Group { ALL, GREEN, REST }

    static Cohort of(Simulation.Result r, Group g) {
        double[] x = new double[r.sojournSeconds().length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            boolean eligible = (r.tags()[i] & Network.ELIGIBLE) != 0;
            boolean in = switch (g) {
                case ALL -> true;
                case GREEN -> eligible;
                case REST -> !eligible;
            };
            if (in) {
                x[n++] = r.sojournSeconds()[i];
            }
        }
        x = Arrays.copyOf(x, n);
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        Arrays.sort(x);
        return new Cohort(mean, sortedPercentile(x, 50), sortedPercentile(x, 95), n);
    }

    /** Nearest-rank percentile; sorts {@code x} in place. */
    static double percentile(double[] x, double p) {
        Arrays.sort(x);
        return sortedPercentile(x, p);
    }

    private static double sortedPercentile(double[] s, double p) {
        if (s.length == 0) {
            return Double.NaN;
        }
        return s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1))];
    }
}
