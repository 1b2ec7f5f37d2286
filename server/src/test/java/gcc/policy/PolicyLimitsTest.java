package gcc.policy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A policy file has limits of its own: size, number and spelling of standards. */
class PolicyLimitsTest {
    private static Policy parse(String text) {
        return PolicyJson.parse(text.getBytes(StandardCharsets.UTF_8), "test policy");
    }

    @Test
    void shouldLoadTheBuiltInPolicy() {
        assertEquals(21, parse(PolicyJson.builtInText()).defaultProfile().items().size());
    }

    @Test
    void shouldRefuseAStandardThatIsNotPrintableAscii() {
        // an en dash typed by mistake would otherwise become '?' and match a code whose standard holds '?'
        String text = PolicyJson.builtInText().replace("\"acceptedStandards\": [\"GB 31701-2026\"]",
                "\"acceptedStandards\": [\"GB 31701\u20132026\"]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    }

    @Test
    void shouldRefuseMoreStandardsThanTheLimit() {
        StringBuilder many = new StringBuilder("\"acceptedStandards\": [\"GB 31701-2026\"");
        for (int i = 0; i < PolicyLimits.MAX_STANDARDS; i++) {
            many.append(", \"STD ").append(i).append('"');
        }
        String text = PolicyJson.builtInText().replace("\"acceptedStandards\": [\"GB 31701-2026\"", many.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().contains("over the limit of " + PolicyLimits.MAX_STANDARDS), e.getMessage());
    }

    @Test
    void shouldRefuseAnOversizeFileBeforeParsingIt() throws Exception {
        String padded = PolicyJson.builtInText() + "\n" + ("// padding\n".repeat(PolicyLimits.MAX_FILE_BYTES / 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(padded));
        assertTrue(e.getMessage().contains("over the policy file limit"), e.getMessage());
        Path file = Files.createTempFile("policy", ".json");
        try {
            Files.writeString(file, padded);
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> PolicyJson.load(file));
            assertTrue(f.getMessage().contains("over the policy file limit"), f.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
