package gcc.loadtest;

import gcc.gate.GateFrame;
import gcc.gate.VerifyResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The system under test: N gate connections speaking the gate protocol directly (prebuilt request
 * frames, the request id patched in, see {@link RawConnections}) sending the workload round-robin,
 * checking every answer against the expected outcome without making an object. Any RELEASE where
 * HOLD was due is a false release; it fails the run whatever the latency. A BUSY answer is not a
 * wrong decision (it is never a release) but counts as an error.
 */
final class DecisionTarget implements OpenLoop.Target, RawConnections.Protocol, AutoCloseable {
    /** Replaced only between runs (reopen); the sender thread that uses it is started after. */
    private RawConnections conns;
    private final Workload workload;
    final AtomicLong wrong = new AtomicLong();
    final AtomicLong falseReleases = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final AtomicLong held = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    private volatile boolean counting;
    private OpenLoop current;

    DecisionTarget(String host, int port, int connections, Workload workload) throws IOException {
        this.workload = workload;
        this.conns = new RawConnections(host, port, connections, this, "gate");
    }

    @Override
    public void reopen() throws IOException {
        conns = conns.reopened();
        current = null;
    }

    /** Sends every hot code once, a few at a time, so the measured run sees them as memo hits. */
    void warm() {
        AtomicLong answered = new AtomicLong();
        conns.sink((intended, ok) -> answered.incrementAndGet());
        current = null;
        Workload.Request[] seen = workload.seen();
        long sent = 0;
        for (int i = 0; i < seen.length; i++) {
            if (conns.send(i, System.nanoTime(), seen[i], seen[i].frame(), GateFrame.REQUEST_ID_OFFSET)) {
                sent++;
            }
            while (sent - answered.get() > conns.size()) {
                conns.flushPending();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < sent && System.nanoTime() < deadline) {
            conns.flushPending();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** From now on, count outcomes (the warm-up's are not counted). */
    void startCounting() {
        counting = true;
    }

    /** Stops counting answers (the knee search that follows the decision run is not part of its figures). */
    void stopCounting() {
        counting = false;
    }

    private void sink(OpenLoop loop) {
        if (loop != current) {
            current = loop;
            conns.sink(loop);
        }
    }

    @Override
    public boolean send(long index, long intendedNanos, OpenLoop loop) {
        sink(loop);
        Workload.Request r = workload.pick(index);
        return conns.send(index, intendedNanos, r, r.frame(), GateFrame.REQUEST_ID_OFFSET);
    }

    @Override
    public void idle() {
        conns.flushPending();
    }

    @Override
    public int replyLength(ByteBuffer in, int pos, int limit) {
        if (limit - pos < GateFrame.LENGTH_FIELD) {
            return -1;
        }
        int len = in.getInt(pos) + GateFrame.LENGTH_FIELD;
        return len <= limit - pos ? len : -1;
    }

    @Override
    public long sequence(ByteBuffer in, int pos, long nextInOrder) {
        return in.getLong(pos + GateFrame.REQUEST_ID_OFFSET);
    }

    @Override
    public boolean accept(ByteBuffer in, int pos, int length, Object tag) {
        Workload.Request r = (Workload.Request) tag;
        if (length < VerifyResponse.REPORT_ID_OFFSET || (in.get(pos + GateFrame.TYPE_OFFSET) & 0xff) != GateFrame.TYPE_VERIFY_RESPONSE) {
            malformed.incrementAndGet();
            return false;
        }
        int outcome = in.get(pos + VerifyResponse.OUTCOME_OFFSET) & 0xff;
        long reasons = in.getLong(pos + VerifyResponse.REASONS_OFFSET);
        // a receiver treats anything but RELEASE without reasons as HOLD (VerifyResponse)
        boolean release = outcome == VerifyResponse.RELEASE && reasons == 0;
        if (!counting) {
            return true;
        }
        if (release) {
            released.incrementAndGet();
        } else {
            held.incrementAndGet();
        }
        if (outcome == VerifyResponse.BUSY) {
            busy.incrementAndGet();
            return false;
        }
        boolean right = r.mustRelease() ? release
                : !release && (r.expected() == null || (reasons & r.expected().bit()) != 0);
        if (!right) {
            wrong.incrementAndGet();
            if (!r.mustRelease() && release) {
                falseReleases.incrementAndGet();
            }
        }
        return right;
    }

    @Override
    public void close() {
        conns.close();
    }
}
