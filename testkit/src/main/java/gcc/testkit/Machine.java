package gcc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a figure was measured on, for the "machine" block of benchmark and load-test
 * summaries (a record, so Jackson writes it as an object of these four fields).
 *
 * @param cores processors available to this JVM
 * @param jdk   VM name and Java version
 * @param os    operating system name and architecture
 * @param cpu   CPU model from /proc/cpuinfo, "unknown" off Linux
 */
public record Machine(int cores, String jdk, String os, String cpu) {
    /** This JVM's machine. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), cpuModel());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: the model stays unknown
        }
        return "unknown";
    }
}
