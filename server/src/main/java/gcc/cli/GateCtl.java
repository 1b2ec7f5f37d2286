package gcc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * Entry point of {@code gatectl}. Exit codes: 0 success (or RELEASE), 10 HOLD, 2 usage or input
 * error, 1 any other failure.
 */
@Command(name = "gatectl", mixinStandardHelpOptions = true, version = "gatectl 0.1.0",
        description = "Green Clearance Code gate server and tools.",
        subcommands = {KeygenCommand.class, TrustListCommand.class, ReportCommand.class, PolicyCommand.class,
                IssueCommand.class, InspectCommand.class, VerifyCommand.class, RegistryCommand.class, AuditCommand.class,
                ServeCommand.class})
public final class GateCtl implements Runnable {

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
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("gatectl: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
