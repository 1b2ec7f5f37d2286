package gcc.clearance;

import java.util.EnumMap;
import java.util.Map;

/**
 * Before (no green lane) against after (the eligible share takes it), on the same consignments:
 * mean, median and p95 clearance for all, the green-eligible cohort and the rest, each over
 * replications with its 95% half-width; the cut in each cohort's mean, paired per replication;
 * and the part of the overall cut that comes from shorter queues for the rest. Seconds. Immutable.
 */
public record Comparison(Map<Cohort.Group, Phase> before, Map<Cohort.Group, Phase> after, Map<Cohort.Group, Estimate> cut,
                         double restShareOfCut, double eligibleShare) {

    /** One cohort's figures in one phase. */
    public record Phase(Estimate mean, Estimate median, Estimate p95, double count) {
    }

    /** The headline: the cut in the mean over all consignments (the figure the 40% refers to). */
    public Estimate headlineCut() {
        return cut.get(Cohort.Group.ALL);
    }

    static Comparison of(Cohort[][] before, Cohort[][] after, double eligibleShare) {
        int reps = before.length;
        Map<Cohort.Group, Phase> b = new EnumMap<>(Cohort.Group.class);
        Map<Cohort.Group, Phase> a = new EnumMap<>(Cohort.Group.class);
        Map<Cohort.Group, Estimate> cut = new EnumMap<>(Cohort.Group.class);
        for (Cohort.Group g : Cohort.Group.values()) {
            b.put(g, phase(before, g));
            a.put(g, phase(after, g));
            double[] paired = new double[reps];
            for (int r = 0; r < reps; r++) {
                paired[r] = 1 - after[r][g.ordinal()].mean() / before[r][g.ordinal()].mean();
            }
            Estimate p = Estimate.of(paired);
            // Point estimate: ratio of the grand means; its interval: from the paired replications.
            cut.put(g, new Estimate(1 - a.get(g).mean().mean() / b.get(g).mean().mean(), p.halfWidth(), reps));
        }
        double all = b.get(Cohort.Group.ALL).count() * (b.get(Cohort.Group.ALL).mean().mean() - a.get(Cohort.Group.ALL).mean().mean());
        double rest = b.get(Cohort.Group.REST).count() * (b.get(Cohort.Group.REST).mean().mean() - a.get(Cohort.Group.REST).mean().mean());
        return new Comparison(b, a, cut, all == 0 ? 0 : rest / all, eligibleShare);
    }

    private static Phase phase(Cohort[][] runs, Cohort.Group g) {
        int reps = runs.length;
        double[] mean = new double[reps];
        double[] median = new double[reps];
        double[] p95 = new double[reps];
        double count = 0;
        for (int r = 0; r < reps; r++) {
            Cohort c = runs[r][g.ordinal()];
            mean[r] = c.mean();
            median[r] = c.median();
            p95[r] = c.p95();
            count += (double) c.count() / reps;
        }
        return new Phase(Estimate.of(mean), Estimate.of(median), Estimate.of(p95), count);
    }
}
