/**
 * The one answer every layer returns: {@link gcc.decision.Decision} (RELEASE or HOLD with every
 * reason that applies), and {@link gcc.decision.Findings}, its reusable, allocation-free form on
 * the gate's hot path.
 */
package gcc.decision;
