package gcc.client;

import gcc.decision.DetailText;
import gcc.decision.Language;
import gcc.decision.Outcome;
import gcc.decision.Reason;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to one verify call: RELEASE or HOLD, never anything else. A server's BUSY, a timeout,
 * a lost connection or a protocol error all arrive as HOLD with the matching reason and
 * {@link #decidedLocally()} true when the client, not the server, decided.
 *
 * <p>Units: {@link #serverMicros()} is the server's decision time in microseconds (0 when decided
 * locally); {@link #roundTripNanos()} is the time from the call to the answer. Immutable.
 */
public final class VerifyAnswer {
    /**
     * One language-neutral reason detail of a version 2 answer (docs/protocol.md, "VERIFY_RESPONSE
     * details"): a reason code and its two arguments, e.g. ITEM_FAILED with the failed items' mask.
     */
    public record Detail(int reasonCode, long a, long b) {
        /** The reason, or null for a code this client does not know. */
        public Reason reason() {
            return Reason.ofCode(reasonCode);
        }

        /** One line for a gate screen, in Chinese or English. */
        public String text(Language lang) {
            return DetailText.render(reasonCode, a, b, lang);
        }
    }

    private final Outcome outcome;
    private final long reasonMask;
    private final String reportId;
    private final long serverMicros;
    private final long roundTripNanos;
    private final boolean decidedLocally;
    private final boolean serverBusy;
    private final String detail;
    private final List<Detail> details;

    VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                 boolean decidedLocally, boolean serverBusy) {
        this(outcome, reasonMask, reportId, serverMicros, roundTripNanos, decidedLocally, serverBusy, null, List.of());
    }

    VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                 boolean decidedLocally, boolean serverBusy, List<Detail> details) {
        this(outcome, reasonMask, reportId, serverMicros, roundTripNanos, decidedLocally, serverBusy, null, details);
    }

    private VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                         boolean decidedLocally, boolean serverBusy, String detail, List<Detail> details) {
        this.detail = detail;
        this.details = List.copyOf(details);
        this.outcome = outcome;
        this.reasonMask = reasonMask;
        this.reportId = reportId;
        this.serverMicros = serverMicros;
        this.roundTripNanos = roundTripNanos;
        this.decidedLocally = decidedLocally;
        this.serverBusy = serverBusy;
    }

    static VerifyAnswer local(Reason reason, long roundTripNanos) {
        return local(reason, null, roundTripNanos);
    }

    /** A HOLD the client decided, with a sentence saying why (an invalid request, say). */
    static VerifyAnswer local(Reason reason, String detail, long roundTripNanos) {
        return new VerifyAnswer(Outcome.HOLD, reason.bit(), null, 0, roundTripNanos, true, reason == Reason.SERVER_BUSY,
                detail, List.of());
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean released() {
        return outcome == Outcome.RELEASE;
    }

    /** Reason bit mask ({@link Reason#bit()}); unknown bits from a newer server are kept. */
    public long reasonMask() {
        return reasonMask;
    }

    /** The reasons this client knows. */
    public Set<Reason> reasons() {
        EnumSet<Reason> s = EnumSet.noneOf(Reason.class);
        for (Reason r : Reason.values()) {
            if (r.in(reasonMask)) {
                s.add(r);
            }
        }
        return s;
    }

    /**
     * One line per known reason in {@code lang}, e.g. for a gate screen (allocates). Chinese and
     * English come from the same reason table the server uses ({@link gcc.decision.ReasonText}).
     */
    public java.util.List<String> summaries(Language lang) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Reason r : reasons()) {
            out.add(r.summary(lang));
        }
        return out;
    }

    /** The server's per-reason details (version 2 answers; empty for version 1 or a local HOLD). */
    public List<Detail> details() {
        return details;
    }

    /**
     * One line per reason in {@code lang}: the detail where the server sent one for that reason
     * (which items failed or expired and since when, which recall), else the reason's summary.
     */
    public List<String> explanations(Language lang) {
        List<String> out = new java.util.ArrayList<>();
        for (Reason r : reasons()) {
            String line = r.summary(lang);
            for (Detail d : details) {
                if (d.reasonCode() == r.code()) {
                    line = d.text(lang);
                }
            }
            out.add(line);
        }
        return out;
    }

    public boolean has(Reason r) {
        return r.in(reasonMask);
    }

    /** Why the client held a request it did not send (an invalid field), or null. */
    public String detail() {
        return detail;
    }

    /** The report the code names, or null when unknown. */
    public String reportId() {
        return reportId;
    }

    public long serverMicros() {
        return serverMicros;
    }

    public long roundTripNanos() {
        return roundTripNanos;
    }

    /** True when the client decided HOLD itself (timeout, no connection, protocol error) or the server answered BUSY. */
    public boolean decidedLocally() {
        return decidedLocally;
    }

    /** True when the server answered BUSY (not decided; the answer here is HOLD). */
    public boolean serverBusy() {
        return serverBusy;
    }

    @Override
    public String toString() {
        return outcome + " " + reasons() + (reportId == null ? "" : " " + reportId) + (decidedLocally ? " (local)" : "")
                + (detail == null ? "" : " (" + detail + ")") + " " + serverMicros + "us";
    }
}
