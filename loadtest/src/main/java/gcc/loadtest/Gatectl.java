package gcc.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public command line ({@code scripts/gatectl}) as a child process: the load test provisions
 * and starts its server only through it and the admin API, never by writing the server's files.
 */
final class Gatectl {
    private final Path launcher;

    Gatectl(Path launcher) {
        this.launcher = launcher;
    }

    /** The command line of {@code gatectl args...}. */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code gatectl args...} to completion; fails with its output unless it exits 0. */
    void run(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gcc-loadtest-gatectl-", ".log");
        try {
            Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("gatectl " + String.join(" ", args) + " exited " + exit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
