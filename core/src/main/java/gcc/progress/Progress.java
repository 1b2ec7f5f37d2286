package gcc.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of one piece of long work, on stderr: on a terminal a bar redrawn in place at most
 * five times a second; otherwise (a log, a pipe, CI) a line every few seconds with count, rate
 * and ETA, so a log shows the work is alive without filling up. {@link #finish} prints the total.
 *
 * <p>A total of 0 or less means unknown: count and rate, no bar and no ETA. Callers count with
 * {@link #add} (cheap: the clock is read once per 1,024 steps) or set the count with {@link #at}.
 * Safe to call from several threads.
 */
public final class Progress implements AutoCloseable {
    /** How often a line is printed when the output is not a terminal. */
    public static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private static final long REDRAW_EVERY_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long started;
    private final long every;
    private long done;
    private long lastShown;
    private int sinceClock;
    private boolean finished;
    private String detail = "";

    /**
     * Progress on {@code out}; {@code terminal} chooses the bar, {@code nanos} is the clock
     * (System::nanoTime; tests pass their own).
     */
    public Progress(String label, long total, PrintStream out, boolean terminal, LongSupplier nanos) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastShown = started;
        this.every = terminal ? REDRAW_EVERY_NANOS : LINE_EVERY_NANOS;
    }

    /** Progress on stderr, as a bar when this process has a terminal. */
    public static Progress of(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null, System::nanoTime);
    }

    /** One more done. */
    public void step() {
        add(1);
    }

    /** {@code n} more done. */
    public synchronized void add(long n) {
        done += n;
        sinceClock += (int) Math.min(n, 1 << 20);
        if (sinceClock >= 1024 || n > 1) {
            sinceClock = 0;
            maybeShow();
        }
    }

    /** {@code count} done so far (for work that knows its position, e.g. seconds of a phase). */
    public synchronized void at(long count) {
        done = count;
        sinceClock = 0;
        maybeShow();
    }

    /** Shows the progress if the interval has passed (for callers that wait between counts). */
    public synchronized void tick() {
        maybeShow();
    }

    /** Text shown after the count, rate and ETA from the next display on (e.g. latency percentiles). */
    public synchronized void detail(String text) {
        detail = text == null ? "" : text;
    }

    public synchronized long done() {
        return done;
    }

    private void maybeShow() {
        long now = nanos.getAsLong();
        if (!finished && now - lastShown >= every) {
            lastShown = now;
            show(now);
        }
    }

    private void show(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        if (terminal) {
            out.print("\r" + bar() + "  " + counts() + String.format(Locale.ROOT, "  %,.0f/s", rate) + eta(rate)
                    + (detail.isEmpty() ? "" : "  " + detail) + "   ");
        } else {
            out.println(label + ": " + counts() + String.format(Locale.ROOT, ", %,.0f/s", rate) + eta(rate)
                    + (detail.isEmpty() ? "" : "; " + detail));
        }
        out.flush();
    }

    private String bar() {
        if (total <= 0) {
            return label;
        }
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        return label + " [" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }

    private String counts() {
        return total > 0 ? String.format(Locale.ROOT, "%,d/%,d (%d%%)", done, total, 100 * Math.min(done, total) / total)
                : String.format(Locale.ROOT, "%,d", done);
    }

    private String eta(double rate) {
        if (total <= 0 || rate <= 0 || done >= total) {
            return "";
        }
        return ", ETA " + duration((long) Math.ceil((total - done) / rate));
    }

    /** 42 s, 3 min 05 s, 1 h 02 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /** Prints the total, count, time and rate (once; later calls do nothing). */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = nanos.getAsLong();
        double seconds = (now - started) / 1e9;
        if (terminal) {
            show(now);
            out.println();
        }
        out.println(String.format(Locale.ROOT, "%s: %,d done in %.1f s (%,.0f/s)", label, done, seconds,
                done / Math.max(1e-9, seconds)));
        out.flush();
    }

    @Override
    public void close() {
        finish();
    }
}
