package gcc.clearance;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the model says about one scenario: the before/after comparison, the cut by eligible
 * share, the share and the server speed a 40% cut needs, what each realism switch contributes,
 * one more review officer per port, the three sensitivity sweeps and the adoption curve.
 * Immutable; {@link #of} computes it (seconds to minutes of CPU for a full run).
 */
public record Analysis(Scenario scenario, double reviewUtilization, double[] reviewUtilizationByPort,
                       double[] inspectionUtilizationByPort, Comparison comparison, double[] curveShare, double[] curveCut,
                       Double minimumEligibleShare, Double maximumServerSeconds, List<Ablation> ablations,
                       Ablation oneMoreOfficer, List<Sweep> sweeps, Adoption.Month[] adoption, double latencyMeanMicros) {

    /** The cut with one part of the model changed; {@code name} says what changed. */
    public record Ablation(String name, double reviewUtilization, double cut) {
    }

    /** The controls a quick run uses: a tenth of the horizon, three replications, two per sweep point. */
    static Scenario quick(Scenario s) {
        Scenario.Controls c = s.controls();
        return s.withControls(new Scenario.Controls(Math.max(c.horizonHours() / 10, c.warmupHours() / 10 + 48),
                c.warmupHours() / 10, 3, 2, c.seed()));
    }

    public static Analysis of(Scenario scenario, LatencyDistribution latency, boolean quick) {
        Scenario s = quick ? quick(scenario) : scenario;
        int reps = s.controls().sweepReplications();
        Comparison cmp = ClearanceModel.compare(s, latency, s.controls().replications());
        double base = ClearanceModel.mean(ClearanceModel.replicationMeans(s, latency, false, reps));
        double[] shares = Sweep.shares(quick);
        double[] cuts = new double[shares.length];
        for (int j = 0; j < shares.length; j++) {
            cuts[j] = shares[j] == 0 ? 0 : ClearanceModel.cutAt(s.withEligibleShare(shares[j]), latency, base, reps);
        }
        Double min = ClearanceModel.minimumShare(s, latency, base, reps);
        Double maxServer = ClearanceModel.maximumLatencySeconds(s, base, reps);
        List<Ablation> ablations = new ArrayList<>();
        // The reference row at the same replications as the others, so the differences are the switches', not noise.
        ablations.add(ablation("none (the scenario as stated)", s, latency, reps));
        if (s.ports().size() > 1 && !s.poolPorts()) {
            ablations.add(ablation("ports pooled into one (shared officers)", s.withPorts(s.ports(), true), latency, reps));
        }
        if (s.arrivals().pattern() == Scenario.Pattern.WEEKLY) {
            ablations.add(ablation("Poisson arrivals, constant staffing (no waves, shifts or weekdays)",
                    s.withArrivals(poisson(s)).withStaffing(Scenario.Staffing.CONSTANT), latency, reps));
        }
        if (s.staffing() == Scenario.Staffing.SHIFTS) {
            ablations.add(ablation("constant staffing (no shifts)", s.withStaffing(Scenario.Staffing.CONSTANT), latency, reps));
        }
        if (s.inspectionPolicy().targeting() == Scenario.Targeting.RISK) {
            ablations.add(ablation("uniform inspection (green at the overall share)", s.withInspectionPolicy(uniform(s)), latency, reps));
        }
        if (s.rework().enabled()) {
            ablations.add(ablation("no rework (no HOLDs, no failed scans)", s.withRework(off(s)), latency, reps));
        }
        ablations.add(ablation("every switch off (the earlier model)", s.withPorts(s.ports(), true).withArrivals(poisson(s))
                .withStaffing(Scenario.Staffing.CONSTANT)
                .withInspectionPolicy(uniform(s)).withRework(off(s)), latency, reps));
        List<Scenario.Port> more = s.ports().stream().map(p -> p.withReviewOfficers(p.reviewOfficers() + 1)).toList();
        Ablation officer = ablation("one more review officer per port", s.withPorts(more, s.poolPorts()), latency, reps);
        List<Sweep> sweeps = new ArrayList<>();
        for (Sweep.Parameter p : Sweep.Parameter.values()) {
            sweeps.add(Sweep.run(s, latency, p, quick));
        }
        Adoption.Month[] adoption = s.adoption() == null ? new Adoption.Month[0] : Adoption.curve(s, shares, cuts);
        double[] inspection = new double[s.ports().size()];
        for (int p = 0; p < inspection.length; p++) {
            Scenario.Port port = s.ports().get(p);
            inspection[p] = port.arrivalsPerHour() / 60 * s.inspectionPolicy().share() * s.inspection().meanMinutes() / port.inspectionTeams();
        }
        return new Analysis(s, Network.reviewUtilization(s), Network.reviewUtilizationByPort(s), inspection, cmp, shares, cuts, min,
                maxServer, List.copyOf(ablations), officer, List.copyOf(sweeps), adoption, latency.mean() * 1e6);
    }

    private static Ablation ablation(String name, Scenario changed, LatencyDistribution latency, int reps) {
        double base = ClearanceModel.mean(ClearanceModel.replicationMeans(changed, latency, false, reps));
        return new Ablation(name, Network.reviewUtilization(changed), ClearanceModel.cutAt(changed, latency, base, reps));
    }

    private static Scenario.Arrivals poisson(Scenario s) {
        Scenario.Arrivals a = s.arrivals();
        return new Scenario.Arrivals(Scenario.Pattern.POISSON, a.weekdayFactors(), a.hourFactors(), a.cutoffWaves());
    }

    private static Scenario.InspectionPolicy uniform(Scenario s) {
        Scenario.InspectionPolicy p = s.inspectionPolicy();
        return new Scenario.InspectionPolicy(p.share(), Scenario.Targeting.UNIFORM, p.share(), p.greenRiskRatio());
    }

    private static Scenario.Rework off(Scenario s) {
        Scenario.Rework r = s.rework();
        return new Scenario.Rework(false, r.reviewHoldShare(), r.scanFailureShare(), r.fix());
    }

    /** The sweep over {@code p}. */
    public Sweep sweep(Sweep.Parameter p) {
        return sweeps.stream().filter(w -> w.parameter() == p).findFirst().orElseThrow();
    }
}
