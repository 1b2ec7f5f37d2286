package gcc.client;

import gcc.decision.Language;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.ReasonDetail;

import java.util.EnumSet;
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
    private final Outcome outcome;
    private final long reasonMask;
    private final String reportId;
    private final long serverMicros;
    private final long roundTripNanos;
    private final boolean decidedLocally;
    private final boolean serverBusy;
    private final String detail;
    private final java.util.List<ReasonDetail> details;

    VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                 boolean decidedLocally, boolean serverBusy) {
        this(outcome, reasonMask, reportId, serverMicros, roundTripNanos, decidedLocally, serverBusy, null, java.util.List.of());
    }

    /** A server's HOLD with the reason details of a version 2 answer (empty for version 1). */
    VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                 java.util.List<ReasonDetail> details) {
        this(outcome, reasonMask, reportId, serverMicros, roundTripNanos, false, false, null, details);
    }

    private VerifyAnswer(Outcome outcome, long reasonMask, String reportId, long serverMicros, long roundTripNanos,
                         boolean decidedLocally, boolean serverBusy, String detail, java.util.List<ReasonDetail> details) {
        this.detail = detail;
        this.details = java.util.List.copyOf(details);
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
                detail, java.util.List.of());
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

    /**
     * The server's detail per reason, language-neutral (which items, since when, which report,
     * exporter, lab or recall), as a version 2 answer carries them; empty for a version 1 answer
     * or a local HOLD. A reason without an entry has nothing to add to its summary.
     */
    public java.util.List<ReasonDetail> reasonDetails() {
        return details;
    }

    /**
     * One line per reason in {@code lang} for a gate screen: the summary with the server's detail
     * when it sent one (e.g. {@code 检测项目不合格：不合格项目：9、21}), else the summary alone. Allocates.
     */
    public java.util.List<String> details(Language lang) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Reason r : reasons()) {
            String line = r.summary(lang);
            for (ReasonDetail d : details) {
                if (d.code() == r.code()) {
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
