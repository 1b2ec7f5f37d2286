package gcc.decision;

/**
 * What a gate does with a consignment. There are exactly two outcomes: anything that is not
 * a positive, complete, verified answer is {@link #HOLD}, which sends the consignment to the
 * ordinary manual lane.
 */
public enum Outcome {
    /** Every rule passed: second-level release. */
    RELEASE,
    /** At least one reason applies, or the answer is in doubt: manual lane. */
    HOLD
}
