package gcc.clearance;

import org.HdrHistogram.Histogram;

import java.util.SplittableRandom;

/**
 * The gate server's decision time, in seconds, as the green lane's scan experiences it: a
 * constant, or drawn from a measured distribution (an HdrHistogram of microseconds, such as the
 * load harness records). Immutable after construction.
 */
public interface LatencyDistribution extends ServiceTime {

    static LatencyDistribution constantMicros(double micros) {
        return new LatencyDistribution() {
            @Override
            public double sample(SplittableRandom r) {
                return micros / 1e6;
            }

            @Override
            public double mean() {
                return micros / 1e6;
            }
        };
    }

    /** Draws from a histogram of microseconds (inverse transform on its percentiles). */
    static LatencyDistribution ofHistogram(Histogram micros) {
        Histogram h = micros.copy();
        if (h.getTotalCount() == 0) {
            throw new IllegalArgumentException("the latency histogram is empty");
        }
        return new LatencyDistribution() {
            @Override
            public double sample(SplittableRandom r) {
                return h.getValueAtPercentile(100.0 * r.nextDouble()) / 1e6;
            }

            @Override
            public double mean() {
                return h.getMean() / 1e6;
            }
        };
    }

    /** This distribution with every value multiplied by {@code factor} (for the sensitivity search). */
    default LatencyDistribution scaled(double factor) {
        LatencyDistribution base = this;
        return new LatencyDistribution() {
            @Override
            public double sample(SplittableRandom r) {
                return base.sample(r) * factor;
            }

            @Override
            public double mean() {
                return base.mean() * factor;
            }
        };
    }
}
