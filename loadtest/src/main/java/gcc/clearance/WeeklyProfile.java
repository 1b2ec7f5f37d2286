package gcc.clearance;

import java.util.List;

/**
 * Builds the 168 hourly arrival multipliers of a week from three named effects: weekday factors
 * (Monday first), hour-of-day factors (the shift pattern of truck arrivals at the gate), and
 * cut-off waves (extra arrivals in the hours before a vessel's container cut-off). The effects
 * multiply; {@link ArrivalProcess#weekly} normalises the result to average one. Stateless.
 */
public final class WeeklyProfile {
    public static final int HOURS_PER_WEEK = 168;

    private WeeklyProfile() {
    }

    /** A wave: on {@code weekday} (1 = Monday) from {@code startHour} for {@code hours}, arrivals times {@code factor}. */
    public record Wave(int weekday, int startHour, int hours, double factor) {
    }

    public static double[] hourly(double[] weekdayFactors, double[] hourFactors, List<Wave> waves) {
        if (weekdayFactors.length != 7 || hourFactors.length != 24) {
            throw new IllegalArgumentException("need 7 weekday factors and 24 hour factors");
        }
        double[] m = new double[HOURS_PER_WEEK];
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            m[h] = weekdayFactors[h / 24] * hourFactors[h % 24];
        }
        for (Wave w : waves) {
            for (int i = 0; i < w.hours(); i++) {
                int h = Math.floorMod((w.weekday() - 1) * 24 + w.startHour() + i, HOURS_PER_WEEK);
                m[h] *= w.factor();
            }
        }
        return m;
    }

    /** The hour of the week (0 = Monday 00:00-01:00) at {@code seconds} after a Monday midnight. */
    public static int hourOfWeek(double seconds) {
        return (int) (Math.floorMod((long) Math.floor(seconds / 3600), (long) HOURS_PER_WEEK));
    }

    /** Peak over mean of the normalised profile. */
    public static double peakToMean(double[] hourly) {
        double sum = 0;
        double max = 0;
        for (double v : hourly) {
            sum += v;
            max = Math.max(max, v);
        }
        return max / (sum / hourly.length);
    }
}
