package gcc.verify;

import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifierTest {
    @Test
    void shouldReleaseValidRegisteredFullScopeReport() {
        TestWorld w = new TestWorld();
        var doc = TestWorld.report("NB26-000001");
        w.register(doc);
        String code = w.issue(doc, w.labA);
        Decision d = w.verifier.verify(code, TestWorld.EXPORTER, null, null);
        assertEquals(Outcome.RELEASE, d.outcome(), d.toString());
        assertTrue(code.length() <= 311, "code length " + code.length() + ": " + code);
    }

    @Test
    void shouldHoldWrongExporter() {
        TestWorld w = new TestWorld();
        var doc = TestWorld.report("NB26-000002");
        w.register(doc);
        Decision d = w.verifier.verify(w.issue(doc, w.labA), TestWorld.OTHER_EXPORTER, null, null);
        assertEquals(Outcome.HOLD, d.outcome());
        assertTrue(d.has(Reason.EXPORTER_MISMATCH), d.toString());
    }
}
