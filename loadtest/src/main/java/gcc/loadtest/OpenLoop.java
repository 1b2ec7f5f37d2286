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
 * <p>Bounded: stops after {@code warmup + duration}; requests sent during the warm-up are not
 * recorded. One sender thread; completions may arrive on any thread.
 */
public final class OpenLoop {
    /** Sends one request; must call {@link Completion#done} exactly once, from any thread. */
    @FunctionalInterface
    public interface Target {
        void send(long index, long intendedNanos, Completion completion);
    }

    /** Reports a completed request. */
    @FunctionalInterface
    public interface Completion {
        void done(boolean ok);
    }

    private final Recorder recorder = new Recorder(1, TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private volatile long measureFromNanos = Long.MAX_VALUE;

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
                long wait = due - now;
                if (wait > 20_000) {
                    LockSupport.parkNanos(wait - 10_000);
                }
                continue;
            }
            long intended = due;
            outstanding.incrementAndGet();
            target.send(i, intended, ok -> {
                long t = System.nanoTime();
                outstanding.decrementAndGet();
                if (intended >= measureFromNanos) {
                    recorder.recordValue(Math.max(1, Math.min(60_000_000, (t - intended) / 1000)));
                    completed.incrementAndGet();
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            });
            i++;
        }
        long drainEnd = System.nanoTime() + drainNanos;
        while (outstanding.get() > 0 && System.nanoTime() < drainEnd) {
            LockSupport.parkNanos(1_000_000);
        }
        return i;
    }
}
