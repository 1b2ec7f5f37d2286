package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Runs the clearance-time model over scenario files and writes clearance.json and one chart per scenario. */
@Command(name = "clearance-model", mixinStandardHelpOptions = true,
        description = {"Simulate export clearance with and without the green lane (docs/clearance-model.md).",
                "Writes OUT/clearance.json and OUT/clearance-<scenario>.png."})
public final class ClearanceModelMain implements Callable<Integer> {
    @Option(names = "--scenario", required = true, arity = "1..*", paramLabel = "FILE", description = "scenario JSON files")
    List<Path> scenarios;

    @Option(names = "--latency-hlog", paramLabel = "FILE", description = "server decision times: an HdrHistogram log of microseconds")
    Path hlog;

    @Option(names = "--latency-us", paramLabel = "N", description = "server decision time as a constant (default: ${DEFAULT-VALUE} us)")
    double latencyMicros = 300;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Override
    public Integer call() throws Exception {
        LatencyDistribution latency = hlog != null ? LatencyDistribution.ofHistogram(readLog(hlog))
                : LatencyDistribution.constantMicros(latencyMicros);
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("latencySource", hlog != null ? hlog.toString() : "constant " + latencyMicros + " us");
        ArrayNode results = doc.putArray("scenarios");
        for (Path p : scenarios) {
            Scenario s = Scenario.load(p);
            ClearanceResult r = ClearanceModel.run(s, latency);
            results.add(r.toJson(json));
            Path png = out.resolve("clearance-" + s.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".png");
            r.writeChart(png);
            System.out.printf("%-28s baseline %6.1f min (p95 %6.1f)  green %6.1f min (p95 %6.1f)  cut %5.1f%%  "
                            + "min eligible share for 40%%: %s  max server time for 40%%: %s%n",
                    s.name(), r.baseline().meanSeconds() / 60, r.baseline().p95Seconds() / 60, r.green().meanSeconds() / 60,
                    r.green().p95Seconds() / 60, 100 * r.cut(),
                    r.minimumEligibleShare() == null ? "unreachable" : String.format("%.2f", r.minimumEligibleShare()),
                    r.maximumServerSeconds() == null ? "-" : String.format("%.0f s", r.maximumServerSeconds()));
        }
        Files.writeString(out.resolve("clearance.json"), doc.toPrettyString() + "\n");
        System.out.println("wrote " + out.resolve("clearance.json"));
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
        System.exit(new CommandLine(new ClearanceModelMain()).execute(args));
    }
}
