package gcc.decision;

/**
 * Every reason a consignment can be held, with a stable numeric code used on the wire, in the
 * audit journal and in metrics. The code of a reason never changes; new reasons take new codes.
 *
 * <p>The enum is exhaustive on purpose: code that maps reasons to text, HTTP fields or metrics
 * uses a {@code switch} without a default, so a new reason is a compile error wherever it is
 * not yet handled. At most 63 reasons exist so a set of them fits one {@code long} bit mask
 * ({@link #bit()}), which keeps the gate's hot path free of allocation.
 */
public enum Reason {
    /** The code text, its compression, CBOR or COSE structure is not well formed or breaks a size cap. */
    MALFORMED_CODE(1),
    /** The code's prefix or payload format version is one this verifier does not know. */
    UNSUPPORTED_VERSION(2),
    /** The key id (kid) is not on the trust list. */
    UNKNOWN_KEY(3),
    /** The signature does not verify with the trust-list key, or the algorithm does not match it. */
    BAD_SIGNATURE(4),
    /** The signing key is outside its not-before / not-after window at the decision time. */
    KEY_NOT_VALID_AT_TIME(5),
    /** The signing key is marked revoked on the trust list. */
    KEY_REVOKED(6),
    /** The signing lab is not accredited for the report's standard. */
    LAB_NOT_ACCREDITED(7),
    /** No report with this id is registered. */
    REPORT_NOT_REGISTERED(8),
    /** The report digest in the code differs from the registered digest. */
    DIGEST_MISMATCH(9),
    /** The report is for a legacy edition of the standard (GB 31701-2015). */
    LEGACY_STANDARD(10),
    /** The report's standard is neither accepted nor cross-recognized by policy. */
    STANDARD_NOT_RECOGNIZED(11),
    /** One or more items of the standard profile have no result. */
    INCOMPLETE_SCOPE(12),
    /** One or more items have a FAIL result. */
    ITEM_FAILED(13),
    /** One or more items' validity windows do not cover the decision date. */
    ITEM_EXPIRED(14),
    /** The report was revoked (recall, penalty, lab withdrawal). */
    REPORT_REVOKED(15),
    /** The report is suspended. */
    REPORT_SUSPENDED(16),
    /** The report was replaced by a revision. */
    REPORT_SUPERSEDED(17),
    /** The declaring exporter is not the exporter named in the report. */
    EXPORTER_MISMATCH(18),
    /** The gate supplied a product that is not the report's product. */
    PRODUCT_MISMATCH(19),
    /** The registry is opening, rebuilding, behind its journal or failed. */
    REGISTRY_UNAVAILABLE(20),
    /** An unexpected fault while deciding; the server logs it. */
    INTERNAL_ERROR(21),
    /** The code's signed claims disagree with the registered report or with the signing key's lab. */
    CLAIMS_MISMATCH(22),
    /** The code was issued after the decision date. */
    CODE_NOT_YET_VALID(23),
    /** No valid trust list is loaded. */
    TRUST_LIST_UNAVAILABLE(24),
    /** The decision could not be written to the audit journal, so it may not release. */
    AUDIT_UNAVAILABLE(25),
    /** The request itself is unusable: e.g. the declared exporter is not a valid USCC. */
    INVALID_REQUEST(26),
    /** The server was too busy to decide (its signature pool was full); retry or use the manual lane. */
    SERVER_BUSY(27),
    /** Client side: no answer within the request timeout. */
    TIMEOUT(28),
    /** Client side: no connection to any server, or it broke with the request in flight. */
    CONNECTION_LOST(29),
    /** Client side: the server answered with a protocol error or an unreadable frame. */
    PROTOCOL_ERROR(30),
    /** Ports share one registry and this server has not been confirmed current by the cluster within the staleness bound. */
    REGISTRY_STALE(31),
    /** The report names an item profile the policy in force does not hold (withdrawn, or not yet loaded). */
    PROFILE_NOT_IN_FORCE(40),
    /** The report marks items not applicable that the policy requires for the report's product class. */
    NOT_APPLICABLE_REFUSED(41),
    /** The declaring exporter is suspended: it may not clear goods under any report until lifted. */
    EXPORTER_SUSPENDED(42);

    private static final Reason[] BY_CODE;

    static {
        int max = 0;
        for (Reason r : values()) {
            max = Math.max(max, r.code);
        }
        BY_CODE = new Reason[max + 1];
        for (Reason r : values()) {
            if (BY_CODE[r.code] != null) {
                throw new ExceptionInInitializerError("duplicate reason code " + r.code);
            }
            BY_CODE[r.code] = r;
        }
        if (max > 63) {
            throw new ExceptionInInitializerError("reason codes must stay below 64 to fit a long mask");
        }
    }

    private final int code;

    Reason(int code) {
        this.code = code;
    }

    /** The stable numeric code (1..63) used on the wire and in the audit journal. */
    public int code() {
        return code;
    }

    /** One short English phrase for tables and logs ({@link ReasonText} holds every language). */
    public String summary() {
        return ReasonText.summary(this, Language.EN);
    }

    /** One short phrase in {@code lang}, from the reason table ({@link ReasonText}). */
    public String summary(Language lang) {
        return ReasonText.summary(this, lang);
    }

    /** This reason's bit in a reason mask. */
    public long bit() {
        return 1L << code;
    }

    /** The reason with this code, or {@code null} if no reason has it (a newer peer's reason). */
    public static Reason ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** True if the mask contains this reason. */
    public boolean in(long mask) {
        return (mask & bit()) != 0;
    }
}
