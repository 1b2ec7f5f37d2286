package gcc.decision;

import gcc.policy.ItemSpec;
import gcc.policy.Policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verifier's answer for one code and one declaration: RELEASE, or HOLD with every reason that
 * applies (not only the first), each with a short detail a forwarder can act on.
 *
 * <p>Immutable and thread-safe. Built from {@link Findings} by {@link #of}, which costs a few
 * small allocations; the gate's binary protocol skips this and sends the reason mask.
 */
public final class Decision {
    /** One reason and its detail. */
    public record Finding(Reason reason, String detail) {
        public Finding {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final Outcome outcome;
    private final List<Finding> findings;
    private final long reasonMask;
    private final String reportId;
    private final Instant decidedFor;

    private Decision(Outcome outcome, List<Finding> findings, long reasonMask, String reportId, Instant decidedFor) {
        this.outcome = outcome;
        this.findings = Collections.unmodifiableList(findings);
        this.reasonMask = reasonMask;
        this.reportId = reportId;
        this.decidedFor = decidedFor;
    }

    /** A HOLD for one reason, e.g. where no code could be read at all. */
    public static Decision hold(Reason reason, String detail, Instant decidedFor) {
        return new Decision(Outcome.HOLD, List.of(new Finding(reason, detail)), reason.bit(), null, decidedFor);
    }

    /** The itemized decision for the findings of one verification. */
    public static Decision of(Findings f, Policy policy, Instant decidedFor) {
        List<Finding> list = new ArrayList<>();
        for (Reason r : Reason.values()) {
            if (f.has(r)) {
                list.add(new Finding(r, detail(r, f, policy)));
            }
        }
        Outcome outcome = f.outcome();
        if (outcome == Outcome.HOLD && list.isEmpty()) {
            // Rules stopped before the end without a reason: never silent, never a release.
            list.add(new Finding(Reason.INTERNAL_ERROR, "decision incomplete"));
        }
        return new Decision(outcome, list, f.reasons(), f.reportId(), decidedFor);
    }

    private static String detail(Reason r, Findings f, Policy p) {
        String d = f.detail();
        return switch (r) {
            case MALFORMED_CODE, UNSUPPORTED_VERSION, INTERNAL_ERROR, INVALID_REQUEST -> d != null ? d : r.summary();
            case UNKNOWN_KEY, BAD_SIGNATURE, TRUST_LIST_UNAVAILABLE, REGISTRY_UNAVAILABLE, AUDIT_UNAVAILABLE, SERVER_BUSY,
                    TIMEOUT, CONNECTION_LOST, PROTOCOL_ERROR -> r.summary();
            case KEY_NOT_VALID_AT_TIME -> f.key() == null ? r.summary() : "key " + f.key().labId() + " valid "
                    + Instant.ofEpochSecond(f.key().notBefore()) + " to " + Instant.ofEpochSecond(f.key().notAfter());
            case KEY_REVOKED -> f.key() == null ? r.summary() : "key of lab " + f.key().labId() + " is revoked on the trust list";
            case LAB_NOT_ACCREDITED -> f.claims() == null ? r.summary()
                    : "lab " + f.claims().labId() + " is not accredited for " + f.claims().standard();
            case REPORT_NOT_REGISTERED -> "no registered report " + f.reportId();
            case DIGEST_MISMATCH -> "the code's report digest differs from the registered report " + f.reportId();
            case LEGACY_STANDARD -> (f.claims() == null ? "report" : f.claims().standard()) + " is a legacy edition; "
                    + String.join(", ", p.acceptedStandards()) + " required";
            case STANDARD_NOT_RECOGNIZED -> (f.claims() == null ? "standard" : f.claims().standard())
                    + " is not accepted or cross-recognized";
            case INCOMPLETE_SCOPE -> "no result for items " + items(f.incompleteItems(), p);
            case ITEM_FAILED -> "failed items " + items(f.failedItems(), p);
            case ITEM_EXPIRED -> "expired items " + items(f.expiredItems(), p) + (f.earliestExpiredDay() == Integer.MAX_VALUE ? ""
                    : ", since " + LocalDate.ofEpochDay(f.earliestExpiredDay()));
            case REPORT_REVOKED -> "report " + f.reportId() + " was revoked";
            case REPORT_SUSPENDED -> "report " + f.reportId() + " is suspended";
            case REPORT_SUPERSEDED -> "report " + f.reportId() + " was superseded by " + f.supersededBy();
            case EXPORTER_MISMATCH -> f.registeredExporter() == null ? r.summary()
                    : "report names exporter " + f.registeredExporter();
            case PRODUCT_MISMATCH -> f.claims() == null ? r.summary() : "report covers product " + f.claims().product();
            case CLAIMS_MISMATCH -> "code and registered report disagree on "
                    + (f.mismatchField() == null ? "a claim" : f.mismatchField());
            case CODE_NOT_YET_VALID -> f.claims() == null ? r.summary()
                    : "code issued " + f.claims().issueDate() + ", after the decision date";
        };
    }

    private static String items(int mask, Policy p) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n < 32; n++) {
            if ((mask & (1 << (n - 1))) != 0) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                ItemSpec s = p.item(n);
                sb.append(n);
                if (s != null) {
                    sb.append(" (").append(s.name()).append(')');
                }
            }
        }
        return sb.toString();
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean released() {
        return outcome == Outcome.RELEASE;
    }

    /** Every reason with its detail, ordered by reason code; empty for RELEASE. */
    public List<Finding> findings() {
        return findings;
    }

    public Set<Reason> reasons() {
        EnumSet<Reason> s = EnumSet.noneOf(Reason.class);
        findings.forEach(x -> s.add(x.reason()));
        return s;
    }

    public boolean has(Reason r) {
        return findings.stream().anyMatch(x -> x.reason() == r);
    }

    /** Reason bit mask as on the wire ({@link Reason#bit()}). */
    public long reasonMask() {
        return reasonMask;
    }

    /** The report id the code names, or {@code null} if it could not be read. */
    public String reportId() {
        return reportId;
    }

    /** The instant the decision was made for (now at a gate; the arrival date for a pre-validation). */
    public Instant decidedFor() {
        return decidedFor;
    }

    @Override
    public String toString() {
        return outcome + (findings.isEmpty() ? "" : " " + findings);
    }
}
