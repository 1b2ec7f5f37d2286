package gcc.rules;

import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.registry.RegistryEvent;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab-, exporter- and model-wide recalls: one journaled scope each, visible to the next decision. */
class RecallsTest {
    private final TestWorld w = new TestWorld();

    private String registered(ReportDocument doc) {
        w.register(doc);
        return w.issue(doc, w.labA);
    }

    private String submit(RegistryEvent.Type type, String scope) {
        return w.registry.submit(RegistryEvent.scope(type, scope, "recall notice 2026-08", "customs:ningbo"),
                TestWorld.NOW.toEpochMilli());
    }

    private Decision verify(String code) {
        return w.verifier.verify(code, EXPORTER, null, null);
    }

    @Test
    void shouldRevokeEveryReportOfALabWithOneEvent() {
        String a = registered(TestWorld.report("R-LAB1"));
        String b = registered(TestWorld.report("R-LAB2"));
        int journal = w.registry.journal().size();
        assertNull(submit(RegistryEvent.Type.SCOPE_REVOKE, "LAB:L1234"));
        assertEquals(journal + 1, w.registry.journal().size(), "one event, no record rewrites");
        for (String code : List.of(a, b)) {
            Decision d = verify(code);
            assertEquals(Set.of(Reason.REPORT_REVOKED), d.reasons(), d.toString());
            assertTrue(d.findings().get(0).detail().contains("by the revocation of every report of lab L1234: recall notice"),
                    d.toString());
        }
        assertEquals(Set.of(Reason.REPORT_REVOKED), verify(registered(TestWorld.report("R-LAB3"))).reasons(),
                "a report registered after the recall is reached too");
        assertTrue(submit(RegistryEvent.Type.SCOPE_LIFT, "LAB:L1234").contains("final"));
    }

    @Test
    void shouldSuspendAModelAndLiftIt() {
        String code = registered(TestWorld.report("R-MODEL").withProducts(List.of(new Product("8715001000", "SX-100"),
                new Product("8715001000", "SX-200"))));
        String other = registered(TestWorld.report("R-OTHER").withProducts(List.of(new Product("8715001000", "SX-900"))));
        assertNull(submit(RegistryEvent.Type.SCOPE_SUSPEND, "MODEL:SX-200"));
        assertEquals(Set.of(Reason.REPORT_SUSPENDED), verify(code).reasons());
        assertEquals(Outcome.RELEASE, w.verifier.verify(other, EXPORTER, null, null).outcome());
        assertTrue(submit(RegistryEvent.Type.SCOPE_SUSPEND, "MODEL:SX-200").contains("already in force"));
        assertNull(submit(RegistryEvent.Type.SCOPE_REVOKE, "MODEL:SX-200"), "a suspension may become a revocation");
        assertEquals(Set.of(Reason.REPORT_REVOKED), verify(code).reasons());
    }

    @Test
    void shouldRecallEveryReportOfAManufacturerAndRefuseBadScopes() {
        String code = registered(TestWorld.report("R-MAKER"));
        assertNull(submit(RegistryEvent.Type.SCOPE_SUSPEND, "EXPORTER:" + EXPORTER));
        assertEquals(Set.of(Reason.REPORT_SUSPENDED), verify(code).reasons());
        assertNull(submit(RegistryEvent.Type.SCOPE_LIFT, "EXPORTER:" + EXPORTER));
        assertEquals(Outcome.RELEASE, verify(code).outcome());
        assertTrue(submit(RegistryEvent.Type.SCOPE_REVOKE, "EXPORTER:NOT-A-USCC").startsWith("scope must be"));
        assertTrue(submit(RegistryEvent.Type.SCOPE_REVOKE, "COUNTRY:CN").startsWith("scope must be"));
        assertTrue(submit(RegistryEvent.Type.SCOPE_REVOKE, "DECLARANT:" + EXPORTER).contains("not revoked"));
        assertTrue(submit(RegistryEvent.Type.SCOPE_LIFT, "MODEL:SX-200").startsWith("no recall"));
    }
}
