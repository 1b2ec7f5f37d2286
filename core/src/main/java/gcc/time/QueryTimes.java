package gcc.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A time bound as people type it into an audit query ({@code gatectl audit --from}, {@code GET
 * /v1/audit?from=}): a date, meaning 00:00 in the ports' time (UTC+8), or an ISO instant. One
 * parser for both, so the command line and the HTTP route can never read a bound differently.
 */
public final class QueryTimes {
    private static final ZoneOffset PORTS = ZoneOffset.ofHours(8);

    private QueryTimes() {
    }

    /**
     * Epoch microseconds for {@code t}, {@code null} for {@code null}.
     *
     * @throws IllegalArgumentException when it is neither a date {@code YYYY-MM-DD} nor an ISO instant
     */
    public static Long micros(String t) {
        if (t == null) {
            return null;
        }
        try {
            Instant i = t.length() == 10 ? LocalDate.parse(t).atStartOfDay(PORTS).toInstant() : Instant.parse(t);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("time must be a date YYYY-MM-DD or an ISO instant: " + t);
        }
    }
}
