package gcc.demo;

import gcc.cli.GateCtlExtension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code gatectl demo}: the end-to-end demo on a real server ({@link ServerDemo}), or with
 * {@code --offline} the library-only walk-through ({@link OfflineDemo}). Exit 0 only when every
 * scenario gets its expected outcome and reason.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The end-to-end demo (scripts/demo): starts a gate server on a throw-away data directory,",
                "provisions keys, trust list and reports through the admin API, drives the gate client through every",
                "scenario, revokes a report while running, pre-validates over HTTP, checks the audit and stops.",
                "--offline runs the library-only walk-through instead (decisions fixed at " + OfflineDemo.AT_TEXT + ").",
                "Exit 0 only when every scenario gets its expected outcome and reason."})
public final class DemoCommand implements Callable<Integer>, GateCtlExtension {
    @Option(names = "--out", description = "working directory (default: a new temporary directory)")
    Path out;

    @Option(names = "--offline", description = "verify with the library only, no server")
    boolean offline;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Files.createTempDirectory("gcc-demo-");
        for (String sub : new String[]{"keys", "reports", "codes"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        return offline ? new OfflineDemo(dir).run() : new ServerDemo(dir).run();
    }
}
