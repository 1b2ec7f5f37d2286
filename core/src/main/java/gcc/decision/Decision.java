package gcc.decision;

import gcc.policy.Policy;

import java.time.Instant;
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
    /** One reason and its detail in English and in Chinese. */
    public record Finding(Reason reason, String detail, String detailZh) {
        public Finding {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(detailZh, "detailZh");
        }

        /** The detail in {@code lang}. */
        public String detail(Language lang) {
            return switch (lang) {
                case EN -> detail;
                case ZH -> detailZh;
            };
        }

        /** The reason's one-line summary in {@code lang}. */
        public String summary(Language lang) {
            return reason.summary(lang);
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
        return new Decision(Outcome.HOLD, List.of(new Finding(reason, detail, detail)), reason.bit(), null, decidedFor);
    }

    /** The itemized decision for the findings of one verification. */
    public static Decision of(Findings f, Policy policy, Instant decidedFor) {
        List<Finding> list = new ArrayList<>();
        for (Reason r : Reason.values()) {
            if (f.has(r)) {
                list.add(new Finding(r, FindingText.detail(r, f, policy, Language.EN),
                        FindingText.detail(r, f, policy, Language.ZH)));
            }
        }
        Outcome outcome = f.outcome();
        if (outcome == Outcome.HOLD && list.isEmpty()) {
            // Rules stopped before the end without a reason: never silent, never a release.
            list.add(new Finding(Reason.INTERNAL_ERROR, "decision incomplete", "判定未完成"));
        }
        return new Decision(outcome, list, f.reasons(), f.reportId(), decidedFor);
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
