package gcc.cluster;

import gcc.cluster.harness.LocalBroker;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One KRaft broker (a child JVM) per test class that asks for it, each test on topics of its own
 * prefix so tests in a class share the broker without seeing each other's data.
 */
final class SharedBroker {
    private SharedBroker() {
    }

    private static LocalBroker shared;

    /**
     * The broker every test class that does not stop it shares (one JVM runs all test classes),
     * started at first use and stopped when the test JVM exits.
     */
    static synchronized LocalBroker shared() throws Exception {
        if (shared == null || !shared.alive()) {
            shared = start();
            LocalBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    b.close();
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }));
        }
        return shared;
    }

    /** A broker of the caller's own, for tests that kill it. */
    static LocalBroker start() throws Exception {
        Path dir = Files.createTempDirectory("gcc-kafka-");
        return LocalBroker.start(dir);
    }

    static ClusterSettings settings(LocalBroker b, String prefix, String port, long stalenessMillis) {
        return new ClusterSettings(b.bootstrap(), prefix, port, java.time.Duration.ofMillis(stalenessMillis));
    }

    /** Polls {@code condition} every 5 ms until true or the timeout; returns its last value. */
    static boolean eventually(long timeoutMillis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
