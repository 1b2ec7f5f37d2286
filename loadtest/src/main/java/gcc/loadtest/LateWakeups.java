package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A harness thread that only sleeps, {@value #INTERVAL_US} us at a time, and records how late each
 * wake-up came. It sees every stall that a request due meanwhile would see: the host's (on this VM,
 * under the load test's traffic, more than 10 ms about once a second on each core) and the harness
 * JVM's own (collections, safepoints). The open loop charges such a stall to the server, so each
 * run reports them beside its latency. Started once per load test; each run takes what was
 * recorded over its measured window ({@link #take}). Recording allocates nothing.
 */
final class LateWakeups implements AutoCloseable {
    static final long INTERVAL_US = 1_000;
    /** A wake-up this late (us) is a stall: what the summary's {@code over_10ms} and the console count. */
    static final long STALL_US = 10_000;
    /** The finer count beside it ({@code over_1ms}). */
    static final long LATE_US = 1_000;
    /** Lateness is kept up to a minute; longer is recorded as a minute. */
    private static final long MAX_US = TimeUnit.MINUTES.toMicros(1);

    private final Recorder recorder = new Recorder(MAX_US, 3);
    private final Thread meter;
    private volatile boolean running = true;

    LateWakeups() {
        meter = new Thread(this::measure, "gcc-load-late-wakeups");
        meter.setDaemon(true);
        meter.start();
    }

    private void measure() {
        long intervalNanos = TimeUnit.MICROSECONDS.toNanos(INTERVAL_US);
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(intervalNanos);
            record(recorder, System.nanoTime() - before - intervalNanos);
        }
    }

    /** Records one wake-up {@code lateNanos} past its time (an early one as on time). */
    static void record(Recorder into, long lateNanos) {
        into.recordValue(Math.min(MAX_US, Math.max(0, lateNanos / 1_000)));
    }

    /** The late wake-ups (us) since the last take (or the start), and a fresh start. */
    Histogram take() {
        return recorder.getIntervalHistogram();
    }

    /** A histogram that holds no wake-ups: for runs that measured none. */
    static Histogram none() {
        return new Histogram(MAX_US, 3);
    }

    /** How many of {@code h}'s wake-ups were more than {@code us} late. */
    static long over(Histogram h, long us) {
        if (h.getTotalCount() == 0 || h.getMaxValue() <= us) {
            return 0;
        }
        // from the first bucket wholly above us: a wake-up counted here was surely more than us late
        long from = h.nextNonEquivalentValue(us);
        return from > h.getMaxValue() ? 0 : h.getCountBetweenValues(from, h.getMaxValue());
    }

    /** How many of {@code h}'s wake-ups were stalls (more than {@link #STALL_US} late). */
    static long stalls(Histogram h) {
        return over(h, STALL_US);
    }

    /** {@code h} as summary figures into {@code n}. */
    static ObjectNode json(ObjectNode n, Histogram h) {
        n.put("interval_us", INTERVAL_US);
        n.put("count", h.getTotalCount());
        n.put("p99_us", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99));
        n.put("p999_us", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99.9));
        n.put("max_us", h.getTotalCount() == 0 ? 0 : h.getMaxValue());
        n.put("over_1ms", over(h, LATE_US));
        n.put("over_10ms", stalls(h));
        return n;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(meter);
    }
}
