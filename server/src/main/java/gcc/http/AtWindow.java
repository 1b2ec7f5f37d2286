package gcc.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The dates a {@code POST /v1/verify} pre-check may ask about ({@code at}): from {@code back}
 * before now to {@code ahead} after it (settings {@code http.at-window-back-days} and
 * {@code http.at-window-ahead-days}). Without it a past date would release an expired report,
 * and a far date would overflow the decision's day arithmetic. Only comparisons of instants are
 * made here, and the bounds are computed from now with small durations, so nothing overflows.
 *
 * <p>Thread-safe and immutable.
 */
final class AtWindow {
    private final Clock clock;
    private final Duration back;
    private final Duration ahead;

    AtWindow(Clock clock, Duration back, Duration ahead) {
        this.clock = clock;
        this.back = back;
        this.ahead = ahead;
    }

    /** {@code at} itself when it is in the window; an {@link IllegalArgumentException} (a 400) naming the window if not. */
    Instant check(Instant at) {
        Instant now = clock.instant();
        Instant from = now.minus(back);
        Instant to = now.plus(ahead);
        if (at.isBefore(from) || at.isAfter(to)) {
            throw new IllegalArgumentException("'at' " + at + " is outside the allowed window " + from + " .. " + to
                    + " (" + back.toDays() + " days back, " + ahead.toDays() + " days ahead)");
        }
        return at;
    }
}
