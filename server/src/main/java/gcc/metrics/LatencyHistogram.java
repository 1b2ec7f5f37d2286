package gcc.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency distribution as a Prometheus classic histogram in seconds, with fixed buckets from
 * 10 µs to 10 s, so that ports can add their buckets up and take percentiles across servers.
 *
 * <p>Recording is one bucket search over a small array and two {@link LongAdder} increments: no
 * lock, no allocation (after an adder's first contention). The client library's own
 * {@code Histogram} takes a lock and buffers while a scrape collects, so decisions record here
 * and only the snapshot goes through the client's model ({@code docs/performance.md}).
 *
 * <p>Thread-safe; a snapshot read during recording may see a bucket and the sum from slightly
 * different moments, which Prometheus tolerates.
 */
public final class LatencyHistogram {
    /** Upper bounds in microseconds (Prometheus {@code le}), then +Inf. */
    static final long[] BOUNDS_MICROS = {10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
            100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000};
    private static final double[] BOUNDS_SECONDS = new double[BOUNDS_MICROS.length + 1];

    static {
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            BOUNDS_SECONDS[i] = BOUNDS_MICROS[i] / 1e6;
        }
        BOUNDS_SECONDS[BOUNDS_MICROS.length] = Double.POSITIVE_INFINITY;
    }

    private final String name;
    private final String help;
    private final LongAdder[] counts = new LongAdder[BOUNDS_MICROS.length + 1];
    private final LongAdder sumMicros = new LongAdder();

    /** @param name the metric name, ending in {@code _seconds} */
    public LatencyHistogram(String name, String help) {
        this.name = name;
        this.help = help;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one latency in microseconds (negative values count as 0). */
    public void record(long micros) {
        long v = Math.max(0, micros);
        int i = 0;
        while (i < BOUNDS_MICROS.length && v > BOUNDS_MICROS[i]) {
            i++;
        }
        counts[i].increment();
        sumMicros.add(v);
    }

    /** Observations recorded since start. */
    public long count() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }

    /** The histogram as the Prometheus client models it (bucket counts not cumulative). */
    public HistogramSnapshot snapshot() {
        long[] each = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            each[i] = counts[i].sum();
        }
        return HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, each))
                        .sum(sumMicros.sum() / 1e6).labels(Labels.EMPTY).build())
                .build();
    }
}
