package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scripts/clearance}: the clearance-time model alone, without a load test. */
@Command(name = "clearance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate export clearance with and without the green lane and find where the 40%% cut holds",
                "(docs/clearance-model.md). Writes OUT/clearance.json (comparison, sweeps, region, adoption), the heatmap,",
                "line and adoption PNGs, OUT/clearance.html and OUT/clearance-section.html. Exit 2 on bad input."})
public final class ClearanceModelMain implements Callable<Integer> {
    @Option(names = "--scenario", arity = "1..*", paramLabel = "FILE", description = "scenario JSON files (default: loadtest/scenarios/*.json)")
    List<Path> scenarios;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out = Path.of("loadtest/results/clearance/latest");

    @Option(names = "--latency-hlog", paramLabel = "FILE", description = "server decision times: an HdrHistogram log of microseconds")
    Path hlog;

    @Option(names = "--latency-us", paramLabel = "N", description = "server decision time as a constant (default: ${DEFAULT-VALUE} us)")
    double latencyMicros = 300;

    @Option(names = "--quick", description = "a tenth of the horizon, 3 replications, a coarse sweep grid (seconds, for smoke tests)")
    boolean quick;

    @Option(names = "--calibrate", paramLabel = "CSV", description = {"fit the first scenario's baseline to observed records"
            + " (arrival,release,inspected,green; example: loadtest/calibration/example-records.csv), write"
            + " OUT/calibrated-<scenario>.json and model the fitted scenario"})
    Path calibrate;

    @Option(names = "--update-doc", paramLabel = "MD", description = "rewrite the generated figures block of MD (docs/clearance-model.md) from this run")
    Path updateDoc;

    @Option(names = "--from-results", description = "with --update-doc: take the figures from OUT/clearance.json instead of running the model")
    boolean fromResults;

    @Option(names = "--synthesize", paramLabel = "CSV", description = "write synthetic records simulated from the first scenario, then exit")
    Path synthesize;

    @Option(names = "--weeks", paramLabel = "N", description = "weeks of synthetic records (default: ${DEFAULT-VALUE})")
    int weeks = 4;

    @Override
    public Integer call() throws Exception {
        List<Path> files = scenarios != null ? scenarios : ClearanceReport.scenarioFiles(Path.of("loadtest/scenarios"));
        if (files.isEmpty()) {
            System.err.println("clearance: no scenario files (pass --scenario FILE or run from the repository root)");
            return 2;
        }
        if (!(latencyMicros >= 0)) {
            System.err.println("clearance: --latency-us must be >= 0");
            return 2;
        }
        LatencyDistribution latency = hlog != null ? LatencyDistribution.ofHistogram(readLog(hlog))
                : LatencyDistribution.constantMicros(latencyMicros);
        String source = hlog != null ? "measured, HdrHistogram log " + hlog.getFileName() : "constant " + latencyMicros + " us";
        List<Scenario> loaded = new ArrayList<>();
        for (Path f : files) {
            loaded.add(Scenario.load(f));
        }
        if (synthesize != null) {
            Scenario s = loaded.get(0);
            int rows = ClearanceRecords.writeSynthetic(s, latency, weeks, LocalDateTime.of(2026, 5, 11, 0, 0), List.of(
                    "SYNTHETIC clearance records, not port data: simulated by scripts/clearance --synthesize from " + files.get(0).getFileName(),
                    String.format("(%s: review mean %.1f min, inspection mean %.1f min, eligible share %.2f, %d weeks).",
                            s.name(), s.review().meanMinutes(), s.inspection().meanMinutes(), s.green().eligibleShare(), weeks),
                    "Columns: arrival and release (ISO-8601 port time), inspected and green (1 = released by the green scan)."), synthesize);
            System.out.println("wrote " + rows + " synthetic records to " + synthesize);
            return 0;
        }
        if (fromResults) {
            if (updateDoc == null) {
                System.err.println("clearance: --from-results goes with --update-doc");
                return 2;
            }
            DocFigures.update(updateDoc, loaded, new ObjectMapper().readTree(out.resolve("clearance.json").toFile()));
            System.out.println("updated the figures in " + updateDoc + " from " + out.resolve("clearance.json"));
            return 0;
        }
        ObjectNode calibration = null;
        if (calibrate != null) {
            Calibration.Fit fit = Calibration.fit(loaded.get(0), ClearanceRecords.read(calibrate), latency, new ObjectMapper());
            calibration = fit.report();
            calibration.put("records", calibrate.getFileName().toString());
            Files.createDirectories(out);
            Path file = out.resolve("calibrated-" + ClearanceReport.slug(loaded.get(0).name()) + ".json");
            Files.writeString(file, fit.scenario().toJson(new ObjectMapper()).toPrettyString() + "\n");
            System.out.println("calibrated: " + calibration.get("fitted") + " -> " + file);
            loaded = List.of(fit.scenario());
        }
        ObjectNode doc = ClearanceReport.write(loaded, latency, source, out, quick, calibration, System.out);
        System.out.println(doc.get("region").asText());
        if (updateDoc != null) {
            DocFigures.update(updateDoc, loaded, doc);
            System.out.println("updated the figures in " + updateDoc);
        }
        System.out.println("wrote " + out.resolve("clearance.json") + " and " + out.resolve("clearance.html"));
        return 0;
    }

    static Histogram readLog(Path file) throws IOException {
        Histogram sum = new Histogram(3);
        try (HistogramLogReader r = new HistogramLogReader(file.toFile())) {
            while (r.hasNext()) {
                sum.add((Histogram) r.nextIntervalHistogram());
            }
        }
        return sum;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new ClearanceModelMain());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof java.nio.file.NoSuchFileException) {
                System.err.println("clearance: no such file: " + e.getMessage());
                return 2;
            }
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                System.err.println("clearance: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cl.execute(args));
    }
}
