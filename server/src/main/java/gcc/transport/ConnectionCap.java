package gcc.transport;

import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most connections a listener keeps open. Past it a new connection is closed at accept
 * (before any handler or buffer is set up for it) and counted, so a flood of connections costs
 * a file descriptor for an instant and never memory. Thread-safe.
 */
public final class ConnectionCap {
    private final int max;
    private final Runnable onRefused;
    private final AtomicInteger open = new AtomicInteger();

    /** @param onRefused counts a refused connection (a metric) */
    public ConnectionCap(int max, Runnable onRefused) {
        this.max = max;
        this.onRefused = onRefused;
    }

    /** Admits {@code ch} (and releases its place when it closes), or closes it and returns false. */
    public boolean admit(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            onRefused.run();
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    public int open() {
        return open.get();
    }
}
