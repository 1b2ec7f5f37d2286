package gcc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers' Maven calls print no colour codes: Maven 3.8 writes ESC[0m resets even in batch
 * mode unless jansi is told not to (MAVEN_OPTS -Djansi.noreset=true), and -Dstyle.color=never
 * keeps later Mavens plain.
 */
class LauncherScriptsTest {
    @Test
    void shouldCallMavenWithoutColourInEveryLauncher() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(root().resolve("scripts"))) {
            scripts = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(scripts.isEmpty());
        for (Path script : scripts) {
            String text = Files.readString(script);
            List<String> calls = text.lines().map(String::trim)
                    .filter(l -> !l.startsWith("#") && !l.startsWith("echo") && l.matches(".*(^|[ (!])mvn .*")).toList();
            if (calls.isEmpty()) {
                continue;
            }
            assertTrue(text.contains("export MAVEN_OPTS=\"${MAVEN_OPTS:-} -Djansi.noreset=true\""), script + " sets jansi.noreset");
            for (String call : calls) {
                assertTrue(call.contains(" -B ") && call.contains("-Dstyle.color=never"), script + ": " + call);
            }
        }
    }

    /** The checkout's root (tests run in the server module's directory). */
    static java.nio.file.Path root() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        for (java.nio.file.Path p = here; p != null; p = p.getParent()) {
            if (java.nio.file.Files.isExecutable(p.resolve("scripts/gatectl"))) {
                return p;
            }
        }
        throw new IllegalStateException("no scripts/gatectl above " + here);
    }
}
