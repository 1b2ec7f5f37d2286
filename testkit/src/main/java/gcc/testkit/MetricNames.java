package gcc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the operators' material refers to (every {@code gcc_} name in
 * {@code docs/*.md} and in the queries of {@code docs/grafana/gate.json}) and the names a
 * server's {@code /metrics} exports, so tests can check the first are among the second.
 */
public final class MetricNames {
    /** A metric name; one followed by '/' or '.' is a file or package name, one ending in '_' a prefix (gcc_cluster_*). */
    private static final Pattern NAME = Pattern.compile("\\bgcc_[a-z0-9_]*[a-z0-9](?![a-z0-9_/.])");
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricNames() {
    }

    /** Every metric name the docs and the dashboard use, each with the first file that names it. */
    public static Map<String, String> referenced() {
        Path docs = repoFile("docs");
        Map<String, String> names = new TreeMap<>();
        try (Stream<Path> files = Files.list(docs)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                collect(Files.readString(md), "docs/" + md.getFileName(), names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dashboardQueries().forEach(q -> collect(q, "docs/grafana/gate.json", names));
        return names;
    }

    /** The PromQL of every panel of the dashboard. */
    public static Set<String> dashboardQueries() {
        try {
            String json = Files.readString(repoFile("docs/grafana/gate.json"));
            Set<String> queries = new TreeSet<>();
            Matcher m = EXPR.matcher(json);
            while (m.find()) {
                queries.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The names a Prometheus text exposition exports: every sample's name and every family's
     * (from its TYPE line), so a histogram counts as {@code x}, {@code x_bucket}, {@code x_sum}
     * and {@code x_count}.
     */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
            }
        }
        return names;
    }

    private static void collect(String text, String where, Map<String, String> names) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.putIfAbsent(m.group(), where);
        }
    }

    /** A file of the repository, found upwards from the working directory (a module's). */
    public static Path repoFile(String relative) {
        Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (d != null && !Files.exists(d.resolve(relative))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException(relative + " not found above " + System.getProperty("user.dir"));
        }
        return d.resolve(relative);
    }
}
