package gcc.clearance;

import java.util.SplittableRandom;

/**
 * When consignments arrive: a homogeneous Poisson process, or a non-homogeneous one whose rate
 * follows a weekly profile (168 hourly multipliers of the mean rate, week starting Monday 00:00 at
 * time zero), drawn by thinning (Lewis and Shedler). Times in seconds. Immutable.
 */
public interface ArrivalProcess {
    /** The next arrival strictly after {@code t}. */
    double next(double t, SplittableRandom r);

    /** The long-run mean rate, per second. */
    double meanPerSecond();

    static ArrivalProcess poisson(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("arrival rate must be positive: " + perSecond);
        }
        return new ArrivalProcess() {
            @Override
            public double next(double t, SplittableRandom r) {
                return t - Math.log(1.0 - r.nextDouble()) / perSecond;
            }

            @Override
            public double meanPerSecond() {
                return perSecond;
            }
        };
    }

    /**
     * A weekly profile: {@code hourly[h]} multiplies the mean rate in hour {@code h} of the week
     * (0 = Monday 00:00-01:00). The multipliers are normalised to average one, so the mean rate
     * stays {@code perSecond}.
     */
    static ArrivalProcess weekly(double perSecond, double[] hourly) {
        if (hourly.length != WeeklyProfile.HOURS_PER_WEEK) {
            throw new IllegalArgumentException("a weekly profile has 168 hourly multipliers, not " + hourly.length);
        }
        double sum = 0;
        double max = 0;
        for (double m : hourly) {
            if (!(m >= 0)) {
                throw new IllegalArgumentException("arrival multipliers must not be negative: " + m);
            }
            sum += m;
            max = Math.max(max, m);
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("a weekly profile needs some arrivals");
        }
        double[] rate = new double[hourly.length];
        for (int h = 0; h < rate.length; h++) {
            rate[h] = perSecond * hourly[h] * hourly.length / sum;
        }
        double peak = perSecond * max * hourly.length / sum;
        return new ArrivalProcess() {
            @Override
            public double next(double t, SplittableRandom r) {
                // Thinning: candidates at the peak rate, each kept with probability rate(t) / peak.
                double s = t;
                while (true) {
                    s -= Math.log(1.0 - r.nextDouble()) / peak;
                    if (r.nextDouble() * peak < rate[WeeklyProfile.hourOfWeek(s)]) {
                        return s;
                    }
                }
            }

            @Override
            public double meanPerSecond() {
                return perSecond;
            }

            @Override
            public String toString() {
                return "weekly profile, mean " + perSecond * 3600 + "/h, peak " + peak * 3600 + "/h";
            }
        };
    }
}
