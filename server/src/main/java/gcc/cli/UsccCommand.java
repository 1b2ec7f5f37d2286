package gcc.cli;

import gcc.report.Uscc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatectl uscc}: the GB 32100 check character of a Unified Social Credit Code, so a typo
 * in an exporter's code is caught when the report is written, not at the gate.
 */
@Command(name = "uscc", mixinStandardHelpOptions = true,
        description = "Validate or complete Unified Social Credit Codes (GB 32100-2015): 18 characters of "
                + "0-9 and A-Z without I, O, S, V, Z; the 18th is a check character over the first 17 "
                + "(algorithm: docs/code-format.md, \"The exporter's check character\").",
        subcommands = {UsccCommand.Check.class, UsccCommand.Complete.class})
final class UsccCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Why {@code code} is not a valid USCC, or {@code null} if it is. */
    static String problem(String code) {
        if (code.length() != Uscc.LENGTH) {
            return code.length() + " characters, a USCC has " + Uscc.LENGTH;
        }
        String body = code.substring(0, Uscc.LENGTH - 1);
        char expected;
        try {
            expected = Uscc.checkCharacter(body);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        char given = code.charAt(Uscc.LENGTH - 1);
        return given == expected ? null : "check character is '" + given + "', the first 17 characters give '" + expected + "'";
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Say of each code whether it is a valid USCC, and if not, why (wrong length, a character "
                    + "outside the alphabet, or the check character that the first 17 give).",
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:every code is valid", "2:a code is invalid (each is listed with the reason)"})
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "USCC")
        List<String> codes;

        @Override
        public Integer call() {
            int bad = 0;
            for (String c : codes) {
                String p = problem(c);
                if (p == null) {
                    System.out.println("valid    " + c);
                } else {
                    bad++;
                    System.out.println("INVALID  " + c + ": " + p);
                }
            }
            return bad == 0 ? GateCtl.EXIT_OK : GateCtl.EXIT_USAGE;
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Print the full 18-character code for each 17-character body (an 18-character code gets "
                    + "its last character recomputed).",
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:every code completed", "2:a body has the wrong length or a character outside the alphabet"})
    static final class Complete implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "BODY")
        List<String> bodies;

        @Override
        public Integer call() {
            int bad = 0;
            for (String b : bodies) {
                if (b.length() != Uscc.LENGTH - 1 && b.length() != Uscc.LENGTH) {
                    bad++;
                    System.out.println("INVALID  " + b + ": " + b.length() + " characters, give the first 17");
                    continue;
                }
                String body = b.substring(0, Uscc.LENGTH - 1);
                try {
                    System.out.println(body + Uscc.checkCharacter(body));
                } catch (IllegalArgumentException e) {
                    bad++;
                    System.out.println("INVALID  " + b + ": " + e.getMessage());
                }
            }
            return bad == 0 ? GateCtl.EXIT_OK : GateCtl.EXIT_USAGE;
        }
    }
}
