package gcc.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochDaysTest {
    @Test
    void shouldAgreeWithLocalDateOverTwoCenturies() {
        for (LocalDate d = LocalDate.of(1990, 1, 1); d.getYear() < 2190; d = d.plusDays(1)) {
            int day = (int) d.toEpochDay();
            assertEquals(day, EpochDays.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
            assertEquals(d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth(), EpochDays.toYmd(day));
            if (d.getDayOfMonth() >= 27) {
                for (int m : new int[]{1, 6, 12, 18}) {
                    assertEquals(d.plusMonths(m).toEpochDay(), EpochDays.plusMonths(day, m), d + " + " + m);
                }
            }
        }
    }

    @Test
    void shouldReadDaysInTheGivenOffset() {
        // 2026-06-14T20:00Z is already 2026-06-15 in China Standard Time
        long t = java.time.Instant.parse("2026-06-14T20:00:00Z").getEpochSecond();
        assertEquals(LocalDate.of(2026, 6, 15).toEpochDay(), EpochDays.ofEpochSecond(t, 8 * 3600));
        assertEquals(LocalDate.of(2026, 6, 14).toEpochDay(), EpochDays.ofEpochSecond(t, 0));
    }

    @Test
    void plusMonthsAtLeastShouldNeverExceedPlusMonths() {
        int from = (int) java.time.LocalDate.of(2000, 1, 1).toEpochDay();
        int to = (int) java.time.LocalDate.of(2040, 12, 31).toEpochDay();
        for (int day = from; day <= to; day++) {
            for (int months = 0; months <= 36; months++) {
                int bound = EpochDays.plusMonthsAtLeast(day, months);
                int real = EpochDays.plusMonths(day, months);
                org.junit.jupiter.api.Assertions.assertTrue(bound <= real, day + " + " + months);
            }
        }
    }
}
