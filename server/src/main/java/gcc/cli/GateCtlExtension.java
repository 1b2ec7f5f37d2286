package gcc.cli;

/**
 * A {@code gatectl} subcommand that lives in a module the server does not depend on (the demos
 * need the gate SDK). Implement it on a picocli {@code @Command} class with a public no-argument
 * constructor and list the class in {@code META-INF/services/gcc.cli.GateCtlExtension}; gatectl
 * adds every one it finds on the class path ({@code scripts/gatectl} runs with all of them).
 */
public interface GateCtlExtension {
}
