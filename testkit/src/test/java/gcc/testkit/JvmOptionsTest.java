package gcc.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chronicle's JVM options are written once, in config/jvm/chronicle.options, and everything reads them from there. */
class JvmOptionsTest {
    private static final Path FILE = Path.of("config", "jvm", "chronicle.options");
    /** Not searched: build outputs, recorded runs, and recorded JMH output (it lists the JVM arguments it ran with). */
    private static final List<String> RECORDED = List.of(".git/", "bench/results/", "loadtest/results/", "bench/data/",
            "bench/src/test/resources/");

    @Test
    void shouldReadTheOptionsFileFromTheClassPath() throws IOException {
        List<String> options = JvmOptions.chronicle();
        assertTrue(options.stream().anyMatch(o -> o.startsWith("--add-opens=")), options.toString());
        assertTrue(options.stream().allMatch(o -> o.startsWith("-")), options.toString());
        assertEquals(JvmOptions.parse(Files.readString(repoRoot().resolve(FILE))), options);
    }

    @Test
    void shouldThisTestJvmHaveBeenStartedWithThem() {
        List<String> running = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(running.containsAll(JvmOptions.chronicle()), "surefire's argLine: " + running);
    }

    @Test
    void shouldNotBeRepeatedInAnyOtherFile() throws IOException {
        Path root = repoRoot();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.equals(FILE.toString().replace('\\', '/')) || rel.contains("target/")
                        || RECORDED.stream().anyMatch(rel::startsWith) || Files.size(f) > 2_000_000) {
                    continue;
                }
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String option : JvmOptions.chronicle()) {
                    if (text.contains(option)) {
                        offenders.add(rel + ": " + option);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "read the options from " + FILE + " instead of repeating them");
    }

    private static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no " + FILE + " above " + System.getProperty("user.dir"));
        return dir;
    }
}
