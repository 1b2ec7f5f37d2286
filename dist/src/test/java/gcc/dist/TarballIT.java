package gcc.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release as an operator gets it: {@code target/gcc-VERSION.tar.gz} (made by package, in the
 * same {@code mvn verify}) unpacked into an empty directory, nothing from the source checkout on
 * hand, and {@code bin/gatectl} run from there with the JDK that runs this test.
 */
class TarballIT {
    /** Set by the pom for the integration-test phase; the newest one in target/ when run on its own. */
    private static final Path TARBALL = Path.of(System.getProperty("gcc.tarball", newestTarball()));

    private static String newestTarball() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("gcc-.*\\.tar\\.gz"))
                    .max(java.util.Comparator.comparing(f -> f.toFile().lastModified())).map(Path::toString)
                    .orElse("target/gcc-VERSION.tar.gz");
        } catch (IOException e) {
            return "target/gcc-VERSION.tar.gz";
        }
    }

    @TempDir
    Path dir;

    @Test
    void shouldRunTheDemoFromTheUnpackedRelease() throws Exception {
        Path home = unpack();
        for (String f : List.of("bin/gatectl", "conf/gcc.properties", "conf/chronicle.options", "systemd/gcc-gate.service",
                "LICENSE", "INSTALL.md")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), "the release lacks " + f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/gatectl")), "bin/gatectl is executable");
        assertEquals(gcc.config.Setting.propertiesFile(), Files.readString(home.resolve("conf/gcc.properties")),
                "conf/gcc.properties is generated from gcc.config.Setting");
        for (String options : List.of("chronicle.options", "server-gc.options")) {
            assertEquals(Files.readString(Path.of("..", "config", "jvm", options)), Files.readString(home.resolve("conf/" + options)),
                    "the JVM options are copied from their one file");
        }
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            for (String jar : List.of("gcc-demo", "gcc-server", "gcc-client", "gcc-core", "chronicle-map", "netty-")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(jar) && n.endsWith(".jar")), "lib/ lacks " + jar + ": " + names);
            }
        }

        Run help = run(home, "--help");
        assertEquals(0, help.status, help.output);
        assertTrue(help.output.contains("Usage: gatectl") && help.output.contains("serve") && help.output.contains("demo"), help.output);

        Run demo = run(home, "demo");
        assertEquals(0, demo.status, demo.output);
        Matcher m = Pattern.compile("server stopped\\. (\\d+) of (\\d+) scenarios matched").matcher(demo.output);
        assertTrue(m.find(), demo.output);
        assertEquals(m.group(2), m.group(1), "every scenario matched:\n" + demo.output);
        assertTrue(Integer.parseInt(m.group(2)) >= 16, demo.output);
    }

    @Test
    void shouldRunThroughASymlinkAsAnInstallOnThePathWould() throws Exception {
        Path home = unpack();
        Path link = Files.createDirectories(dir.resolve("usr-local-bin")).resolve("gatectl");
        Files.createSymbolicLink(link, home.resolve("bin/gatectl"));
        Run help = run(link, dir, "serve", "--help");
        assertEquals(0, help.status, help.output);
        assertTrue(help.output.contains("registry.entries"), help.output);
    }

    @Test
    void shouldServeOnAPilotSizedIndexAndTellTheSizingRuleAtTheFirstStartOnly() throws Exception {
        Path home = unpack();
        Path data = dir.resolve("data");
        // As INSTALL.md has it: the customs root's public key in place before the first start.
        Run keygen = run(home, "keygen", "--alg", "ed25519", "--out", dir.resolve("customs-root").toString());
        assertEquals(0, keygen.status, keygen.output);
        Files.createDirectories(data.resolve("keys"));
        Files.copy(dir.resolve("customs-root.pub.pem"), data.resolve("keys/customs-root.pub.pem"));
        String first = serveUntilUp(home, data, "first.log");
        assertTrue(first.contains("registry index sized for 100,000 reports") && first.contains("registry.entries"), first);
        long index = Files.size(data.resolve("registry/index.cm3"));
        assertTrue(index < 40L << 20, "a pilot's index is small, not gigabytes: " + index + " bytes");
        String again = serveUntilUp(home, data, "again.log");
        assertTrue(!again.contains("registry index sized for"), "printed at the first start only:\n" + again);

        Run help = run(home, "serve", "--help");
        assertEquals(0, help.status, help.output);
        assertTrue(help.output.contains("bytes of disk per report") && help.output.contains("plus 20%"), help.output);
    }

    /** Starts {@code bin/gatectl serve} on free ports, waits until it is up, stops it with SIGTERM; returns its output. */
    private String serveUntilUp(Path home, Path data, String logName) throws Exception {
        Path log = dir.resolve(logName);
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/gatectl").toString(), "serve", "--data", data.toString(),
                "--gate-port", "0", "--http-port", "0").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("admin token in") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(300); // the lines printed right after
            String out = Files.readString(log);
            assertTrue(out.contains("gate server up"), "the server did not come up:\n" + out);
            return out;
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void shouldHaveAUnitSystemdAccepts() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(available("systemd-analyze", "--version"), "systemd-analyze is not installed");
        Path home = unpack();
        // As installed, with /opt/gcc being this release (systemd-analyze checks ExecStart is executable).
        Path unit = dir.resolve("gcc-gate.service");
        Files.writeString(unit, Files.readString(home.resolve("systemd/gcc-gate.service")).replace("/opt/gcc/", home + "/"));
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "systemd-analyze verify: every directive known and valid");
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Unpacks the tarball into an empty directory; returns the release's top directory. */
    private Path unpack() throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), "package makes " + TARBALL);
        Path into = Files.createDirectories(dir.resolve("install"));
        Process tar = new ProcessBuilder("tar", "xzf", TARBALL.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes());
        assertTrue(tar.waitFor(120, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar: " + out);
        try (Stream<Path> top = Files.list(into)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), "one top directory: " + dirs);
            assertTrue(dirs.get(0).getFileName().toString().startsWith("gcc-"), dirs.toString());
            return dirs.get(0);
        }
    }

    record Run(int status, String output) {
    }

    private Run run(Path home, String... args) throws IOException, InterruptedException {
        return run(home.resolve("bin/gatectl"), home, args);
    }

    /** Runs the launcher from {@code cwd} with this JVM's JDK and temporary files kept in the test's directory. */
    private Run run(Path launcher, Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("GCC_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        Path log = Files.createTempFile(dir, "gatectl-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("gatectl " + String.join(" ", args) + " did not finish in 300 s: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }
}
