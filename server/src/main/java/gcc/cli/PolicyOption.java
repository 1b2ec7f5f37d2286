package gcc.cli;

import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The {@code --policy FILE} option shared by commands that apply policy (default: built in). */
final class PolicyOption {
    @Option(names = "--policy", paramLabel = "FILE",
            description = "policy JSON (default: the built-in provisional GB 31701-2026 policy)")
    Path file;

    Policy load() throws IOException {
        return PolicyJson.load(file);
    }
}
