package gcc.cli;

import gcc.code.CodeIssuer;
import gcc.decision.Decision;
import gcc.policy.Policy;
import gcc.report.ReportDocument;
import gcc.time.EpochDays;
import gcc.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gatectl report}: digests and validation of report documents. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Work with report documents (JSON).",
        subcommands = {ReportCommand.Digest.class, ReportCommand.Check.class})
final class ReportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "digest", mixinStandardHelpOptions = true,
            description = "Print each report's digest (first 16 bytes of SHA-256 over its canonical bytes).")
    static final class Digest implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            for (Path f : files) {
                ReportDocument d = ReportJson.read(f);
                System.out.println(HexFormat.of().formatHex(d.digest()) + "  " + d.reportId() + "  " + f);
            }
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate reports and give the verdict the gate would give their codes: RELEASE, or HOLD "
                    + "with every reason (failed or missing items, expired items, a legacy or unrecognized standard, "
                    + "an issue date after the decision date) under the policy, for today or --at a date (e.g. the "
                    + "expected arrival). Items that stop being valid within --warn-days are listed as warnings.",
                    "Assumed, not checked: that the lab's key is on customs' trust list and the lab is accredited for "
                    + "the report's standard (see trust-list inspect)."},
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {"0:every report would be released", "2:a report is malformed or invalid (problems listed)",
                    "10:a valid report would be held (reasons listed)", "1:another failure (e.g. an unreadable policy)"})
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "report documents (JSON, docs/code-format.md)")
        List<Path> files;

        @Mixin
        PolicyOption policyOption;

        @Option(names = "--at", paramLabel = "DATE|INSTANT",
                description = "judge for this date (00:00 in the policy's zone) or instant; default now")
        String at;

        @Option(names = "--warn-days", paramLabel = "N", description = "warn about items that stop being valid within N days (default: ${DEFAULT-VALUE})")
        int warnDays = 30;

        @Override
        public Integer call() throws Exception {
            Policy policy = policyOption.load();
            Instant when = at == null ? Instant.now() : VerifyCommand.instant(at, policy);
            LocalDate day = GateVerdict.day(when, policy);
            System.out.println("policy " + policy.version() + ", decision date " + day);
            int bad = 0;
            int held = 0;
            for (Path f : files) {
                ReportDocument doc;
                List<String> problems;
                try {
                    doc = ReportJson.read(f);
                    problems = doc.problems();
                } catch (Exception e) {
                    doc = null;
                    problems = List.of(e.getMessage() == null ? e.toString() : e.getMessage());
                }
                if (!problems.isEmpty()) {
                    bad++;
                    System.out.println("BAD      " + f);
                    problems.forEach(p -> System.out.println("         - " + p));
                    continue;
                }
                Decision d = GateVerdict.of(doc, policy, when);
                String expiry = EpochDays.toLocalDate(CodeIssuer.earliestExpiryDay(doc, policy)).toString();
                System.out.println((d.released() ? "RELEASE  " : "HOLD     ") + f + "  (" + doc.reportId() + ", "
                        + doc.items().size() + " items, earliest expiry " + expiry + ")");
                if (!d.released()) {
                    held++;
                    d.findings().forEach(x -> System.out.println("         - " + x.reason() + ": " + x.detail()));
                }
                GateVerdict.expiringSoon(doc, policy, day, warnDays).forEach(w -> System.out.println("         warning: " + w));
            }
            return bad > 0 ? GateCtl.EXIT_USAGE : held > 0 ? GateCtl.EXIT_HOLD : GateCtl.EXIT_OK;
        }
    }
}
