package gcc.clearance;

import java.util.SplittableRandom;

/**
 * A service-time distribution in seconds. Immutable and thread-safe; the randomness is the
 * caller's, so runs with the same seed repeat.
 */
public interface ServiceTime {
    /** One draw, in seconds (never negative). */
    double sample(SplittableRandom r);

    /** The mean, in seconds. */
    double mean();

    static ServiceTime exponential(double meanSeconds) {
        return new ServiceTime() {
            @Override
            public double sample(SplittableRandom r) {
                return -meanSeconds * Math.log(1.0 - r.nextDouble());
            }

            @Override
            public double mean() {
                return meanSeconds;
            }
        };
    }

    static ServiceTime deterministic(double seconds) {
        return new ServiceTime() {
            @Override
            public double sample(SplittableRandom r) {
                return seconds;
            }

            @Override
            public double mean() {
                return seconds;
            }
        };
    }

    /** Erlang-k with the given mean (k exponential phases): less variable than exponential. */
    static ServiceTime erlang(int k, double meanSeconds) {
        return new ServiceTime() {
            @Override
            public double sample(SplittableRandom r) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s -= Math.log(1.0 - r.nextDouble());
                }
                return s * meanSeconds / k;
            }

            @Override
            public double mean() {
                return meanSeconds;
            }
        };
    }

    /** Log-normal with the given mean and coefficient of variation (standard deviation over mean). */
    static ServiceTime lognormal(double meanSeconds, double cv) {
        double sigma2 = Math.log(1 + cv * cv);
        double mu = Math.log(meanSeconds) - sigma2 / 2;
        double sigma = Math.sqrt(sigma2);
        return new ServiceTime() {
            @Override
            public double sample(SplittableRandom r) {
                // Box-Muller: one standard normal from two uniforms.
                double z = Math.sqrt(-2 * Math.log(1.0 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                return Math.exp(mu + sigma * z);
            }

            @Override
            public double mean() {
                return meanSeconds;
            }
        };
    }
}
