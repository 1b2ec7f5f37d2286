package gcc.registry;

import gcc.testkit.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A writer killed with SIGKILL mid-stream loses no acknowledged change and does not stall the next start. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedChangeAfterSigkillAndReopenInSeconds() throws Exception {
        // The first open in a JVM compiles Chronicle's generated classes (javac, many seconds on a
        // busy machine): do it once on a scratch registry so the bound below measures recovery.
        PersistentRegistry.open(dir.resolve("warm-up"), PersistentRegistryTest.ENTRIES, Clock.systemUTC()).close();
        Path data = dir.resolve("registry");
        List<String> acks = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            runAndKill(data, acks, 150 * (round + 1));
            long start = System.nanoTime();
            try (PersistentRegistry r = PersistentRegistry.open(data, PersistentRegistryTest.ENTRIES, Clock.systemUTC())) {
                long openMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(openMillis < 20_000, "reopening took " + openMillis + " ms");
                assertNotEquals(PersistentRegistry.OpenedAs.CLEAN, r.openedAs(), "a killed writer cannot have closed cleanly");
                ReportRecord rec = new ReportRecord();
                for (String ack : acks) {
                    String[] f = ack.split(" ");
                    assertTrue(r.get(f[3], rec), "acknowledged " + ack + " is missing");
                    if (f[2].equals("REVOKE")) {
                        assertEquals(ReportStatus.REVOKED, rec.status(), ack);
                    }
                    assertTrue(Long.parseLong(f[1]) <= r.lastSequence());
                }
                assertEquals(List.of(), r.verifyIndex());
            }
        }
    }

    /** Starts the child, waits for {@code totalAcks} acknowledgements in all, then kills it with SIGKILL. */
    private void runAndKill(Path data, List<String> acks, int totalAcks) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmOptions.chronicle());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // Every acknowledgement waits for a sync: on a machine shared with other builds that can take
            // far longer than on an idle one, and this test is about recovery, not speed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            String line;
            List<String> other = new ArrayList<>();
            while (acks.size() < totalAcks && (line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) {
                    acks.add(line);
                } else if (other.size() < 40) {
                    other.add(line);
                }
            }
            if (acks.size() < totalAcks) {
                p.destroyForcibly();
                throw new AssertionError("child acknowledged only " + acks.size() + " changes; it said:\n" + String.join("\n", other));
            }
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "child did not die");
        }
        assertTrue(acks.size() >= totalAcks, "child acknowledged only " + acks.size() + " changes");
    }
}
