package gcc.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for disk-full tests: a tmpfs of a few hundred KiB mounted on a
 * directory (Linux, as root), with a filler file to take the space away and give it back.
 * Where it cannot be mounted, {@link #mount} returns {@code null} and {@link #whyNot} says why,
 * so the test can skip with that message.
 *
 * <p>Not thread-safe; close it (unmount) in a finally.
 */
public final class SmallDisk implements AutoCloseable {
    private static volatile String whyNot = "";
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (created if needed), or returns {@code null}. */
    public static SmallDisk mount(Path dir, int kib) {
        try {
            Files.createDirectories(dir);
            if (!"root".equals(System.getProperty("user.name"))) {
                whyNot = "disk-full test skipped: mounting a small tmpfs needs root (running as "
                        + System.getProperty("user.name") + ")";
                return null;
            }
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                whyNot = "disk-full test skipped: cannot mount a tmpfs on " + dir + ": " + out.trim();
                return null;
            }
            return new SmallDisk(dir);
        } catch (IOException | InterruptedException e) {
            whyNot = "disk-full test skipped: cannot mount a tmpfs: " + e;
            return null;
        }
    }

    /** Why the last {@link #mount} returned {@code null}. */
    public static String whyNot() {
        return whyNot;
    }

    public Path dir() {
        return dir;
    }

    /** Bytes still free. */
    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Takes all but {@code leave} bytes of the free space with a filler file (written, so tmpfs really holds it). */
    public void fillLeaving(long leave) throws IOException {
        Path filler = dir.resolve("filler");
        long want = Math.max(0, free() - leave);
        byte[] block = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            f.seek(f.length());
            for (long n = 0; n + block.length <= want; n += block.length) {
                try {
                    f.write(block);
                } catch (IOException full) {
                    return;
                }
            }
        }
    }

    /** Gives the filler's space back. */
    public void release() throws IOException {
        Files.deleteIfExists(dir.resolve("filler"));
    }

    /** Unmounts (lazily, so a file still open elsewhere does not keep the mount). */
    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
