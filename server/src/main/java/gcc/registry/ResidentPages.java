package gcc.registry;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the registry index in memory: every interval, a background thread reads one byte of
 * every page of the index file through a read-only mapping of its own.
 *
 * <p>Why: the gate reads the index on its event loop. A page the operating system dropped while
 * nobody read it (memory reclaim of idle file pages: this project's machines run a reclaimer that
 * pages out anything untouched for a minute) comes back as a disk read inside a decision, and the
 * whole loop waits: 10-100 ms here, once every few seconds under a mix of first-sight codes, which
 * was most of the gate's p99 (docs/performance.md). Touching the pages first, off the loop, makes
 * them recently used, so they stay; at start it also loads them, so the first scans of the day do
 * not pay for the night.
 *
 * <p>Cost: one load per 4 KiB page per interval (25,000 loads for a 100 MB index), no copy. The
 * file may be replaced (a rebuild renames a new index into place): the mapping follows the file's
 * identity, and the old mapping is dropped for the collector to unmap. Reads only; a file that is
 * missing or shorter for a moment is skipped until the next round, never an error for the gate.
 *
 * <p>Thread-safe: its own single daemon thread does all the work.
 */
public final class ResidentPages implements AutoCloseable {
    static final int PAGE = 4096;
    /** One mapping covers at most this much (a MappedByteBuffer is int-indexed). */
    private static final long CHUNK = 1L << 30;

    private final Path file;
    private final ScheduledExecutorService timer;
    private Object mappedKey;
    private List<MappedByteBuffer> mapped = List.of();
    /** Written by the keeper's thread only, read by others (tests, logs). */
    private volatile long pagesTouched;
    private volatile long sink;

    private ResidentPages(Path file, ScheduledExecutorService timer) {
        this.file = file;
        this.timer = timer;
    }

    /**
     * Touches {@code file}'s pages now (on the keeper's thread) and every {@code intervalSeconds}
     * after; a no-op keeper when the interval is 0.
     */
    public static ResidentPages keep(Path file, int intervalSeconds) {
        Objects.requireNonNull(file, "file");
        if (intervalSeconds < 0) {
            throw new IllegalArgumentException("interval must be >= 0 seconds: " + intervalSeconds);
        }
        if (intervalSeconds == 0) {
            return new ResidentPages(file, null);
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "gcc-registry-resident");
            th.setDaemon(true);
            th.setPriority(Thread.MIN_PRIORITY);
            return th;
        });
        ResidentPages keeper = new ResidentPages(file, t);
        t.scheduleWithFixedDelay(keeper::touchQuietly, 0, intervalSeconds, TimeUnit.SECONDS);
        return keeper;
    }

    /**
     * Reads a byte of every page of {@code file} once, on the calling thread, and returns the pages
     * read: what the keeper does at start, for a process that wants the pages in memory before it
     * measures or serves (the benchmarks over the registry data sets).
     */
    public static long touchOnce(Path file) throws IOException {
        ResidentPages once = new ResidentPages(Objects.requireNonNull(file, "file"), null);
        try {
            return once.touch();
        } finally {
            once.mapped = List.of();
        }
    }

    private void touchQuietly() {
        try {
            touch();
        } catch (Throwable e) {
            // A scheduled task that throws never runs again; a failed round is retried next time.
            mappedKey = null;
            mapped = List.of();
        }
    }

    /** One round: (re)maps the file if it changed, then reads a byte of every page. Returns the pages touched. */
    long touch() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            mappedKey = null;
            mapped = List.of();
            return 0;
        }
        Object key = a.fileKey() != null ? List.of(a.fileKey(), a.size()) : List.of(a.lastModifiedTime(), a.size());
        if (!key.equals(mappedKey)) {
            mapped = map(file, a.size());
            mappedKey = key;
        }
        long sum = 0;
        long pages = 0;
        for (MappedByteBuffer m : mapped) {
            for (int at = 0; at < m.limit(); at += PAGE) {
                sum += m.get(at);
                pages++;
            }
        }
        sink = sum; // keeps the loads from being optimised away
        pagesTouched += pages;
        return pages;
    }

    private static List<MappedByteBuffer> map(Path file, long size) throws IOException {
        List<MappedByteBuffer> chunks = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = 0; at < size; at += CHUNK) {
                chunks.add(ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(CHUNK, size - at)));
            }
        }
        return chunks;
    }

    /** Pages read over every round so far (for tests and logs). */
    long pagesTouched() {
        return pagesTouched;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mapped = List.of();
    }
}
