package gcc.clearance;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observed clearance records as CSV: {@code arrival,release,inspected,green}, times as ISO-8601
 * local date-times (port time), flags as true/false or 1/0, one consignment a line, lines starting
 * with # are comments. {@code green} means released by the green scan. Times are read as seconds
 * after the Monday 00:00 before the first arrival, so the weekly pattern lines up with the model.
 * Also writes synthetic records from the model, for the shipped example. Stateless.
 */
public final class ClearanceRecords {
    /** One consignment. */
    public record Row(double arrivalSeconds, double releaseSeconds, boolean inspected, boolean green) {
        double clearanceSeconds() {
            return releaseSeconds - arrivalSeconds;
        }
    }

    private ClearanceRecords() {
    }

    public static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String[]> cells = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!l.replace(" ", "").equalsIgnoreCase("arrival,release,inspected,green")) {
                    throw new IllegalArgumentException(csv + ":" + (i + 1) + ": the header must be arrival,release,inspected,green");
                }
                header = true;
                continue;
            }
            String[] c = l.split(",", -1);
            if (c.length != 4) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected 4 fields, found " + c.length);
            }
            cells.add(c);
            lineNumbers.add(i + 1);
        }
        if (cells.size() < 100) {
            throw new IllegalArgumentException(csv + ": need at least 100 records to calibrate, found " + cells.size());
        }
        LocalDateTime[] arrival = new LocalDateTime[cells.size()];
        LocalDateTime[] release = new LocalDateTime[cells.size()];
        LocalDateTime first = null;
        for (int i = 0; i < cells.size(); i++) {
            String where = csv + ":" + lineNumbers.get(i) + ": ";
            try {
                arrival[i] = LocalDateTime.parse(cells.get(i)[0].strip());
                release[i] = LocalDateTime.parse(cells.get(i)[1].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + "times must be ISO-8601 like 2026-05-11T08:15:00: " + e.getParsedString(), e);
            }
            if (release[i].isBefore(arrival[i])) {
                throw new IllegalArgumentException(where + "release before arrival");
            }
            first = first == null || arrival[i].isBefore(first) ? arrival[i] : first;
        }
        LocalDateTime monday = first.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long origin = monday.toEpochSecond(ZoneOffset.UTC);
        List<Row> rows = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            String where = csv + ":" + lineNumbers.get(i) + ": ";
            rows.add(new Row(arrival[i].toEpochSecond(ZoneOffset.UTC) - origin, release[i].toEpochSecond(ZoneOffset.UTC) - origin,
                    flag(cells.get(i)[2], where + "inspected"), flag(cells.get(i)[3], where + "green")));
        }
        rows.sort((a, b) -> Double.compare(a.arrivalSeconds(), b.arrivalSeconds()));
        return rows;
    }

    private static boolean flag(String v, String what) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(what + " must be true/false or 1/0: '" + v + "'");
        };
    }

    /**
     * Simulates {@code s} with the green lane for {@code weeks} after a week of warm-up and writes
     * the measured consignments as records starting {@code start} (a Monday 00:00).
     */
    public static int writeSynthetic(Scenario s, LatencyDistribution latency, int weeks, LocalDateTime start, List<String> header,
                                     Path csv) throws IOException {
        double warmup = 168 * 3600;
        Scenario run = s.withControls(new Scenario.Controls(168 + weeks * 168.0, 168, 2, 2, s.controls().seed()));
        Simulation.Result r = Network.simulation(run, latency, true, run.controls().seed()).run();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            for (String h : header) {
                w.println("# " + h);
            }
            w.println("arrival,release,inspected,green");
            for (int i = 0; i < r.measured(); i++) {
                LocalDateTime a = start.plusSeconds(Math.round(r.arrivalSeconds()[i] - warmup));
                LocalDateTime d = start.plusSeconds(Math.round(r.arrivalSeconds()[i] - warmup + r.sojournSeconds()[i]));
                w.printf(Locale.ROOT, "%s,%s,%d,%d%n", a, d, (r.tags()[i] & Network.INSPECTED) != 0 ? 1 : 0,
                        (r.tags()[i] & Network.RELEASED_BY_SCAN) != 0 ? 1 : 0);
            }
        }
        return (int) r.measured();
    }
}
