package gcc.time;

import java.time.LocalDate;

/**
 * Dates as {@code int} day numbers since 1970-01-01 (the same numbering as
 * {@link LocalDate#toEpochDay()}), with the little calendar arithmetic the rules need done in
 * primitives so a decision allocates nothing. Conversions follow the proleptic Gregorian civil
 * calendar (the algorithm of H. Hinnant's "chrono-compatible low-level date algorithms").
 *
 * <p>Stateless and thread-safe; every method is a few dozen integer operations.
 */
public final class EpochDays {
    private EpochDays() {
    }

    /** The epoch day of a civil date. */
    public static int of(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Year, month (1-12) and day of an epoch day packed as {@code year*10000 + month*100 + day}. */
    public static int toYmd(int epochDay) {
        int z = epochDay + 719468;
        int era = Math.floorDiv(z, 146097);
        int doe = z - era * 146097;
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int y = yoe + era * 400;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int d = doy - (153 * mp + 2) / 5 + 1;
        int m = mp < 10 ? mp + 3 : mp - 9;
        return (m <= 2 ? y + 1 : y) * 10000 + m * 100 + d;
    }

    /**
     * The same day of the month {@code months} later, clamped to the last day of a shorter month
     * (2026-08-31 plus 6 months is 2027-02-28), matching {@link LocalDate#plusMonths(long)}.
     */
    public static int plusMonths(int epochDay, int months) {
        int ymd = toYmd(epochDay);
        int year = ymd / 10000;
        int month = ymd / 100 % 100;
        int day = ymd % 100;
        int total = year * 12 + (month - 1) + months;
        int ny = Math.floorDiv(total, 12);
        int nm = Math.floorMod(total, 12) + 1;
        return of(ny, nm, Math.min(day, lengthOfMonth(ny, nm)));
    }

    /**
     * A lower bound of {@link #plusMonths} without calendar arithmetic: every month has at least
     * 28 days and clamping to a shorter month loses at most 3, so {@code months} months later is
     * never before {@code 28 * months - 3} days later, for
     * {@code months >= 0} (validity periods).
     */
    public static int plusMonthsAtLeast(int epochDay, int months) {
        return epochDay + 28 * months - 3;
    }

    /** Days in a month of a year. */
    public static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The epoch day of an instant (epoch seconds) seen at a fixed UTC offset in seconds. */
    public static int ofEpochSecond(long epochSecond, int offsetSeconds) {
        return (int) Math.floorDiv(epochSecond + offsetSeconds, 86_400L);
    }

    /** Converts to a {@link LocalDate} (allocates; for display only). */
    public static LocalDate toLocalDate(int epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }
}
