package gcc.policy;

import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The testkit's policy (which the load test issues codes with) is the server's built-in one. */
class BuiltInPolicyTest {
    @Test
    void shouldMatchTheTestkitsProvisionalPolicy() {
        Policy builtIn = PolicyJson.builtIn();
        Policy testkit = TestWorld.provisionalPolicy();
        Profile b = builtIn.defaultProfile();
        Profile t = testkit.defaultProfile();
        assertEquals(b.id(), t.id());
        assertEquals(b.standard(), t.standard());
        assertEquals(b.notApplicable(), t.notApplicable());
        // The testkit names items in English only; numbers, names, groups and validity must agree.
        assertEquals(b.items().stream().map(i -> i.item() + " " + i.name() + " " + i.group() + " " + i.validityMonths()).toList(),
                t.items().stream().map(i -> i.item() + " " + i.name() + " " + i.group() + " " + i.validityMonths()).toList());
        assertEquals(builtIn.acceptedStandards(), testkit.acceptedStandards());
        assertEquals(builtIn.legacyStandards(), testkit.legacyStandards());
        assertEquals(builtIn.zone(), testkit.zone());
        assertEquals(builtIn.clockSkew(), testkit.clockSkew());
    }
}
