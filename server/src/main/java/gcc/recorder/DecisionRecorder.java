package gcc.recorder;

import gcc.audit.DecisionAudit;
import gcc.audit.DecisionEntry;
import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.VerifiedCode;
import gcc.decision.Decision;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.metrics.GateMetrics;
import gcc.rules.Declaration;
import gcc.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The one place a decision is made, recorded and counted, for the gate and the HTTP API alike:
 * decide (rules against the registry), hand the audit a copy, turn a decision the audit cannot
 * take into HOLD AUDIT_UNAVAILABLE (rule 9: no release goes unrecorded), log an INTERNAL_ERROR
 * once with its stack trace, and count the outcome, its reasons and its latency.
 *
 * <p>The gate path ({@link #probe}, {@link #check}, {@link #decideGate}) is allocation-free; the
 * HTTP path ({@link #verify}) allocates. Thread-safe; each thread passes its own scratch.
 */
public final class DecisionRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);
    private static final byte[] NO_ID = new byte[0];
    private static final byte[] HTTP_GATE = "http".getBytes(StandardCharsets.US_ASCII);

    private final Verifier verifier;
    private final DecisionAudit audit;
    private final GateMetrics metrics;
    private final Clock clock;

    public DecisionRecorder(Verifier verifier, DecisionAudit audit, GateMetrics metrics, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A decision asked over HTTP, and the server time it took. */
    public record Verdict(Decision decision, int serverMicros) {
    }

    /** The memo's verified code for this text, or {@code null} on a miss. Allocation-free. */
    public VerifiedCode probe(byte[] text, int off, int len, Verifier.Scratch s) {
        return verifier.probe(text, off, len, s);
    }

    /**
     * After a {@link #probe} miss with the same scratch: true, with the HOLD reason in {@code f},
     * when this text already failed its signature check under the trust list in force (a forged
     * code scanned again: a hash and a probe, no worker). Allocation-free; only ever a HOLD.
     */
    public boolean probeRejected(Verifier.Scratch s, Findings f) {
        return verifier.probeRejected(s, f);
    }

    /**
     * The signature step for a memo miss, on a worker: probes again (another worker may have just
     * verified the same text), else decodes and verifies, timing the check. Returns {@code null}
     * with the reasons in {@code f} when the code did not verify.
     */
    public VerifiedCode check(byte[] text, int off, int len, Verifier.Scratch s, Findings f) {
        long start = System.nanoTime();
        try {
            VerifiedCode probed = verifier.probe(text, off, len, s);
            if (probed != null) {
                return probed;
            }
            VerifiedCode checked = verifier.check(text, off, len, s, f);
            metrics.signatureChecked((System.nanoTime() - start) / 1000);
            return checked;
        } catch (Throwable e) {
            // Errors too (a mapped file's InternalError, a provider's LinkageError): the gate still
            // gets a defined answer, HOLD INTERNAL_ERROR, instead of a silently closed connection.
            f.fail("signature check failed", e);
            return null;
        }
    }

    /**
     * Decides a gate request now (when {@code code} verified; otherwise {@code f} already holds
     * why not), records and counts it. {@code entry} carries the gate, lane and exporter; this
     * fills in the report id, outcome and latency since {@code receivedNanos}. Returns true for
     * RELEASE. Allocation-free.
     */
    public boolean decideGate(VerifiedCode code, Declaration decl, Verifier.Scratch s, Findings f, DecisionEntry entry,
                              long receivedNanos) {
        if (code != null) {
            try {
                verifier.decide(code, decl, clock.millis() / 1000, s, f);
            } catch (Throwable e) {
                // See check(): an Error from the off-heap registry must still end in a HOLD.
                f.fail("gate handler failed", e);
            }
        }
        return record(f, entry, receivedNanos, GateMetrics.Channel.GATE);
    }

    /**
     * The full, itemized decision for the HTTP API (pre-validation) at {@code at} ({@code null}
     * = now): decodes, verifies, decides, records and counts. Allocates.
     */
    public Verdict verify(String code, String exporter, String product, Instant at) {
        long start = System.nanoTime();
        Instant when = at != null ? at : clock.instant();
        byte[] text = code.trim().getBytes(StandardCharsets.ISO_8859_1);
        Findings f = new Findings();
        Declaration decl = Declaration.of(exporter, product);
        if (text.length > ClearanceCode.MAX_TEXT) {
            f.hold(Reason.MALFORMED_CODE, "code text longer than " + ClearanceCode.MAX_TEXT + " characters");
        } else {
            verifier.verifyInto(text, 0, text.length, decl, when.getEpochSecond(), verifier.threadScratch(), f);
        }
        DecisionEntry entry = new DecisionEntry()
                .origin(DecisionAudit.Source.HTTP_VERIFY, HTTP_GATE, 0, HTTP_GATE.length, 0)
                .exporter(decl.exporter(), decl.exporterOff(), decl.exporterLen())
                .decidedFor(when.getEpochSecond());
        record(f, entry, start, GateMetrics.Channel.HTTP);
        return new Verdict(Decision.of(f, verifier.policy(), when), entry.micros());
    }

    /** Logs and counts a failure outside a decision (an HTTP handler's 500). */
    public void internalError(String where, Throwable cause) {
        metrics.internalError();
        LOG.error("internal error: {}", where, cause);
    }

    private boolean record(Findings f, DecisionEntry entry, long startNanos, GateMetrics.Channel channel) {
        int micros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1000);
        ClearanceClaims claims = f.claims();
        byte[] rid = claims == null ? NO_ID : claims.reportIdBytes();
        boolean release = f.outcome() == Outcome.RELEASE;
        entry.reportId(rid, 0, rid.length).outcome(release, f.reasons(), micros, clock.millis() * 1000);
        if (!audit.record(entry)) {
            f.hold(Reason.AUDIT_UNAVAILABLE);
            metrics.auditRejected();
            release = false;
        }
        if (f.has(Reason.INTERNAL_ERROR)) {
            metrics.internalError();
            LOG.error("decision held for INTERNAL_ERROR: {}", f.detail(), f.failure());
        }
        metrics.decided(release, f.reasons(), micros, channel);
        return release;
    }
}
