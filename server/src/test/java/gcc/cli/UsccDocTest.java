package gcc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The USCC worked example in docs/code-format.md is what gatectl uscc computes. */
class UsccDocTest {
    @Test
    void shouldMatchTheWorkedExampleInTheDocs() throws Exception {
        String doc = Files.readString(root().resolve("docs/code-format.md"));
        Matcher m = Pattern.compile("<!-- uscc:example -->\\s*```text\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "the worked example");
        String block = m.group(1);
        String body = line(block, "body");
        String code = line(block, "code");
        GateCtlTest.Run r = GateCtlTest.run("uscc", "complete", body);
        assertEquals(code + "\n", r.out().replace("\r", ""));
        assertEquals(0, GateCtlTest.run("uscc", "check", code).exit());
        String[] values = line(block, "values").split(" ");
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        long sum = 0;
        for (int i = 0; i < 17; i++) {
            assertEquals(alphabet.indexOf(body.charAt(i)), Integer.parseInt(values[i]), "value of character " + i);
            sum += Long.parseLong(values[i]) * java.math.BigInteger.valueOf(3).modPow(java.math.BigInteger.valueOf(i),
                    java.math.BigInteger.valueOf(31)).longValue();
        }
        assertTrue(line(block, "sum").endsWith("= " + sum), block);
        assertEquals(alphabet.charAt((int) ((31 - sum % 31) % 31)), code.charAt(17));
    }

    private static String line(String block, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + "\\s+(.*)$").matcher(block);
        assertTrue(m.find(), label);
        return m.group(1).trim();
    }

    /** The checkout's root (tests run in the server module's directory). */
    static java.nio.file.Path root() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        for (java.nio.file.Path p = here; p != null; p = p.getParent()) {
            if (java.nio.file.Files.isExecutable(p.resolve("scripts/gatectl"))) {
                return p;
            }
        }
        throw new IllegalStateException("no scripts/gatectl above " + here);
    }
}
