package gcc.registry;

/**
 * The verifier's view of the report registry: look a report up by id into a caller-owned record.
 *
 * <p>Implementations must make {@link #lookup} allocation-free and safe to call from many
 * threads at once, each with its own {@code into}. Anything short of a current, trustworthy
 * answer (opening, rebuilding, behind the journal, failed) is {@link Lookup#UNAVAILABLE}, which
 * the rules turn into HOLD.
 */
public interface ReportRegistry {

    /** The result of one lookup. */
    enum Lookup {
        /** {@code into} now holds the registered record. */
        FOUND,
        /** No report with this id is registered. */
        NOT_FOUND,
        /** The registry cannot answer trustworthily now; {@code into} is undefined. */
        UNAVAILABLE,
        /**
         * The registry is shared by several ports and this copy has not been confirmed current by
         * the cluster within the staleness bound: a revocation made elsewhere may be missing, so
         * the answer is not trusted; {@code into} is undefined.
         */
        STALE
    }

    /**
     * Looks up the report whose id is the ASCII bytes {@code reportId[0, length)}.
     *
     * <p>This is the gate's read: an implementation may fill only what the release rules read
     * (status, digest, dates, masks, test days, lab, standard, profile, product class, exporters,
     * products, and the superseding report of a superseded one) and leave the report id, sequence
     * and document position empty. Whole records come from the registry's own full read.
     *
     * @param into receives the record when the answer is {@link Lookup#FOUND}
     */
    Lookup lookup(byte[] reportId, int length, ReportRecord into);

    /**
     * The recalls in force (lab-, exporter- and model-wide revocations and suspensions, exporter
     * suspensions), published as one immutable snapshot; reading it allocates nothing.
     */
    default RecallScopes scopes() {
        return RecallScopes.NONE;
    }
}
