package gcc.metrics;

/**
 * One condition of readiness as {@code /ready} lists it: its name, whether it holds, and a
 * message that says what is unmet and what to do about it (or the state when it holds).
 *
 * @param name    stable name: {@code accepting}, {@code registry}, {@code trust-list}, {@code audit}, {@code cluster}
 * @param ok      true when the condition holds
 * @param message what an operator reads
 */
public record Readiness(String name, boolean ok, String message) {
}
