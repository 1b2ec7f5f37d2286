package gcc.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prepared data directory's first-sight codes are each sent once across every run against it. */
class WorkloadTest {
    @TempDir
    Path data;

    private static List<String> firstCodes(Workload w, int picks) {
        List<String> codes = new ArrayList<>();
        for (long i = 0; i < picks; i++) {
            Workload.Request r = w.pick(i);
            if (r.kind().equals("first")) {
                codes.add(r.request().codeText());
            }
        }
        return codes;
    }

    @Test
    void shouldContinueTheFirstSightListInTheNextRunAndSayWhenItIsUsedUp() throws Exception {
        Mix firstOnly = Mix.parse("seen=0,first=1,hold=0");
        Workload.create(firstOnly, 20, 2, LocalDate.of(2026, 12, 1)).save(data);

        Workload run1 = Workload.load(data, firstOnly);
        int total = run1.firstTotal();
        assertTrue(total >= 20, "enough first-sight codes for the sends asked: " + total);
        List<String> sent1 = firstCodes(run1, 10);
        assertEquals(10, sent1.size());
        run1.saveUsed(data);

        Workload run2 = Workload.load(data, firstOnly);
        assertEquals(10, run2.firstUsed(), "starts where the last run stopped");
        List<String> sent2 = firstCodes(run2, total - 10);
        assertEquals(total - 10, sent2.size());
        for (String c : sent2) {
            assertFalse(sent1.contains(c), "a code the server has already verified is not sent as first-sight again");
        }
        assertFalse(run2.firstExhausted());
        Workload.Request after = run2.pick(total);
        assertNotEquals("first", after.kind(), "with the list used up a pick falls back to a seen code");
        assertTrue(run2.firstExhausted(), "and the run says so");
        run2.saveUsed(data);
        Workload run3 = Workload.load(data, firstOnly);
        assertEquals("seen", run3.pick(0).kind(), "a later run has none left either");
        assertTrue(run3.firstExhausted());
    }

    @Test
    void shouldRefuseAProgressFileItCannotRead() throws Exception {
        Mix mix = Mix.parse("seen=0.9,first=0.05,hold=0.05");
        Workload.create(mix, 20, 2, LocalDate.of(2026, 12, 1)).save(data);
        Files.writeString(data.resolve("loadtest-first-used"), "many\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.load(data, mix));
        assertTrue(e.getMessage().contains("loadtest-first-used") && e.getMessage().contains("many"), e.getMessage());
    }
}
