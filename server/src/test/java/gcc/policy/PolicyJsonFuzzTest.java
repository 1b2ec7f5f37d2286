package gcc.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.testkit.Mutations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the policy file parser. Invariants: every refusal is an {@link IllegalArgumentException}
 * naming the problem (a running server keeps its policy), never another exception; an accepted
 * policy keeps within {@link PolicyLimits} and classifies its own standards as it lists them.
 */
class PolicyJsonFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void policyFile(byte[] input) {
        Policy p;
        try {
            p = PolicyJson.parse(input, "fuzzed policy");
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertTrue(p.acceptedStandards().size() <= PolicyLimits.MAX_STANDARDS);
        for (String s : p.acceptedStandards()) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertTrue(p.classify(b, 0, b.length) == StandardClass.ACCEPTED, s);
        }
    }

    @Test
    void shouldSurviveABoundedPassOfMutants() {
        Mutations.run(Mutations.corpus(getClass(), "policyFile"), 5_000, 6, this::policyFile);
    }
}
