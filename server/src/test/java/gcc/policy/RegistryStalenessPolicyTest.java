package gcc.policy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staleness bound of several ports is a policy field: read, optional, range-checked. */
class RegistryStalenessPolicyTest {
    private static Policy withBound(String field) {
        String text = PolicyJson.builtInText().replace("\"registryStalenessMs\": 5000,", field);
        return PolicyJson.parse(text.getBytes(StandardCharsets.UTF_8), "test policy");
    }

    @Test
    void shouldReadTheBoundAndLeaveItToTheSettingWhenAbsent() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), PolicyJson.builtIn().registryStaleness(), "built-in: 5 s");
        assertEquals(Optional.of(Duration.ofMillis(1500)), withBound("\"registryStalenessMs\": 1500,").registryStaleness());
        assertEquals(Optional.empty(), withBound("").registryStaleness());
    }

    @Test
    void shouldRefuseABoundOutOfRange() {
        for (String bad : new String[]{"\"registryStalenessMs\": 99,", "\"registryStalenessMs\": 3600001,",
                "\"registryStalenessMs\": \"5s\","}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withBound(bad), bad);
            assertTrue(e.getMessage().contains("staleness") || e.getMessage().contains("registryStalenessMs"), e.getMessage());
        }
    }
}
