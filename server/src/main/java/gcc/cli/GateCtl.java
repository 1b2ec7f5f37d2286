package gcc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * Entry point of {@code gatectl}. Exit codes: 0 success (or RELEASE), 10 HOLD, 2 usage or input
 * error, 1 any other failure. Every command's {@code --help} lists the statuses it uses.
 */
@Command(name = "gatectl", mixinStandardHelpOptions = true, version = "gatectl 0.1.0",
        description = {"Green Clearance Code gate server and tools.",
                "A server (gatectl serve) listens for gates on the gate TCP port (setting gate.port, default 7700) "
                        + "and serves the HTTP API on http.port (default 7780). First steps: docs/quickstart.md."},
        subcommands = {KeygenCommand.class, TrustListCommand.class, ReportCommand.class, PolicyCommand.class,
                IssueCommand.class, InspectCommand.class, VerifyCommand.class, UsccCommand.class, RegistryCommand.class,
                AuditCommand.class, CredentialsCommand.class, ServeCommand.class},
        exitCodeListHeading = GateCtl.EXIT_HEADING,
        exitCodeList = {GateCtl.EXIT_OK_LINE, GateCtl.EXIT_FAILURE_LINE, GateCtl.EXIT_USAGE_LINE,
                "10:HOLD (verify), or a report that would be held (report check, issue)"})
public final class GateCtl implements Runnable {

    /** Heading of every command's list of exit statuses in its help. */
    static final String EXIT_HEADING = "%nExit status:%n";
    static final String EXIT_OK_LINE = "0:success";
    static final String EXIT_FAILURE_LINE = "1:failure (I/O error, unexpected state; the message says which)";
    static final String EXIT_USAGE_LINE = "2:usage or input error (bad option, unreadable or invalid file)";

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_HOLD = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with every subcommand, those of {@link GateCtlExtension}s included; tests call this too. */
    public static CommandLine commandLine() {
        System.setProperty("gcc.settings.table", gcc.config.Setting.table().replace("%", "%%"));
        CommandLine cl = new CommandLine(new GateCtl());
        ServiceLoader.load(GateCtlExtension.class).forEach(cl::addSubcommand);
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        exitStatuses(cl);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("gatectl: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
        });
        return cl;
    }

    /** Gives every command without its own list of exit statuses the common one, so every --help lists them. */
    private static void exitStatuses(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            java.util.Map<String, String> common = new java.util.LinkedHashMap<>();
            for (String line : new String[]{EXIT_OK_LINE, EXIT_FAILURE_LINE, EXIT_USAGE_LINE}) {
                common.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
            }
            usage.exitCodeListHeading(EXIT_HEADING).exitCodeList(common);
        }
        cl.getSubcommands().values().forEach(GateCtl::exitStatuses);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
