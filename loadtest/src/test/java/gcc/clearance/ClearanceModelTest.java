package gcc.clearance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's routing, cohorts and outputs on small scenarios at fixed seeds (bounded event counts). */
class ClearanceModelTest {
    @TempDir
    Path dir;

    static final LatencyDistribution FAST = LatencyDistribution.constantMicros(300);

    static Path scenarioFile(String name) {
        return Path.of(System.getProperty("user.dir"), "scenarios", name);
    }

    /** Ningbo's file with a shorter horizon: the realistic switches, at test cost. */
    static Scenario ningbo(double horizonHours) throws Exception {
        Scenario s = Scenario.load(scenarioFile("ningbo-pilot.json"));
        return s.withControls(new Scenario.Controls(horizonHours, 168, 3, 2, s.controls().seed()));
    }

    private static long count(Simulation.Result r, int mask) {
        long n = 0;
        for (int t : r.tags()) {
            if ((t & mask) == mask) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldCutMoreWithAHigherEligibleShareAndFindTheFortyPercentShare() throws Exception {
        Scenario s = ningbo(800);
        double base = ClearanceModel.mean(ClearanceModel.replicationMeans(s, FAST, false, 2));
        double previous = -1;
        for (double share : new double[]{0.0, 0.25, 0.5, 0.75, 1.0}) {
            double cut = ClearanceModel.cutAt(s.withEligibleShare(share), FAST, base, 2);
            assertTrue(cut >= previous - 0.02, "cut " + cut + " at share " + share + " after " + previous);
            previous = cut;
        }
        Double min = ClearanceModel.minimumShare(s, FAST, base, 2);
        assertTrue(min != null && min > 0 && min < 1, "min share " + min);
        assertTrue(ClearanceModel.cutAt(s.withEligibleShare(min), FAST, base, 2) >= 0.4, "the share found reaches 40%");
    }

    @Test
    void shouldSeeTheSameConsignmentsBeforeAndAfter() throws Exception {
        Scenario s = ningbo(400);
        Simulation.Result before = Network.simulation(s, FAST, false, 1).run();
        Simulation.Result after = Network.simulation(s, FAST, true, 1).run();
        assertEquals(before.measured(), after.measured());
        assertEquals(count(before, Network.ELIGIBLE), count(after, Network.ELIGIBLE), "the eligible cohort is the same consignments");
        assertEquals(0, count(before, Network.RELEASED_BY_SCAN));
        double eligible = count(after, Network.ELIGIBLE) / (double) after.measured();
        assertEquals(s.green().eligibleShare(), eligible, 0.03);
        double failed = 1 - count(after, Network.RELEASED_BY_SCAN) / (double) count(after, Network.ELIGIBLE);
        assertEquals(s.rework().scanFailureShare(), failed, 0.02, "failed scans take the manual route");
    }

    @Test
    void shouldKeepTheInspectionBudgetWhenTargetingByRisk() throws Exception {
        Scenario s = ningbo(2000).withEligibleShare(0.5);
        Simulation.Result after = Network.simulation(s, FAST, true, 2).run();
        double inspected = count(after, Network.INSPECTED) / (double) after.measured();
        assertEquals(s.inspectionPolicy().share(), inspected, 0.01, "overall inspected share stays the budget");
        double green = count(after, Network.RELEASED_BY_SCAN | Network.INSPECTED) / (double) count(after, Network.RELEASED_BY_SCAN);
        assertEquals(s.inspectionPolicy().share() * s.inspectionPolicy().greenRiskRatio(), green, 0.01, "green inspected at share x ratio");
        assertEquals(0.15, Network.restInspection(s.inspectionPolicy(), 0.5), 1e-9, "(0.10 - 0.5 * 0.05) / 0.5");
        Scenario.InspectionPolicy uniform = new Scenario.InspectionPolicy(0.1, Scenario.Targeting.UNIFORM, 0.07, 0.5);
        assertEquals(0.07, Network.greenInspection(uniform), 1e-12);
        assertEquals(0.1, Network.restInspection(uniform, 0.9), 1e-12);
    }

    @Test
    void shouldRouteEachPortToItsOwnStaffAndPoolingShortensWaits() throws Exception {
        Scenario yrd = Scenario.load(scenarioFile("yrd-peak.json"));
        Scenario s = yrd.withControls(new Scenario.Controls(300, 48, 2, 2, 1)).withArrivals(new Scenario.Arrivals(Scenario.Pattern.POISSON,
                yrd.arrivals().weekdayFactors(), yrd.arrivals().hourFactors(), List.of())).withStaffing(Scenario.Staffing.CONSTANT);
        Simulation.Result separate = Network.simulation(s, FAST, false, 4).run();
        for (int p = 0; p < s.ports().size(); p++) {
            long n = 0;
            for (int t : separate.tags()) {
                if (t >> Network.PORT_SHIFT == p) {
                    n++;
                }
            }
            assertEquals(s.ports().get(p).arrivalsPerHour() / s.arrivalsPerHour(), n / (double) separate.measured(), 0.02, "port " + p);
        }
        assertEquals(4 * 5, Network.stations(s, FAST).length, "five stations per port");
        assertEquals(5, Network.stations(s.withPorts(s.ports(), true), FAST).length);
        assertEquals(21, Network.stations(s.withPorts(s.ports(), true), FAST)[0].servers(), "pooled review has every officer");
        Simulation.Result pooled = Network.simulation(s.withPorts(s.ports(), true), FAST, false, 4).run();
        assertTrue(pooled.mean() < separate.mean(), "pooled officers wait less: " + pooled.mean() + " vs " + separate.mean());
    }

    @Test
    void shouldReportReviewUtilizationIncludingReworkVisits() throws Exception {
        Scenario s = ningbo(400);
        // 6/h x 24 min x 1/(1 - 0.05) visits / 3 officers
        assertEquals(6 / 60.0 * 24 / 0.95 / 3, Network.reviewUtilization(s), 1e-9);
        assertEquals(0.7, Network.reviewUtilization(Network.atReviewUtilization(s, 0.7)), 1e-9);
        Scenario yrd = Scenario.load(scenarioFile("yrd-peak.json"));
        assertEquals(40 / 60.0 * 24 / 0.95 / 21, Network.reviewUtilization(yrd), 1e-9);
    }

    @Test
    void shouldRosterTheSameOfficerHoursByShift() throws Exception {
        Scenario s = ningbo(400);
        int[] roster = s.roster(3);
        int day = 0;
        for (int h = 0; h < 24; h++) {
            assertTrue(roster[h] >= 1);
            day += roster[h];
        }
        assertEquals(72, day, "3 officers x 24 h");
        assertTrue(roster[10] > roster[3], "more on the day shift");
        assertNull(s.withStaffing(Scenario.Staffing.CONSTANT).roster(3));
    }

    @Test
    void shouldWriteJsonPlotsHtmlAndRegionInQuickMode() throws Exception {
        Scenario s = ningbo(2000);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JsonNode doc = ClearanceReport.write(List.of(s), FAST, "constant 300.0 us", dir, true, null, new PrintStream(log));
        JsonNode n = doc.get("scenarios").get(0);
        for (String f : new String[]{"clearanceMinutes", "reductionPercent", "restShareOfCutPercent", "minimumEligibleShareFor40Percent",
                "maximumServerDecisionSecondsFor40Percent", "reductionByEligibleShare", "realismSwitches", "sweeps", "adoption", "region"}) {
            assertTrue(n.has(f), f);
        }
        for (String phase : new String[]{"before", "after"}) {
            for (String g : new String[]{"all", "green", "rest"}) {
                for (String q : new String[]{"mean", "meanHalfWidth", "median", "p95"}) {
                    assertTrue(n.at("/clearanceMinutes/" + phase + "/" + g).has(q), phase + " " + g + " " + q);
                }
            }
        }
        assertTrue(n.at("/clearanceMinutes/after/green/mean").asDouble() < n.at("/clearanceMinutes/before/green/mean").asDouble());
        for (String key : new String[]{"reviewUtilization", "inspectionShare", "scanFailureShare"}) {
            JsonNode t = n.get("sweeps").get(key);
            assertEquals(t.get("rowValues").size(), t.get("reductionPercent").size());
            assertEquals(t.get("eligibleShares").size(), t.get("reductionPercent").get(0).size());
            for (String kind : new String[]{"heatmap", "lines"}) {
                byte[] b = Files.readAllBytes(dir.resolve("clearance-ningbo-pilot-" + key + "-" + kind + ".png"));
                assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', key + " " + kind);
            }
        }
        assertTrue(Files.size(dir.resolve("clearance-ningbo-pilot-adoption.png")) > 1000);
        assertTrue(doc.get("region").asText().startsWith("Under the stated assumptions"), doc.get("region").asText());
        String html = Files.readString(dir.resolve("clearance.html"));
        assertTrue(html.contains("clearance-ningbo-pilot-reviewUtilization-heatmap.png") && html.contains("Where 40% holds"));
        assertEquals(Files.readString(dir.resolve(ClearanceReport.SECTION)), ClearanceHtml.section(new ObjectMapper().readTree(
                dir.resolve("clearance.json").toFile())));
    }

    @Test
    void shouldFindTheContourBetweenGridPoints() {
        double[] shares = {0, 0.25, 0.5};
        assertEquals(0.375, Sweep.crossing(shares, new double[]{0, 0.3, 0.5}), 1e-12);
        assertNull(Sweep.crossing(shares, new double[]{0, 0.1, 0.39}));
    }

    @Test
    void shouldCapAdoptionByLabCapacity() throws Exception {
        Scenario s = ningbo(400);
        Adoption.Month[] m = Adoption.curve(s, new double[]{0, 1}, new double[]{0, 0.8});
        Scenario.Adoption a = s.adoption();
        double cap1 = a.labReportsPerMonth() * a.consignmentsPerReport() / a.reportValidityMonths() / (6 * Adoption.HOURS_PER_MONTH);
        assertEquals(cap1, m[0].labCapShare(), 1e-9, "month 1: one month of reports in force");
        assertEquals(cap1 * 6, m[11].labCapShare(), 1e-9, "from month 6: six months of reports in force");
        for (Adoption.Month x : m) {
            assertEquals(Math.min(x.demandShare(), x.labCapShare()), x.share(), 1e-12);
            assertEquals(0.8 * x.share(), x.cut(), 1e-12);
        }
    }

    @Test
    void shouldNameTheFieldOfABadScenario() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, Files.readString(scenarioFile("ningbo-pilot.json")).replace("\"share\": 0.10", "\"share\": 1.5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.load(f));
        assertTrue(e.getMessage().contains("'share'"), e.getMessage());
        Files.writeString(f, Files.readString(scenarioFile("ningbo-pilot.json")).replace("\"targeting\": \"risk\"", "\"targeting\": \"random\""));
        e = assertThrows(IllegalArgumentException.class, () -> Scenario.load(f));
        assertTrue(e.getMessage().contains("inspectionPolicy.targeting"), e.getMessage());
        Scenario s = Scenario.load(scenarioFile("ningbo-pilot.json"));
        assertEquals("Ningbo pilot", s.name());
        assertEquals(s, Scenario.parse(s.toJson(new ObjectMapper())).withArrivals(s.arrivals()), "toJson reads back");
    }
}
