package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clearance model's one entry point for both launchers ({@code scripts/clearance} and the
 * load test): analyses each scenario and writes {@code clearance.json}, the heatmap, line and
 * adoption PNGs, {@code clearance.html} (a page) and {@code clearance-section.html} (the same
 * content for embedding) into one directory. Stateless.
 */
public final class ClearanceReport {
    /** The section file the load test's report embeds. */
    public static final String SECTION = "clearance-section.html";

    private ClearanceReport() {
    }

    /** The scenario files in {@code dir} ending in .json, sorted; empty if there is no such directory. */
    public static List<Path> scenarioFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var ls = Files.list(dir)) {
                ls.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Loads the files, then {@link #write(List, LatencyDistribution, String, Path, boolean, ObjectNode, PrintStream)}. */
    public static ObjectNode writeFiles(List<Path> files, LatencyDistribution latency, String latencySource, Path out, boolean quick,
                                        PrintStream progress) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : files) {
            scenarios.add(Scenario.load(f));
        }
        return write(scenarios, latency, latencySource, out, quick, null, progress);
    }

    public static ObjectNode write(List<Scenario> scenarios, LatencyDistribution latency, String latencySource, Path out, boolean quick,
                                   ObjectNode calibration, PrintStream progress) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("target", ClearanceJson.TARGET_DEFINITION);
        doc.put("latencySource", latencySource);
        doc.put("quick", quick);
        ArrayNode results = doc.putArray("scenarios");
        List<String> regions = new ArrayList<>();
        for (Scenario s : scenarios) {
            long t0 = System.nanoTime();
            Analysis a = Analysis.of(s, latency, quick);
            ObjectNode n = ClearanceJson.scenario(json, a);
            results.add(n);
            regions.add(n.get("region").asText());
            String slug = slug(s.name());
            for (Sweep w : a.sweeps()) {
                String key = w.parameter().key();
                Charts.heatmap(s.name() + ": cut by eligible share and " + w.parameter().label(), w,
                        out.resolve("clearance-" + slug + "-" + key + "-heatmap.png"));
                Charts.lines(s.name() + ": cut by eligible share, per " + w.parameter().label(), w,
                        out.resolve("clearance-" + slug + "-" + key + "-lines.png"));
            }
            if (a.adoption().length > 0) {
                Charts.adoption(s.name() + ": rollout, eligible share capped by lab capacity", a.adoption(),
                        out.resolve("clearance-" + slug + "-adoption.png"));
            }
            progress.printf(Locale.ROOT, "clearance: %-26s before %6.1f min, after %6.1f min, cut %5.1f%% +- %.1f (green %5.1f%%, rest %5.1f%%);"
                            + " 40%% needs eligible share %s  [%.0f s]%n", s.name(),
                    n.at("/clearanceMinutes/before/all/mean").asDouble(), n.at("/clearanceMinutes/after/all/mean").asDouble(),
                    n.at("/reductionPercent/all/value").asDouble(), n.at("/reductionPercent/all/halfWidth").asDouble(),
                    n.at("/reductionPercent/green/value").asDouble(), n.at("/reductionPercent/rest/value").asDouble(),
                    n.get("minimumEligibleShareFor40Percent").isNull() ? "unreachable" : n.get("minimumEligibleShareFor40Percent").asText(),
                    (System.nanoTime() - t0) / 1e9);
        }
        doc.put("region", "Under the stated assumptions, the 40% cut in mean clearance over all consignments holds where "
                + String.join("; ", regions) + ".");
        if (calibration != null) {
            doc.set("calibration", calibration);
        }
        Files.writeString(out.resolve("clearance.json"), doc.toPrettyString() + "\n");
        Files.writeString(out.resolve("clearance.html"), ClearanceHtml.page(doc));
        Files.writeString(out.resolve(SECTION), ClearanceHtml.section(doc));
        return doc;
    }

    static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
    }
}
