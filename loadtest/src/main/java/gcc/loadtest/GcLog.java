package gcc.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a unified log written with {@code -Xlog:gc,safepoint:file=...}.
 *
 * <p>When the log has safepoint lines, every safepoint is a pause, whatever stopped the threads (a
 * collector of any kind, a deoptimization, a biased-lock or code-cache operation), and its length
 * is the {@code Total} the line reports, time to reach the safepoint included, e.g.
 * {@code [3.1s][info][safepoint] Safepoint "ZMarkStart", Time since last: 75505693 ns, Reaching
 * safepoint: 5332890 ns, Cleanup: 22422 ns, At safepoint: 90553 ns, Total: 5445865 ns}. ZGC logs
 * no "Pause" line at this level, so this is the only way to see its pauses at all.
 *
 * <p>A log with only {@code -Xlog:gc} falls back to the lines of tag {@code gc} that report a
 * "Pause" (G1 and Parallel young, mixed, full, remark and cleanup pauses) and end in their
 * duration, e.g. {@code [2.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause)
 * 51M->9M(256M) 3.456ms}. Concurrent phases are not pauses and are skipped.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final Pattern SAFEPOINT = Pattern.compile("\\[safepoint\\s*\\].*\\bTotal: (\\d+) ns");

    /** The JVM option that writes the log this class reads. */
    static String option(Path file) {
        return "-Xlog:gc,safepoint:file=" + file;
    }

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Every pause so far, in milliseconds, in log order (empty when the log does not exist yet). */
    List<Double> pauses() {
        try {
            return Files.exists(file) ? parse(Files.readAllLines(file)) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Double> parse(List<String> lines) {
        List<Double> safepoints = new ArrayList<>();
        List<Double> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher s = SAFEPOINT.matcher(line);
            if (s.find()) {
                safepoints.add(Long.parseLong(s.group(1)) / 1e6);
                continue;
            }
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        return safepoints.isEmpty() ? pauses : safepoints;
    }
}
