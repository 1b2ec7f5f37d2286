package gcc.transport;

import gcc.metrics.GateMetrics;
import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most connections a listener keeps open. Past it a new connection is closed at accept
 * (before any handler or buffer is set up for it) and counted, so a flood of connections costs
 * a file descriptor for an instant and never memory. Thread-safe.
 */
public final class ConnectionCap {
    private final int max;
    private final GateMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionCap(int max, GateMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    /** Admits {@code ch} (and releases its place when it closes), or closes it and returns false. */
    public boolean admit(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            metrics.connectionRefused();
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
