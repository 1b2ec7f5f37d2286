package gcc.clearance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator and its samplers against closed forms, at fixed seeds and bounded event counts:
 * sampler moments, M/M/1 and M/M/c (Erlang C), an open Jackson network against its product form,
 * the non-homogeneous arrivals against their profile, and confidence intervals that shrink.
 */
class SimulationValidationTest {

    private static double[] moments(ServiceTime t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = t.sample(r);
            assertTrue(x >= 0, "negative draw " + x);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        return new double[]{mean, sumSq / n - mean * mean};
    }

    @Test
    void shouldDrawEachServiceTimeWithItsMeanAndVariance() {
        int n = 200_000;
        double m = 600;
        record Case(String name, ServiceTime t, double variance) {
        }
        for (Case c : List.of(new Case("exponential", ServiceTime.exponential(m), m * m),
                new Case("lognormal cv 0.8", ServiceTime.lognormal(m, 0.8), 0.64 * m * m),
                new Case("lognormal cv 0.3", ServiceTime.lognormal(m, 0.3), 0.09 * m * m),
                new Case("erlang-4", ServiceTime.erlang(4, m), m * m / 4),
                new Case("deterministic", ServiceTime.deterministic(m), 0))) {
            double[] mv = moments(c.t(), n, 42);
            assertEquals(m, mv[0], m * 0.01, c.name() + " mean");
            assertEquals(m, c.t().mean(), 1e-9, c.name() + " declared mean");
            assertEquals(c.variance(), mv[1], c.variance() * 0.05 + 1e-6, c.name() + " variance");
        }
    }

    @Test
    void shouldMapScenarioCvToErlangPhases() {
        // cv 0.5 -> k = 4 phases: variance mean^2 / 4
        double[] mv = moments(new Scenario.Service("erlang", 3, 0.5).time(), 100_000, 9);
        assertEquals(180 * 180 / 4.0, mv[1], 180 * 180 / 4.0 * 0.05);
    }

    private static double simulatedWait(int servers, double lambda, double mu, long seed) {
        Simulation.Station[] one = {new Simulation.Station("s", servers, ServiceTime.exponential(1 / mu))};
        Simulation.Result r = new Simulation(one, rnd -> Simulation.Route.of(0), lambda, 2_000, 202_000, seed).run();
        return r.meanWaitSeconds()[0];
    }

    @Test
    void shouldKnowErlangCTextbookValues() {
        assertEquals(1.0 / 3, ErlangC.probabilityOfWaiting(2, 1.0), 1e-12, "M/M/2 at rho 0.5");
        assertEquals(0.8, ErlangC.probabilityOfWaiting(1, 0.8), 1e-12, "M/M/1: P(wait) = rho");
        assertEquals(0.8 / (1 - 0.8), ErlangC.meanWait(1, 0.8, 1.0), 1e-9, "M/M/1: Wq = rho / (mu - lambda)");
        assertEquals(Double.POSITIVE_INFINITY, ErlangC.meanWait(2, 3, 1));
    }

    @Test
    void shouldMatchMm1AndMmcMeanWaitWithinFivePercent() {
        double expected1 = 0.7 / (1 - 0.7);
        assertEquals(expected1, simulatedWait(1, 0.7, 1.0, 1), expected1 * 0.05, "M/M/1");
        for (int c : new int[]{2, 5}) {
            double mu = 1.0 / 10;
            double lambda = 0.8 * c * mu;
            double expected = ErlangC.meanWait(c, lambda, mu);
            assertEquals(expected, simulatedWait(c, lambda, mu, 7), expected * 0.05, "M/M/" + c);
        }
    }

    @Test
    void shouldMatchAnOpenJacksonNetworkToItsProductForm() {
        // Three exponential stations with feedback; external arrivals at station 0.
        double gamma = 0.5;
        int[] servers = {1, 2, 1};
        double[] mean = {0.9, 2.2, 0.6};
        double[][] p = {{0, 0.6, 0.4}, {0.2, 0, 0.3}, {0.1, 0, 0}}; // the rest of each row leaves the network
        // Traffic equations lambda = gamma e0 + lambda P, by fixed-point iteration.
        double[] lambda = new double[3];
        for (int it = 0; it < 500; it++) {
            double[] next = {gamma, 0, 0};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[j] += lambda[i] * p[i][j];
                }
            }
            lambda = next;
        }
        double inNetwork = 0;
        double[] wq = new double[3];
        for (int i = 0; i < 3; i++) {
            double rho = lambda[i] * mean[i] / servers[i];
            assertTrue(rho < 0.75, "station " + i + " rho " + rho);
            wq[i] = ErlangC.meanWait(servers[i], lambda[i], 1 / mean[i]);
            inNetwork += lambda[i] * (wq[i] + mean[i]); // Little, per station (product form: independent M/M/c)
        }
        double expectedSojourn = inNetwork / gamma;

        Simulation.Station[] st = new Simulation.Station[3];
        for (int i = 0; i < 3; i++) {
            st[i] = new Simulation.Station("s" + i, servers[i], ServiceTime.exponential(mean[i]));
        }
        Simulation.Router markov = r -> {
            int[] path = new int[64];
            int n = 0;
            int at = 0;
            while (at >= 0 && n < path.length) {
                path[n++] = at;
                double u = r.nextDouble();
                int next = -1;
                double acc = 0;
                for (int j = 0; j < 3; j++) {
                    acc += p[at][j];
                    if (u < acc) {
                        next = j;
                        break;
                    }
                }
                at = next;
            }
            return Simulation.Route.of(java.util.Arrays.copyOf(path, n));
        };
        Simulation.Result res = new Simulation(st, markov, gamma, 2_000, 122_000, 11).run();
        assertEquals(expectedSojourn, res.mean(), expectedSojourn * 0.05, "mean time in the network");
        for (int i = 0; i < 3; i++) {
            assertEquals(wq[i], res.meanWaitSeconds()[i], Math.max(wq[i] * 0.10, 0.02), "mean wait at station " + i);
        }
    }

    @Test
    void shouldDrawWeeklyArrivalsAtTheProfilesRates() {
        double[] hourly = WeeklyProfile.hourly(new double[]{1.2, 1, 1, 1, 1, 0.8, 0.5},
                new double[]{0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1.5, 1.5, 1, 1, 1, 0.5, 0.5, 0.3},
                List.of(new WeeklyProfile.Wave(3, 8, 6, 1.5)));
        double perHour = 20;
        ArrivalProcess a = ArrivalProcess.weekly(perHour / 3600, hourly);
        int weeks = 40;
        long[][] counts = new long[weeks][168];
        SplittableRandom r = new SplittableRandom(5);
        double t = 0;
        long total = 0;
        while ((t = a.next(t, r)) < weeks * 168 * 3600.0) {
            counts[(int) (t / (168 * 3600))][WeeklyProfile.hourOfWeek(t)]++;
            total++;
        }
        assertEquals(perHour, total / (weeks * 168.0), perHour * 0.02, "mean rate");
        double sum = 0;
        for (double v : hourly) {
            sum += v;
        }
        for (int h : new int[]{2, 56, 58, 60, 130, 160}) {
            double expected = perHour * hourly[h] * 168 / sum;
            double mean = 0;
            for (long[] week : counts) {
                mean += week[h] / (double) weeks;
            }
            double var = 0;
            for (long[] week : counts) {
                var += (week[h] - mean) * (week[h] - mean) / (weeks - 1);
            }
            assertEquals(expected, mean, 4 * Math.sqrt(expected / weeks), "hour " + h);
            // Poisson counts: variance equals the mean (within sampling error of 40 weeks).
            assertEquals(1.0, var / expected, 0.6, "dispersion at hour " + h);
        }
    }

    @Test
    void shouldShrinkConfidenceIntervalsAsReplicationsGrow() {
        // M/M/1 at rho 0.5: mean time in system 1 / (mu - lambda) = 2 s.
        Simulation.Station[] one = {new Simulation.Station("s", 1, ServiceTime.exponential(1))};
        double previous = Double.POSITIVE_INFINITY;
        Estimate first = null;
        Estimate last = null;
        for (int n : new int[]{4, 16, 64}) {
            double[] means = new double[n];
            for (int rep = 0; rep < n; rep++) {
                means[rep] = new Simulation(one, rnd -> Simulation.Route.of(0), 0.5, 200, 4_200, 100 + rep).run().mean();
            }
            last = Estimate.of(means);
            first = first == null ? last : first;
            assertTrue(last.halfWidth() < previous, n + " replications: half-width " + last.halfWidth() + " after " + previous);
            previous = last.halfWidth();
        }
        // Expected: about 1/sqrt(16) of the 4-replication width, times t(63)/t(3) = 0.63, so a sixth; allow a third.
        assertTrue(last.halfWidth() < first.halfWidth() / 3, "64 vs 4 replications: " + last.halfWidth() + " vs " + first.halfWidth());
        assertEquals(2.0, last.mean(), last.halfWidth(), "the 64-replication interval covers the true mean");
        assertEquals(2.262, Estimate.t975(9), 1e-9);
        assertEquals(1.96, Estimate.t975(10_000), 1e-3);
    }

    @Test
    void shouldRepeatForTheSameSeedAndKeepAConstantRosterIdentical() {
        ServiceTime t = ServiceTime.lognormal(60, 0.8);
        int[] roster = new int[168];
        java.util.Arrays.fill(roster, 2);
        Simulation.Result a = new Simulation(new Simulation.Station[]{new Simulation.Station("s", 2, t)},
                rnd -> Simulation.Route.of(0), 0.03, 100, 20_000, 3).run();
        Simulation.Result b = new Simulation(new Simulation.Station[]{new Simulation.Station("s", 2, t)},
                rnd -> Simulation.Route.of(0), 0.03, 100, 20_000, 3).run();
        Simulation.Result c = new Simulation(new Simulation.Station[]{new Simulation.Station("s", 2, t, roster)},
                rnd -> Simulation.Route.of(0), 0.03, 100, 20_000, 3).run();
        assertArrayEquals(a.sojournSeconds(), b.sojournSeconds());
        assertArrayEquals(a.sojournSeconds(), c.sojournSeconds(), "a roster of 2 every hour is 2 servers");
    }

    @Test
    void shouldServeOnlyWithTheOfficersOnDuty() {
        // Arrivals only by day (08-20); a roster that puts the four officers on the day shift against one that puts them on nights.
        int[] dayShift = new int[168];
        int[] nightShift = new int[168];
        double[] hourly = new double[168];
        for (int h = 0; h < 168; h++) {
            boolean day = h % 24 >= 8 && h % 24 < 20;
            dayShift[h] = day ? 4 : 1;
            nightShift[h] = day ? 1 : 4;
            hourly[h] = day ? 1 : 0;
        }
        ServiceTime service = ServiceTime.exponential(1800);
        ArrivalProcess arrivals = ArrivalProcess.weekly(3.0 / 3600, hourly); // 6 per hour by day: 3 Erlangs
        double[] mean = new double[3];
        int k = 0;
        for (Simulation.Station st : new Simulation.Station[]{new Simulation.Station("r", 4, service),
                new Simulation.Station("r", 4, service, dayShift), new Simulation.Station("r", 4, service, nightShift)}) {
            mean[k++] = new Simulation(new Simulation.Station[]{st}, rnd -> Simulation.Route.of(0), arrivals, 24 * 3600,
                    29 * 24 * 3600, 8).run().mean();
        }
        assertEquals(mean[0], mean[1], mean[0] * 0.15, "four officers by day serve day arrivals like four around the clock");
        assertTrue(mean[2] > 3 * mean[1], "one officer by day queues the day's arrivals into the night: " + mean[2] + " vs " + mean[1]);
    }
}
