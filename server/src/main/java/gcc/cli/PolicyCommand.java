package gcc.cli;

import gcc.io.DurableFile;
import gcc.policy.ItemSpec;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatectl policy}: write the default policy for editing, check an edited one. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Write and check release policy files.",
        subcommands = {PolicyCommand.Init.class, PolicyCommand.Check.class})
final class PolicyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Write the built-in provisional policy to a file for editing.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "file to write")
        Path out;
        @Option(names = "--force", description = "overwrite an existing file")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(out) && !force) {
                throw new IllegalArgumentException(out + " exists; use --force to overwrite");
            }
            DurableFile.replace(out, PolicyJson.builtInText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println("wrote " + out + " (format: docs/policy.md)");
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a policy file and summarise it.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            Policy p = PolicyJson.load(file);
            System.out.println("policy " + p.version() + ": " + p.profiles().size() + " item profile"
                    + (p.profiles().size() == 1 ? "" : "s"));
            for (gcc.policy.Profile profile : p.profiles()) {
                System.out.println("profile " + profile.id() + " (" + profile.category() + ", " + profile.standard() + "), "
                        + profile.items().size() + " items");
                for (ItemSpec s : profile.items()) {
                    System.out.printf("  %2d  %-48s %-13s %3d months%n", s.item(), s.name(), s.group(), s.validityMonths());
                }
                profile.notApplicable().forEach((cls, items) ->
                        System.out.println("  may be not applicable for " + cls + ": " + items));
            }
            System.out.println("accepted " + p.acceptedStandards() + ", legacy " + p.legacyStandards()
                    + ", cross-recognition " + p.crossRecognition());
            System.out.println("exporter must match " + p.exporterMustMatch() + ", product must match when supplied "
                    + p.productMustMatchWhenSupplied() + ", clock skew " + p.clockSkew().getSeconds() + " s, zone " + p.zone());
            return GateCtl.EXIT_OK;
        }
    }
}
