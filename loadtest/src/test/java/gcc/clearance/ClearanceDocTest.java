package gcc.clearance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/clearance-model.md against the committed results: its generated figures equal what the
 * committed clearance.json and the scenario files render to, and that JSON's headline figures
 * equal what the model computes now. Change the model or a scenario without re-running
 * {@code scripts/clearance --update-doc docs/clearance-model.md} and this fails.
 */
class ClearanceDocTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path RESULTS = ROOT.resolve("loadtest/results/clearance/latest/clearance.json");

    private static List<Scenario> scenarios() throws Exception {
        List<Scenario> s = new ArrayList<>();
        for (Path f : ClearanceReport.scenarioFiles(ROOT.resolve("loadtest/scenarios"))) {
            s.add(Scenario.load(f));
        }
        return s;
    }

    @Test
    void shouldKeepTheDocsFiguresEqualToTheCommittedJson() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RESULTS.toFile());
        String md = Files.readString(ROOT.resolve("docs/clearance-model.md"));
        String block = DocFigures.block(md);
        assertNotNull(block, "docs/clearance-model.md has the generated figures block");
        assertEquals(DocFigures.render(scenarios(), doc).strip(), block.strip(),
                "run scripts/clearance --update-doc docs/clearance-model.md and commit the result");
        assertTrue(md.contains(doc.get("region").asText()), "the doc states the region sentence");
        assertEquals(false, doc.get("quick").asBoolean(), "the committed results are a full run");
    }

    @Test
    void shouldReproduceTheCommittedHeadlineFromTheModel() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RESULTS.toFile());
        String source = doc.get("latencySource").asText();
        assertTrue(source.matches("constant [0-9.]+ us"), "the committed run uses a constant decision time: " + source);
        LatencyDistribution latency = LatencyDistribution.constantMicros(Double.parseDouble(source.split(" ")[1]));
        List<Scenario> scenarios = scenarios();
        assertEquals(scenarios.size(), doc.get("scenarios").size());
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            JsonNode n = doc.get("scenarios").get(i);
            assertEquals(s.name(), n.get("scenario").asText());
            Comparison c = ClearanceModel.compare(s, latency, s.controls().replications());
            for (Cohort.Group g : Cohort.Group.values()) {
                String k = ClearanceJson.key(g);
                assertEquals(ClearanceJson.round(c.before().get(g).mean().mean() / 60), n.at("/clearanceMinutes/before/" + k + "/mean").asDouble(),
                        1e-9, s.name() + " before " + k);
                assertEquals(ClearanceJson.round(c.after().get(g).mean().mean() / 60), n.at("/clearanceMinutes/after/" + k + "/mean").asDouble(),
                        1e-9, s.name() + " after " + k);
                assertEquals(ClearanceJson.round(100 * c.cut().get(g).mean()), n.at("/reductionPercent/" + k + "/value").asDouble(), 1e-9);
            }
            assertEquals(ClearanceJson.round(Network.reviewUtilization(s)), n.get("reviewUtilization").asDouble(), 1e-9);
        }
    }
}
