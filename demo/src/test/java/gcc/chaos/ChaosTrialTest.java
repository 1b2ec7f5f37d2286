package gcc.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One bounded chaos trial, as {@code scripts/chaos} runs twenty: a real server in a child JVM
 * killed with SIGKILL under registrations, revocations and verifications, restarted on the same
 * data, and nothing acknowledged lost, nothing revoked released, every answered decision in the
 * audit, the index equal to the journal.
 */
class ChaosTrialTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingWhenKilledUnderLoad() throws Exception {
        int exit = new CommandLine(new ChaosMain()).execute("--trials", "1", "--seed", "11", "--load-ms", "300,800",
                "--no-disk-full", "--no-corrupt-index", "--out", dir.resolve("out").toString(),
                "--work", dir.resolve("work").toString());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("out/chaos.json").toFile());
        assertEquals(0, exit, r.toPrettyString());
        assertEquals(1, r.path("trials").asInt());
        assertTrue(r.path("acknowledged_writes").asLong() >= 3, r.toPrettyString());
        for (String zero : new String[]{"lost_writes", "false_releases", "audit_lost", "index_mismatches", "unanswered"}) {
            assertEquals(0, r.path(zero).asLong(), zero + " in " + r.toPrettyString());
        }
        assertEquals(11, r.path("seeds").get(0).asLong());
        assertTrue(r.path("restart_ms").path("max").asLong() > 0);
    }
}
