package gcc.metrics;

import gcc.decision.Reason;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters: decisions by outcome and by reason, BUSY answers, protocol errors,
 * connections, and the decide and signature-check latency distributions. Writers are the event
 * loops and workers (lock-free, allocation-free); the metrics endpoint reads.
 *
 * <p>Thread-safe.
 */
public final class GateMetrics {
    /** Where a decision was asked for. */
    public enum Channel { GATE, HTTP }

    private final LongAdder release = new LongAdder();
    private final LongAdder hold = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder httpDecisions = new LongAdder();
    private final AtomicLongArray byReason = new AtomicLongArray(64);
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsClosed = new LongAdder();
    private final LongAdder idleReaped = new LongAdder();
    private final LongAdder receiveBuffersExhausted = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder frameDeadlines = new LongAdder();
    private final LongAdder auditRejected = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final LatencyHistogram decideLatency = new LatencyHistogram("gcc_decision_duration_seconds",
            "server-side decision time, receipt to answer (gate and HTTP)");
    private final LatencyHistogram signatureLatency = new LatencyHistogram("gcc_signature_check_duration_seconds",
            "signature checks on memo misses");

    /** Counts one decision with its reasons and server-side latency. */
    public void decided(boolean released, long reasonMask, long micros, Channel channel) {
        (released ? release : hold).increment();
        if (channel == Channel.HTTP) {
            httpDecisions.increment();
        }
        long m = reasonMask;
        while (m != 0) {
            int bit = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            byReason.incrementAndGet(bit);
        }
        decideLatency.record(micros);
    }

    public void busy() {
        busy.increment();
    }

    public void signatureChecked(long micros) {
        signatureLatency.record(micros);
    }

    /** A connection closed at accept because its listener had its maximum open. */
    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    /** A gate connection closed because a started frame missed its deadline (also a protocol error). */
    public void frameDeadlineMissed() {
        frameDeadlines.increment();
    }

    public long frameDeadlinesMissed() {
        return frameDeadlines.sum();
    }

    public void protocolError() {
        protocolErrors.increment();
    }

    public void connectionOpened() {
        connectionsOpened.increment();
    }

    public void connectionClosed() {
        connectionsClosed.increment();
    }

    public void idleReaped() {
        idleReaped.increment();
    }

    /** A gate read found every lent io_uring receive buffer held and went on with a plain receive. */
    public void receiveBuffersExhausted() {
        receiveBuffersExhausted.increment();
    }

    public void auditRejected() {
        auditRejected.increment();
    }

    /** A bug or broken dependency: a decision held for INTERNAL_ERROR, or an HTTP 500. */
    public void internalError() {
        internalErrors.increment();
    }

    public long released() {
        return release.sum();
    }

    public long held() {
        return hold.sum();
    }

    public long busyCount() {
        return busy.sum();
    }

    public long httpDecisions() {
        return httpDecisions.sum();
    }

    public long reasonCount(Reason r) {
        return byReason.get(r.code());
    }

    public long protocolErrors() {
        return protocolErrors.sum();
    }

    public long openConnections() {
        return connectionsOpened.sum() - connectionsClosed.sum();
    }

    public long idleReapedCount() {
        return idleReaped.sum();
    }

    public long receiveBuffersExhaustedCount() {
        return receiveBuffersExhausted.sum();
    }

    public long auditRejectedCount() {
        return auditRejected.sum();
    }

    public long internalErrorCount() {
        return internalErrors.sum();
    }

    public LatencyHistogram decideLatency() {
        return decideLatency;
    }

    public LatencyHistogram signatureLatency() {
        return signatureLatency;
    }
}
