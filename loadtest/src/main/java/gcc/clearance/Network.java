package gcc.clearance;

import java.util.SplittableRandom;

/**
 * Turns a scenario into the simulator's stations and routing, before (no green lane) or after (the
 * eligible share takes the green lane). Per port, five stations: document review (officers),
 * inspection (teams), gate (lanes), code scan (no queue: handling plus the server's decision
 * time) and fix (no queue: the exporter's rework time). With {@code poolPorts} all ports share
 * one set whose staff is the sum, the pre-issue-15 model.
 *
 * <p>Every consignment draws exactly five uniforms (port, eligibility, inspection, scan outcome,
 * review holds), before and after alike, so both runs see the same consignments (common random
 * numbers): the eligible cohort is tagged in the "before" run too, and the difference between
 * the runs is the green lane, not noise. Stateless.
 */
final class Network {
    /** Tag bits of {@link Simulation.Route#tags()}. */
    static final int ELIGIBLE = 1;
    static final int INSPECTED = 2;
    static final int RELEASED_BY_SCAN = 4;
    static final int PORT_SHIFT = 8;

    private static final int REVIEW = 0;
    private static final int INSPECTION = 1;
    private static final int GATE = 2;
    private static final int SCAN = 3;
    private static final int FIX = 4;
    private static final int PER_PORT = 5;
    private static final int MAX_HOLDS = 30;

    private Network() {
    }

    static Simulation simulation(Scenario s, LatencyDistribution latency, boolean greenLane, long seed) {
        return new Simulation(stations(s, latency), router(s, greenLane), s.arrivals().process(s.arrivalsPerHour()),
                s.controls().warmupHours() * 3600, s.controls().horizonHours() * 3600, seed);
    }

    static Simulation.Station[] stations(Scenario s, LatencyDistribution latency) {
        int sets = s.poolPorts() ? 1 : s.ports().size();
        ServiceTime scan = new ServiceTime() {
            @Override
            public double sample(SplittableRandom r) {
                return s.green().scanSeconds() + latency.sample(r);
            }

            @Override
            public double mean() {
                return s.green().scanSeconds() + latency.mean();
            }
        };
        ServiceTime review = s.review().time();
        ServiceTime inspection = s.inspection().time();
        ServiceTime gate = s.gate().time();
        ServiceTime fix = s.rework().fix().time();
        Simulation.Station[] st = new Simulation.Station[sets * PER_PORT];
        for (int i = 0; i < sets; i++) {
            int officers = 0;
            int teams = 0;
            int lanes = 0;
            for (int p = 0; p < s.ports().size(); p++) {
                if (s.poolPorts() || p == i) {
                    officers += s.ports().get(p).reviewOfficers();
                    teams += s.ports().get(p).inspectionTeams();
                    lanes += s.ports().get(p).gateLanes();
                }
            }
            String port = s.poolPorts() ? "pooled" : s.ports().get(i).name();
            st[i * PER_PORT + REVIEW] = new Simulation.Station(port + " review", officers, review, s.roster(officers));
            st[i * PER_PORT + INSPECTION] = new Simulation.Station(port + " inspection", teams, inspection, s.roster(teams));
            st[i * PER_PORT + GATE] = new Simulation.Station(port + " gate", lanes, gate);
            st[i * PER_PORT + SCAN] = new Simulation.Station(port + " scan", 0, scan);
            st[i * PER_PORT + FIX] = new Simulation.Station(port + " fix", 0, fix);
        }
        return st;
    }

    static Simulation.Router router(Scenario s, boolean greenLane) {
        double total = s.arrivalsPerHour();
        double[] cumulative = new double[s.ports().size()];
        double acc = 0;
        for (int p = 0; p < cumulative.length; p++) {
            acc += s.ports().get(p).arrivalsPerHour() / total;
            cumulative[p] = acc;
        }
        double e = s.green().eligibleShare();
        boolean rework = s.rework().enabled();
        double fail = rework ? s.rework().scanFailureShare() : 0;
        double hold = rework ? s.rework().reviewHoldShare() : 0;
        double pBefore = s.inspectionPolicy().share();
        double pGreen = greenInspection(s.inspectionPolicy());
        double pRest = restInspection(s.inspectionPolicy(), e * (1 - fail));
        return r -> {
            double uPort = r.nextDouble();
            double uEligible = r.nextDouble();
            double uInspect = r.nextDouble();
            double uScan = r.nextDouble();
            double uHold = r.nextDouble();
            int port = 0;
            while (port < cumulative.length - 1 && uPort >= cumulative[port]) {
                port++;
            }
            int base = (s.poolPorts() ? 0 : port) * PER_PORT;
            boolean eligible = uEligible < e;
            boolean viaScan = greenLane && eligible;
            boolean scanFailed = viaScan && uScan < fail;
            boolean released = viaScan && !scanFailed;
            boolean manual = !released;
            double pInspect = !greenLane ? pBefore : released ? pGreen : pRest;
            boolean inspected = uInspect < pInspect;
            int holds = manual && hold > 0 ? Math.min(MAX_HOLDS, (int) Math.floor(Math.log(1.0 - uHold) / Math.log(hold))) : 0;
            int[] route = new int[(viaScan ? 1 : 0) + (scanFailed ? 1 : 0) + (manual ? 1 + 2 * holds : 0) + (inspected ? 1 : 0) + 1];
            int k = 0;
            if (viaScan) {
                route[k++] = base + SCAN;
            }
            if (scanFailed) {
                route[k++] = base + FIX;
            }
            if (manual) {
                for (int h = 0; h < holds; h++) {
                    route[k++] = base + REVIEW;
                    route[k++] = base + FIX;
                }
                route[k++] = base + REVIEW;
            }
            if (inspected) {
                route[k++] = base + INSPECTION;
            }
            route[k] = base + GATE;
            int tags = (eligible ? ELIGIBLE : 0) | (inspected ? INSPECTED : 0) | (released ? RELEASED_BY_SCAN : 0) | (port << PORT_SHIFT);
            return new Simulation.Route(route, tags);
        };
    }

    /** Inspection probability of a consignment the green scan released. */
    static double greenInspection(Scenario.InspectionPolicy p) {
        return switch (p.targeting()) {
            case UNIFORM -> p.greenShare();
            case RISK -> Math.min(1, p.share() * p.greenRiskRatio());
        };
    }

    /**
     * Inspection probability of every other consignment once {@code releasedShare} of all are
     * released by the scan: under RISK, what keeps the overall inspected fraction at the budget.
     */
    static double restInspection(Scenario.InspectionPolicy p, double releasedShare) {
        return switch (p.targeting()) {
            case UNIFORM -> p.share();
            case RISK -> releasedShare >= 1 ? p.share()
                    : Math.max(0, Math.min(1, (p.share() - releasedShare * greenInspection(p)) / (1 - releasedShare)));
        };
    }

    /** Mean visits to document review per manual consignment (1 plus the expected HOLDs). */
    static double reviewVisits(Scenario s) {
        return s.rework().enabled() ? 1 / (1 - s.rework().reviewHoldShare()) : 1;
    }

    /** Baseline (no green lane) review utilization of each port: offered load over officers. */
    static double[] reviewUtilizationByPort(Scenario s) {
        double[] u = new double[s.ports().size()];
        for (int p = 0; p < u.length; p++) {
            Scenario.Port port = s.ports().get(p);
            u[p] = port.arrivalsPerHour() / 60 * reviewVisits(s) * s.review().meanMinutes() / port.reviewOfficers();
        }
        return u;
    }

    /** Baseline review utilization over all ports: total offered load over total officers. */
    static double reviewUtilization(Scenario s) {
        int officers = s.ports().stream().mapToInt(Scenario.Port::reviewOfficers).sum();
        return s.arrivalsPerHour() / 60 * reviewVisits(s) * s.review().meanMinutes() / officers;
    }

    /** The scenario with the mean review time scaled so that {@link #reviewUtilization} is {@code rho}. */
    static Scenario atReviewUtilization(Scenario s, double rho) {
        return s.withReviewMeanMinutes(s.review().meanMinutes() * rho / reviewUtilization(s));
    }
}
