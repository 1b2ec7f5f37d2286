package gcc.clearance;

import java.util.stream.IntStream;

/**
 * Runs a scenario without and with the green lane and answers the rollout questions: how much
 * shorter is the mean clearance over all consignments (the figure the pilot's "40%" refers to,
 * see docs/clearance-model.md), for the green cohort and for the rest; what eligible share reaches
 * a 40% cut; and how slow the gate server could be before the cut falls below 40%.
 *
 * <p>Replications run in parallel on the common fork-join pool. Stateless and thread-safe.
 */
public final class ClearanceModel {
    /** The cut the pilot reported, as a fraction. */
    public static final double TARGET_CUT = 0.40;

    private ClearanceModel() {
    }

    /** Before and after over {@code replications} seeds (seed, seed + 1, ...), all cohorts. */
    public static Comparison compare(Scenario s, LatencyDistribution latency, int replications) {
        Cohort[][] before = new Cohort[replications][];
        Cohort[][] after = new Cohort[replications][];
        IntStream.range(0, 2 * replications).parallel().forEach(i -> {
            int rep = i / 2;
            boolean green = i % 2 == 1;
            Simulation.Result r = Network.simulation(s, latency, green, s.controls().seed() + rep).run();
            Cohort[] c = new Cohort[Cohort.Group.values().length];
            for (Cohort.Group g : Cohort.Group.values()) {
                c[g.ordinal()] = Cohort.of(r, g);
            }
            (green ? after : before)[rep] = c;
        });
        return Comparison.of(before, after, s.green().eligibleShare());
    }

    /** The mean clearance over all consignments of each replication, seconds. */
    static double[] replicationMeans(Scenario s, LatencyDistribution latency, boolean green, int replications) {
        return IntStream.range(0, replications).parallel()
                .mapToDouble(rep -> Network.simulation(s, latency, green, s.controls().seed() + rep).run().mean()).toArray();
    }

    static double mean(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        return m;
    }

    /** The cut in the overall mean at the scenario's settings, against a baseline mean. */
    static double cutAt(Scenario s, LatencyDistribution latency, double baseMean, int replications) {
        return 1 - mean(replicationMeans(s, latency, true, replications)) / baseMean;
    }

    /** The smallest eligible share whose cut is at least 40%, or null if even 100% does not reach it. */
    static Double minimumShare(Scenario s, LatencyDistribution latency, double baseMean, int replications) {
        if (cutAt(s.withEligibleShare(1.0), latency, baseMean, replications) < TARGET_CUT) {
            return null;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 10; i++) {
            double mid = (lo + hi) / 2;
            if (cutAt(s.withEligibleShare(mid), latency, baseMean, replications) >= TARGET_CUT) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * The largest server decision time (a constant, seconds) at which the scenario's cut stays at
     * 40% or more, searched up to one hour; null if the cut is below 40% even with an instant server.
     */
    static Double maximumLatencySeconds(Scenario s, double baseMean, int replications) {
        if (cutAt(s, LatencyDistribution.constantMicros(0), baseMean, replications) < TARGET_CUT) {
            return null;
        }
        double lo = 0;
        double hi = 3600;
        if (cutAt(s, LatencyDistribution.constantMicros(hi * 1e6), baseMean, replications) >= TARGET_CUT) {
            return hi;
        }
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            if (cutAt(s, LatencyDistribution.constantMicros(mid * 1e6), baseMean, replications) >= TARGET_CUT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
