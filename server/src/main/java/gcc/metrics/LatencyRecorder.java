package gcc.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution in microseconds, recorded from any thread without locks or allocation
 * (HdrHistogram {@link Recorder}) and accumulated since start when read.
 *
 * <p>Range 1 µs to 60 s at 3 significant digits (about 0.1% resolution), a few hundred KiB.
 * {@link #snapshot()} is for the scraper thread only (one reader at a time).
 */
public final class LatencyRecorder {
    private static final long MAX_MICROS = 60_000_000L;
    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);
    private final Histogram cumulative = new Histogram(1, MAX_MICROS, 3);
    private Histogram interval;

    /** Records one latency; values outside the range are clamped. */
    public void record(long micros) {
        recorder.recordValue(Math.max(1, Math.min(MAX_MICROS, micros)));
    }

    /** Everything recorded since start. Call from one thread at a time. */
    public synchronized Histogram snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
