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
        assertEquals(builtIn.items(), testkit.items());
        assertEquals(builtIn.profileStandard(), testkit.profileStandard());
        assertEquals(builtIn.acceptedStandards(), testkit.acceptedStandards());
        assertEquals(builtIn.legacyStandards(), testkit.legacyStandards());
        assertEquals(builtIn.zone(), testkit.zone());
        assertEquals(builtIn.clockSkew(), testkit.clockSkew());
    }
}
