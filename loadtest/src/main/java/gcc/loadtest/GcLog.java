package gcc.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a unified GC log written with {@code -Xlog:gc:file=...}: every line
 * of tag {@code gc} that reports a "Pause" (G1 and Parallel young, mixed, full, remark and cleanup
 * pauses) and ends in its duration, e.g.
 * {@code [2.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 51M->9M(256M) 3.456ms}.
 * Concurrent phases ("Concurrent Mark Cycle") are not pauses and are skipped.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

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
        List<Double> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                out.add(Double.parseDouble(m.group(1)));
            }
        }
        return out;
    }
}
