package gcc.registry;

import gcc.testkit.TestWorld;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A registry writer meant to be killed: registers reports and revokes every third one, printing
 * {@code ACK <sequence> <type> <id>} only after each change is acknowledged (durable and applied).
 * Run by {@link CrashRecoveryTest} in a child JVM.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        PersistentRegistry r = PersistentRegistry.open(Path.of(args[0]), PersistentRegistryTest.ENTRIES, Clock.systemUTC());
        System.out.println("OPEN " + r.openedAs());
        for (int i = 0; ; i++) {
            String id = "K-" + i;
            if (r.submit(gcc.registry.RegistryEvent.register(TestWorld.report(id), "lab")) == null) {
                System.out.println("ACK " + r.lastSequence() + " REGISTER " + id);
            }
            if (i % 3 == 2) {
                String victim = "K-" + (i - 1);
                if (r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, victim, "recall", "samr")) == null) {
                    System.out.println("ACK " + r.lastSequence() + " REVOKE " + victim);
                }
            }
        }
    }
}
