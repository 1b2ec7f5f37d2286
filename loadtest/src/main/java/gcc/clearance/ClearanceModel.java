package gcc.clearance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a scenario without and with the green lane and answers the rollout questions: how much
 * shorter is the average clearance, what eligible share reaches a 40% cut, and how slow could the
 * gate server be before the cut falls below 40%.
 *
 * <p>Stations: 0 document review, 1 inspection, 2 gate passage, 3 code scan (no queue: each
 * consignment's scan is its own; time = scan handling + server decision time). Baseline route:
 * review, inspection (with the inspection share), gate. Green route for an eligible consignment:
 * scan, inspection (with the green inspection share), gate. A consignment's eligibility and
 * inspection draws come from one stream, so runs at different shares share them.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClearanceModel {
    /** The cut the pilot reported, as a fraction. */
    public static final double TARGET_CUT = 0.40;

    private ClearanceModel() {
    }

    /** Mean and p95 clearance in seconds over replications, with the mean's 95% half-width. */
    public record Stats(double meanSeconds, double p95Seconds, double meanHalfWidth) {
    }

    static Stats simulate(Scenario s, LatencyDistribution latency, boolean green) {
        double[] means = new double[s.replications()];
        double p95 = 0;
        for (int rep = 0; rep < s.replications(); rep++) {
            Simulation.Station[] stations = {
                    new Simulation.Station("review", s.review().servers(), s.review().time()),
                    new Simulation.Station("inspection", s.inspection().servers(), s.inspection().time()),
                    new Simulation.Station("gate", s.gate().servers(), s.gate().time()),
                    new Simulation.Station("scan", 0, new ServiceTime() {
                        @Override
                        public double sample(SplittableRandom r) {
                            return s.scanSeconds() + latency.sample(r);
                        }

                        @Override
                        public double mean() {
                            return s.scanSeconds() + latency.mean();
                        }
                    })};
            double share = green ? s.eligibleShare() : 0;
            Simulation.Router router = r -> {
                double eligible = r.nextDouble();
                double inspect = r.nextDouble();
                boolean viaGreen = eligible < share;
                boolean inspected = inspect < (viaGreen ? s.greenInspectionShare() : s.inspectionShare());
                List<Integer> route = new ArrayList<>(3);
                route.add(viaGreen ? 3 : 0);
                if (inspected) {
                    route.add(1);
                }
                route.add(2);
                return route.stream().mapToInt(Integer::intValue).toArray();
            };
            Simulation.Result res = new Simulation(stations, router, s.arrivalsPerHour() / 3600.0, s.warmupHours() * 3600,
                    s.horizonHours() * 3600, s.seed() + rep).run();
            means[rep] = res.mean();
            p95 += res.percentile(95) / s.replications();
        }
        double mean = 0;
        for (double m : means) {
            mean += m / means.length;
        }
        double var = 0;
        for (double m : means) {
            var += (m - mean) * (m - mean);
        }
        double half = means.length > 1 ? 1.96 * Math.sqrt(var / (means.length - 1) / means.length) : 0;
        return new Stats(mean, p95, half);
    }

    /** The whole answer for one scenario. */
    public static ClearanceResult run(Scenario s, LatencyDistribution latency) {
        Stats base = simulate(s, latency, false);
        Stats green = simulate(s, latency, true);
        double cut = 1 - green.meanSeconds() / base.meanSeconds();
        double[] curveShare = new double[11];
        double[] curveCut = new double[11];
        for (int i = 0; i <= 10; i++) {
            curveShare[i] = i / 10.0;
            curveCut[i] = i == 0 ? 0 : 1 - simulate(s.withEligibleShare(curveShare[i]), latency, true).meanSeconds() / base.meanSeconds();
        }
        Double minShare = minimumShare(s, latency, base.meanSeconds());
        Double maxLatency = maximumLatencySeconds(s, latency, base.meanSeconds());
        return new ClearanceResult(s, base, green, cut, minShare, maxLatency, curveShare, curveCut,
                latency.mean() * 1e6);
    }

    /** The smallest eligible share whose cut is at least 40%, or null if even 100% does not reach it. */
    static Double minimumShare(Scenario s, LatencyDistribution latency, double baseMean) {
        if (cutAt(s.withEligibleShare(1.0), latency, baseMean) < TARGET_CUT) {
            return null;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            if (cutAt(s.withEligibleShare(mid), latency, baseMean) >= TARGET_CUT) {
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
    static Double maximumLatencySeconds(Scenario s, LatencyDistribution latency, double baseMean) {
        if (cutAt(s, LatencyDistribution.constantMicros(0), baseMean) < TARGET_CUT) {
            return null;
        }
        double lo = 0;
        double hi = 3600;
        if (cutAt(s, LatencyDistribution.constantMicros(hi * 1e6), baseMean) >= TARGET_CUT) {
            return hi;
        }
        for (int i = 0; i < 20; i++) {
            double mid = (lo + hi) / 2;
            if (cutAt(s, LatencyDistribution.constantMicros(mid * 1e6), baseMean) >= TARGET_CUT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double cutAt(Scenario s, LatencyDistribution latency, double baseMean) {
        return 1 - simulate(s, latency, true).meanSeconds() / baseMean;
    }
}
