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

    /**
     * Runs {@code gatectl args...} to completion; fails with its output unless it exits 0. Its
     * stderr (progress of long work, warnings) is passed through to ours as it comes, so a long
     * provisioning shows how far it is.
     */
    void run(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gcc-loadtest-gatectl-", ".log");
        try {
            Process p = new ProcessBuilder(command(args)).redirectOutput(log.toFile()).start();
            StringBuilder err = new StringBuilder();
            Thread pump = new Thread(() -> pass(p.getErrorStream(), err), "gcc-loadtest-gatectl-stderr");
            pump.setDaemon(true);
            pump.start();
            int exit = p.waitFor();
            pump.join(5_000);
            if (exit != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8);
                synchronized (err) {
                    throw new IllegalStateException("gatectl " + String.join(" ", args) + " exited " + exit + ":\n" + out + err);
                }
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Copies {@code in} to our stderr byte by byte as it arrives (a bar redraws with '\r'), keeping a copy. */
    private static void pass(java.io.InputStream in, StringBuilder copy) {
        byte[] buf = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                System.err.write(buf, 0, n);
                System.err.flush();
                synchronized (copy) {
                    copy.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the child ended; what it wrote has been passed on
        }
    }
}
