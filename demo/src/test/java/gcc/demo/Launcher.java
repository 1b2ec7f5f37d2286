package gcc.demo;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the launcher tests ({@code *IT}, run by Maven after {@code package}) share: the checkout,
 * {@code scripts/gatectl}, free ports, and a gate server started through the launcher as an
 * operator would start it.
 */
final class Launcher {
    private Launcher() {
    }

    /** The checkout's root (tests run in the server module's directory). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("scripts/gatectl"))) {
                return p;
            }
        }
        throw new IllegalStateException("no scripts/gatectl above " + here);
    }

    /**
     * Skips (with the reason) when {@code scripts/gatectl} would rebuild first: its jar (this
     * module's) is missing or older than a source, as in Maven's test phase, before package, where
     * gatectl would start a nested build. The integration-test phase of the same {@code mvn verify}
     * runs it for real. The same check as the launcher's.
     */
    static void assumePackaged() throws IOException {
        Path root = root();
        Path jar = root.resolve("demo/target/gcc-demo.jar");
        Assumptions.assumeTrue(Files.exists(jar), "runs after package (mvn verify): no " + jar);
        long built = Files.getLastModifiedTime(jar).toMillis();
        for (String dir : List.of("config", "core", "testkit", "client", "server", "demo")) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                Optional<Path> newer = files.filter(f -> !f.toString().contains("/target/"))
                        .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith("pom.xml")
                                || f.toString().endsWith(".options") || f.toString().contains("/resources/"))
                        .filter(f -> {
                            try {
                                return Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() > built;
                            } catch (IOException e) {
                                return true;
                            }
                        }).findFirst();
                Assumptions.assumeFalse(newer.isPresent(), () -> "runs after package (mvn verify): " + newer.get() + " is newer than " + jar);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** True if {@code command} runs (e.g. python3 --version). */
    static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A gate server run by {@code scripts/gatectl serve} on free ports; stopped with SIGTERM on close. */
    static final class Server implements AutoCloseable {
        private static final Pattern UP = Pattern.compile("gate server up: gate tcp [^:]+:(\\d+), http [^:]+:(\\d+)");
        final Process process;
        final Path log;
        final int gatePort;
        final int httpPort;

        Server(Path data, Path log, String... settings) throws Exception {
            this.log = log;
            List<String> cmd = new java.util.ArrayList<>(List.of(root().resolve("scripts/gatectl").toString(), "serve",
                    "--data", data.toString(), "--gate-port", "0", "--http-port", "0"));
            for (String s : settings) {
                cmd.add("--set");
                cmd.add(s);
            }
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            Matcher m = null;
            while (System.nanoTime() < deadline && process.isAlive()) {
                m = UP.matcher(Files.readString(log));
                if (m.find()) {
                    break;
                }
                m = null;
                Thread.sleep(200);
            }
            if (m == null) {
                close();
                throw new IllegalStateException("the server did not come up; its output:\n" + Files.readString(log));
            }
            gatePort = Integer.parseInt(m.group(1));
            httpPort = Integer.parseInt(m.group(2));
        }

        @Override
        public void close() throws InterruptedException {
            stop(process.toHandle());
        }
    }

    /** SIGTERM (a graceful stop), then SIGKILL if it does not end within 30 s. */
    static void stop(ProcessHandle p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
        }
    }
}
