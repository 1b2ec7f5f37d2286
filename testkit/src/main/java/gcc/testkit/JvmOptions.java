package gcc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a child JVM that opens Chronicle Map or Queue needs, read from
 * {@code config/jvm/chronicle.options} (packed into this module as a resource): the one place
 * they are written, so a test that starts a JVM never spells them out.
 */
public final class JvmOptions {
    private static final String RESOURCE = "chronicle.options";

    private JvmOptions() {
    }

    /** The options, one per element, comments and blank lines dropped. */
    public static List<String> chronicle() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " next to " + JvmOptions.class.getName()
                        + " on the class path: build the testkit module");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a java argument file of one option per line, where '#' starts a comment. */
    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String option = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }
}
