package gcc.gatetcp;

import gcc.config.Setting;

/**
 * How much of one event loop's time first-sight signature checks may take on the loop itself.
 *
 * <p>Why check on the loop at all: handing a check to a worker costs two thread wake-ups (the
 * worker's, then the loop's to write the answer back), and on this project's virtual machines a
 * wake-up is both CPU (about 40 µs of kernel time per hand-off, measured) and latency (a sleeping
 * virtual CPU can take milliseconds to wake). A check done where the request was read costs
 * neither. Why a budget: a check takes 80-100 µs, and while it runs the other connections of the
 * loop wait; so the checks may take at most a share of the loop's time, and past it they go to the
 * workers as before (where a full queue answers BUSY).
 *
 * <p>A token bucket in nanoseconds of loop time: credit accrues at the share of the time that
 * passes, up to one window's worth (the burst: {@code WINDOW_NANOS x share}); a check may start
 * while the credit is positive and is charged what it took, so a slow one (a cold JIT, a page
 * fault) leaves a debt that later checks wait out instead of being forgotten at a window edge.
 * The most a burst of first-sight codes adds to a neighbour's wait is one window's credit plus
 * one check.
 *
 * <p>Time is whatever clock the caller passes (nanoseconds); one instance per event-loop thread,
 * not thread-safe. A share of 0 sends every check to the workers.
 */
final class InlineCheckBudget {
    /** How much loop time may be used at once (times the share): short, so a burst's added latency stays small. */
    static final long WINDOW_NANOS = 2_000_000;

    private final int sharePercent;
    private final long capNanos;
    private long credit;
    private long last = Long.MIN_VALUE;

    /** @param sharePercent of the loop's time that checks may take, 0-100 ({@link #checkShare}) */
    InlineCheckBudget(int sharePercent) {
        this.sharePercent = checkShare(sharePercent);
        this.capNanos = WINDOW_NANOS * sharePercent / 100;
        this.credit = capNanos;
    }

    /**
     * Returns {@code sharePercent} if it is a share a budget can have (0-100), else throws
     * {@link IllegalArgumentException} naming the setting, so a bad one is refused at start rather
     * than on an event loop's first request.
     */
    static int checkShare(int sharePercent) {
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException(Setting.WORKER_INLINE_SHARE.key()
                    + " must be 0-100 (percent of each event loop's time), not " + sharePercent);
        }
        return sharePercent;
    }

    /** Whether a check starting at {@code now} may run on the loop. */
    boolean mayCheck(long now) {
        if (sharePercent == 0) {
            return false;
        }
        if (last != Long.MIN_VALUE) {
            long elapsed = Math.min(now - last, Long.MAX_VALUE / 100); // nanoTime only moves forward
            credit = Math.min(capNanos, credit + Math.max(0, elapsed) * sharePercent / 100);
        }
        last = now;
        return credit > 0;
    }

    /** Charges a check that ran on the loop for {@code nanos}; the credit may go below zero. */
    void charge(long nanos) {
        credit -= Math.max(0, nanos);
    }

    /** The most loop time checks may take at once. */
    long burstNanos() {
        return capNanos;
    }
}
