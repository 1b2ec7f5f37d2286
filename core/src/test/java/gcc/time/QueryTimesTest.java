package gcc.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryTimesTest {
    @Test
    void shouldReadADateAsMidnightInThePortsTime() {
        // 2026-11-30 00:00 at UTC+8 is 2026-11-29T16:00:00Z = 1,795,968,000 s.
        assertEquals(1_795_968_000_000_000L, QueryTimes.micros("2026-11-30"));
    }

    @Test
    void shouldReadAnInstantToTheMicrosecond() {
        assertEquals(1_795_968_000_123_456L, QueryTimes.micros("2026-11-29T16:00:00.123456789Z"));
        assertNull(QueryTimes.micros(null));
    }

    @Test
    void shouldRefuseWhatIsNeitherWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryTimes.micros("30/11/2026"));
        assertEquals("time must be a date YYYY-MM-DD or an ISO instant: 30/11/2026", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueryTimes.micros("+1000000000-01-01T00:00:00Z"));
    }
}
