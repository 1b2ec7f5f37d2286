package gcc.transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for work that must not run on an event loop (signature checks, journal
 * appends). {@link #trySubmit} never blocks and never queues beyond its bound: when the queue is
 * full it returns false at once, and the caller answers BUSY.
 *
 * <p>Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final String name;

    public WorkerPool(String name, int threads, int queue) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), tf, new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads();
    }

    /** Runs {@code task} on a worker, or returns false at once if the queue is full or the pool stopped. */
    public boolean trySubmit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Tasks waiting for a worker. */
    public int queueDepth() {
        return executor.getQueue().size();
    }


    /** Stops taking work and waits up to {@code millis} for what was accepted; true if all finished. */
    public boolean shutdown(long millis) {
        executor.shutdown();
        try {
            return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!shutdown(5_000)) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
