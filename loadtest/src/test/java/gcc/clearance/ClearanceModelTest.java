package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against closed forms, and the model's outputs, at fixed seeds. */
class ClearanceModelTest {
    @TempDir
    Path dir;

    private static double simulatedWait(int servers, double lambda, double mu, long seed) {
        Simulation.Station[] one = {new Simulation.Station("s", servers, ServiceTime.exponential(1 / mu))};
        Simulation.Result r = new Simulation(one, rnd -> new int[]{0}, lambda, 2_000, 202_000, seed).run();
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
    void shouldMatchMm1MeanWaitWithinFivePercent() {
        double lambda = 0.7;
        double mu = 1.0;
        double expected = (lambda / mu) / (mu - lambda);
        assertEquals(expected, simulatedWait(1, lambda, mu, 1), expected * 0.05);
    }

    @Test
    void shouldMatchMmcMeanWaitByErlangCWithinFivePercent() {
        for (int c : new int[]{2, 5}) {
            double mu = 1.0 / 10;
            double lambda = 0.8 * c * mu;
            double expected = ErlangC.meanWait(c, lambda, mu);
            assertEquals(expected, simulatedWait(c, lambda, mu, 7), expected * 0.05, "M/M/" + c);
        }
    }

    @Test
    void shouldRepeatForTheSameSeed() {
        Simulation.Station[] one = {new Simulation.Station("s", 2, ServiceTime.lognormal(60, 0.8))};
        Simulation.Result a = new Simulation(one, r -> new int[]{0}, 0.02, 100, 10_000, 3).run();
        Simulation.Result b = new Simulation(one, r -> new int[]{0}, 0.02, 100, 10_000, 3).run();
        assertArrayEquals(a.sojournSeconds(), b.sojournSeconds());
    }

    private static Scenario small(double share) {
        return new Scenario("test port", 6, 300, 20, 3, 11,
                new Scenario.Service(3, "lognormal", 25, 0.8), 0.1, 0.1, new Scenario.Service(2, "lognormal", 60, 0.6),
                new Scenario.Service(2, "erlang", 3, 0.5), share, 20);
    }

    @Test
    void shouldCutMoreWithAHigherEligibleShareAndFindTheFortyPercentShare() {
        LatencyDistribution fast = LatencyDistribution.constantMicros(300);
        ClearanceModel.Stats base = ClearanceModel.simulate(small(0.3), fast, false);
        double previous = -1;
        for (double share : new double[]{0.0, 0.25, 0.5, 0.75, 1.0}) {
            double cut = 1 - ClearanceModel.simulate(small(share), fast, true).meanSeconds() / base.meanSeconds();
            assertTrue(cut >= previous - 0.02, "cut " + cut + " at share " + share + " after " + previous);
            previous = cut;
        }
        Double min = ClearanceModel.minimumShare(small(0.3), fast, base.meanSeconds());
        assertTrue(min != null && min > 0 && min < 1, "min share " + min);
        double at = 1 - ClearanceModel.simulate(small(min), fast, true).meanSeconds() / base.meanSeconds();
        assertTrue(at >= 0.4, "the share found reaches 40%: " + at);
    }

    @Test
    void shouldWriteResultJsonAndChart() throws Exception {
        ClearanceResult r = ClearanceModel.run(small(0.5), LatencyDistribution.constantMicros(300));
        ObjectNode n = r.toJson(new ObjectMapper());
        for (String f : new String[]{"scenario", "eligibleShare", "baseline", "green", "reductionPercent",
                "minimumEligibleShareFor40Percent", "maximumServerDecisionSecondsFor40Percent", "reductionByEligibleShare"}) {
            assertTrue(n.has(f), f);
        }
        assertTrue(n.get("baseline").get("meanMinutes").asDouble() > n.get("green").get("meanMinutes").asDouble());
        assertTrue(n.get("maximumServerDecisionSecondsFor40Percent").asDouble() > 1,
                "a server taking a second would still cut clearance by 40% here");
        Path png = dir.resolve("c.png");
        r.writeChart(png);
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');
    }

    @Test
    void shouldNameTheFieldOfABadScenario() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, Files.readString(Path.of(System.getProperty("user.dir"), "scenarios", "ningbo-pilot.json"))
                .replace("\"inspectionShare\": 0.10", "\"inspectionShare\": 1.5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.load(f));
        assertTrue(e.getMessage().contains("inspectionShare"), e.getMessage());
        assertEquals("Ningbo pilot", Scenario.load(Path.of(System.getProperty("user.dir"), "scenarios", "ningbo-pilot.json")).name());
    }
}
