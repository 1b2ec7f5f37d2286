package gcc.testkit;

import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixtures do what their names say, checked through the real verifier. */
class FixturesTest {
    @Test
    void shouldReleaseTheWorldsReportAndHoldItsTamperedCode() {
        TestWorld w = new TestWorld();
        ReportDocument doc = TestWorld.report("NB26-000321");
        w.register(doc);
        String code = w.issue(doc, w.labA);
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, TestWorld.EXPORTER, null, null).outcome());

        String forged = Tamper.exporter(code, TestWorld.OTHER_EXPORTER);
        assertNotEquals(code, forged);
        Decision d = w.verifier.verify(forged, TestWorld.OTHER_EXPORTER, null, null);
        assertEquals(Outcome.HOLD, d.outcome());
        assertTrue(d.has(Reason.BAD_SIGNATURE), d.toString());
    }

    @Test
    void shouldRepeatKeysForASeed() {
        assertEquals(java.util.HexFormat.of().formatHex(new TestWorld(3).labA.publicKeySpki()),
                java.util.HexFormat.of().formatHex(new TestWorld(3).labA.publicKeySpki()));
    }

    @Test
    void shouldDescribeTheMachine() {
        Machine m = Machine.current();
        assertTrue(m.cores() > 0 && !m.jdk().isBlank() && !m.os().isBlank() && !m.cpu().isBlank(), m.toString());
    }
}
