package gcc.cli;

import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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
            description = "Validate reports; prints every problem of each. Exit 2 if any is bad.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            int bad = 0;
            for (Path f : files) {
                List<String> problems;
                try {
                    problems = ReportJson.read(f).problems();
                } catch (Exception e) {
                    problems = List.of(e.getMessage());
                }
                if (problems.isEmpty()) {
                    System.out.println("ok    " + f);
                } else {
                    bad++;
                    System.out.println("BAD   " + f);
                    problems.forEach(p -> System.out.println("      - " + p));
                }
            }
            return bad == 0 ? GateCtl.EXIT_OK : GateCtl.EXIT_USAGE;
        }
    }
}
