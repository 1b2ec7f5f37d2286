package gcc.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests accepted and not yet answered (gate and HTTP), and whether the node is stopping, so a
 * graceful stop can refuse new work and wait for the work it accepted.
 *
 * <p>Thread-safe and allocation-free.
 */
public final class InFlight {
    private final AtomicLong count = new AtomicLong();
    private volatile boolean stopping;

    /** True once {@link #stop} was called: new gate requests are answered BUSY. */
    public boolean stopping() {
        return stopping;
    }

    public void enter() {
        count.incrementAndGet();
    }

    public void leave() {
        count.decrementAndGet();
    }

    public long count() {
        return count.get();
    }

    /** Refuses new work from now on. */
    public void stop() {
        stopping = true;
    }

    /** Waits until nothing is in flight or {@code deadlineNanos} (a {@link System#nanoTime} value) passes. */
    public void awaitIdle(long deadlineNanos) {
        while (count.get() > 0 && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
