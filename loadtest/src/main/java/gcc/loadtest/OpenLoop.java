package gcc.loadtest;

import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate, open-loop schedule: request {@code i} is due at {@code start + i / rate}
 * whatever happened to earlier ones, and its latency is measured from that intended time, so a
 * stall shows up in every request it delays (coordinated omission corrected, as HdrHistogram's
 * {@code recordValueWithExpectedInterval} would for a closed loop). When the sender falls behind
 * it sends every overdue request at once rather than skipping any.
 *
 * <p>Makes no object per request: the target is handed the index and intended time and reports
 * the answer back through {@link #done} (this object is the targets' {@link RawConnections.Sink});
 * latencies go into an HdrHistogram {@link Recorder}, counters are atomics.
 *
 * <p>Bounded: stops after {@code warmup + duration}; requests sent during the warm-up are not
 * recorded. One sender thread; completions may arrive on any thread.
 */
public final class OpenLoop implements RawConnections.Sink {
    /** Sends one request; the answer must reach {@link OpenLoop#done} exactly once, or never if it is lost. */
    public interface Target {
        /** Returns false when the request could not be sent at all (counted as an error at once). */
        boolean send(long index, long intendedNanos, OpenLoop loop);

        /** Called by the sender while it waits for the next due time. */
        default void idle() {
        }

        /**
         * Replaces the target's connections with fresh ones before a run. Between interleaved
         * slices a server may rightly close connections that were silent (the gate after
         * gate.idle-timeout-seconds); a run must not send into them. Not called while a run is on.
         */
        default void reopen() throws java.io.IOException {
        }
    }

    /** {@code measuredOutstanding} once the run has closed its books: far below zero, however many late answers follow. */
    private static final long BOOKS_CLOSED = Long.MIN_VALUE / 2;

    private final Recorder recorder = new Recorder(1, TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    /**
     * Requests due in the measured window that are sent and not answered yet; {@link #BOOKS_CLOSED}
     * once the run has counted what is left as lost, so an answer arriving after that is not
     * counted a second time.
     */
    private final AtomicLong measuredOutstanding = new AtomicLong();
    private volatile long lost;
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long sent;

    public Recorder recorder() {
        return recorder;
    }

    public long completed() {
        return completed.get();
    }

    public long errors() {
        return errors.get();
    }

    public long outstanding() {
        return outstanding.get();
    }

    /**
     * Requests due in the measured window that were sent and never answered, not even within the
     * drain time after the run (a closed connection, a server that stopped answering). Each is also
     * counted in {@link #errors} and {@link #completed}, with a latency of 60 s: a lost answer is a
     * failed request, never a request that did not happen.
     */
    public long lost() {
        return lost;
    }

    /** Requests sent so far (read from any thread). */
    public long sent() {
        return sent;
    }

    @Override
    public void done(long intendedNanos, boolean ok) {
        long t = System.nanoTime();
        outstanding.decrementAndGet();
        if (intendedNanos >= measureFromNanos) {
            if (measuredOutstanding.getAndDecrement() <= 0) {
                return; // later than the run's books closed: already counted as lost, never twice
            }
            recorder.recordValue(Math.max(1, Math.min(60_000_000, (t - intendedNanos) / 1000)));
            completed.incrementAndGet();
            if (!ok) {
                errors.incrementAndGet();
            }
        }
    }

    /**
     * Runs the schedule and returns the number of requests sent. Waits up to {@code drain} for
     * stragglers afterwards.
     */
    public long run(Target target, double ratePerSecond, long warmupNanos, long durationNanos, long drainNanos) {
        double period = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 1_000_000;
        long end = start + warmupNanos + durationNanos;
        measureFromNanos = start + warmupNanos;
        long i = 0;
        while (true) {
            long due = start + (long) (i * period);
            if (due >= end) {
                break;
            }
            long now = System.nanoTime();
            if (now < due) {
                target.idle();
                long wait = due - now;
                if (wait > 20_000) {
                    LockSupport.parkNanos(wait - 10_000);
                }
                continue;
            }
            outstanding.incrementAndGet();
            boolean measured = due >= measureFromNanos;
            if (measured) {
                measuredOutstanding.incrementAndGet();
            }
            if (!target.send(i, due, this)) {
                outstanding.decrementAndGet();
                if (measured) {
                    measuredOutstanding.decrementAndGet();
                    completed.incrementAndGet();
                    errors.incrementAndGet();
                    recorder.recordValue(Math.max(1, Math.min(60_000_000, (System.nanoTime() - due) / 1000)));
                }
            }
            i++;
            sent = i;
        }
        long drainEnd = System.nanoTime() + drainNanos;
        while (outstanding.get() > 0 && System.nanoTime() < drainEnd) {
            target.idle();
            LockSupport.parkNanos(1_000_000);
        }
        // The run's figures are read now: an answer later than the drain time is as good as lost
        // for a gate. Each lost request takes the histogram's ceiling (60 s) as its latency, so a
        // run that lost answers cannot show a better tail than one that answered them late.
        long notAnswered = Math.max(0, measuredOutstanding.getAndSet(BOOKS_CLOSED));
        lost = notAnswered;
        if (notAnswered > 0) {
            recorder.recordValueWithCount(60_000_000, notAnswered);
            completed.addAndGet(notAnswered);
            errors.addAndGet(notAnswered);
        }
        return i;
    }
}
