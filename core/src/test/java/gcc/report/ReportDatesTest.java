package gcc.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found by fuzzing the admin API's report body: a test date before 1970 passed validation, so the
 * registry would journal a report whose canonical bytes (epoch days from 1970) cannot be decoded
 * on replay. Every date a valid report holds must survive the journal's round trip.
 */
class ReportDatesTest {
    private static ReportDocument report(LocalDate tested) {
        return new ReportDocument("NB26-000124", "L1234", "GB 31701-2026", new Product("871500", "SX-200"),
                "91330200MA2H7K3Q16", LocalDate.of(2026, 5, 20), List.of(new ItemResult(3, false, tested)), null);
    }

    @Test
    void shouldRefuseATestDateBeforeTheJournalCanStoreIt() {
        List<String> problems = report(LocalDate.of(685, 5, 1)).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("test date out of range")), problems.toString());
    }

    @Test
    void shouldReplayEveryValidReportFromItsCanonicalBytes() throws Exception {
        ReportDocument ok = report(LocalDate.of(2026, 5, 1));
        assertEquals(List.of(), ok.problems());
        assertEquals(ok, ReportDocument.fromCanonicalBytes(ok.canonicalBytes()));
    }
}
