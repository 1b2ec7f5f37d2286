package gcc.policy;

/** How policy treats the standard a report was tested against. */
public enum StandardClass {
    /** The current national standard (GB 31701-2026): qualifies. */
    ACCEPTED,
    /** A third-country standard that policy switched on as equivalent: qualifies, judged on the same profile. */
    CROSS_RECOGNIZED,
    /** A superseded edition (GB 31701-2015): never qualifies. */
    LEGACY,
    /** Anything else, including third-country standards whose switch is off. */
    UNRECOGNIZED
}
