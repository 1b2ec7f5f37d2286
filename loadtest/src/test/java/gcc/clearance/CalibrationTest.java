package gcc.clearance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calibration recovers known parameters from records the model itself generated, and rejects bad files by line. */
class CalibrationTest {
    @TempDir
    Path dir;

    @Test
    void shouldRecoverTheParametersThatGeneratedTheRecords() throws Exception {
        Scenario start = ClearanceModelTest.ningbo(1200);
        Scenario truth = start.withReviewMeanMinutes(26).withInspectionMeanMinutes(75).withEligibleShare(0.25);
        Path csv = dir.resolve("records.csv");
        int n = ClearanceRecords.writeSynthetic(truth.withControls(new Scenario.Controls(1, 0, 2, 2, 777)), ClearanceModelTest.FAST, 12,
                LocalDateTime.of(2026, 5, 11, 0, 0), List.of("test"), csv);
        List<ClearanceRecords.Row> rows = ClearanceRecords.read(csv);
        assertEquals(n, rows.size());
        Calibration.Fit fit = Calibration.fit(start, rows, ClearanceModelTest.FAST, new ObjectMapper());
        Scenario c = fit.scenario();
        assertEquals(6, c.arrivalsPerHour(), 0.3, "arrival rate");
        assertEquals(0.25, c.green().eligibleShare(), 0.03, "eligible share");
        assertEquals(0.10, c.inspectionPolicy().share(), 0.02, "inspection share");
        assertEquals(26, c.review().meanMinutes(), 26 * 0.15, "review mean: " + fit.report());
        assertEquals(75, c.inspection().meanMinutes(), 75 * 0.2, "inspection mean: " + fit.report());
        assertTrue(c.arrivals().hourFactors()[10] > c.arrivals().hourFactors()[3], "day hours busier than night");
        double observed = fit.report().at("/observed/meanMinutesManualNotInspected").asDouble();
        double simulated = fit.report().at("/simulatedAtFit/meanMinutesManualNotInspected").asDouble();
        assertEquals(observed, simulated, observed * 0.05, "the fit reproduces the moment it was fitted to");
    }

    @Test
    void shouldRejectBadRecordsNamingTheLine() throws Exception {
        Path csv = dir.resolve("bad.csv");
        StringBuilder b = new StringBuilder("# comment\narrival,release,inspected,green\n");
        for (int i = 0; i < 120; i++) {
            b.append("2026-05-11T08:00,2026-05-11T09:00,0,1\n");
        }
        Files.writeString(csv, b + "2026-05-11T08:00,2026-05-11T07:00,0,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClearanceRecords.read(csv));
        assertTrue(e.getMessage().contains(":123:") && e.getMessage().contains("release before arrival"), e.getMessage());
        Files.writeString(csv, b + "2026-05-11T08:00,2026-05-11T09:00,maybe,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> ClearanceRecords.read(csv));
        assertTrue(e.getMessage().contains("inspected"), e.getMessage());
        Files.writeString(csv, "arrival,release\n");
        assertThrows(IllegalArgumentException.class, () -> ClearanceRecords.read(csv));
    }

    @Test
    void shouldReadTheShippedExample() throws Exception {
        Path example = Path.of(System.getProperty("user.dir"), "calibration", "example-records.csv");
        List<ClearanceRecords.Row> rows = ClearanceRecords.read(example);
        assertTrue(rows.size() > 1000, "rows " + rows.size());
        assertTrue(Files.readString(example).startsWith("# SYNTHETIC"), "the example says it is synthetic");
    }
}
