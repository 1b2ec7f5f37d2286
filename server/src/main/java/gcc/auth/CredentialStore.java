package gcc.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The credentials in force and where they come from: the admin token and the credentials file.
 * The file is read at start (a malformed one refuses the start, with the reason), then watched: a
 * changed file (modification time, size or file key) is read again and put in force; a malformed
 * change is refused, logged once, and the credentials in force stay. {@link #reload()} does the
 * same on demand ({@code POST /v1/admin/credentials/reload}).
 *
 * <p>Thread-safe: readers see one immutable {@link Credentials}; reloads are serialized.
 */
public final class CredentialStore implements AutoCloseable {
    private final Path file;
    private final byte[] adminTokenDigest;
    private volatile Credentials current;
    private Object stamp;
    private String refused;
    private ScheduledExecutorService watcher;

    /**
     * Reads {@code file} (absent means no credentials besides the admin token).
     *
     * @throws IllegalArgumentException if the file is malformed: the message names the entry and the reason
     */
    public CredentialStore(Path file, String adminToken) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.adminTokenDigest = adminToken == null ? null
                : Credential.sha256(adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.stamp = stamp(file);
        this.current = new Credentials(adminTokenDigest, CredentialFile.read(file));
    }

    /** The credentials in force. */
    public Credentials current() {
        return current;
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file again and puts it in force; returns how many credentials it lists.
     *
     * @throws IllegalArgumentException if it is malformed (the credentials in force stay)
     */
    public synchronized int reload() throws IOException {
        Object s = stamp(file);
        List<Credential> read = CredentialFile.read(file);
        current = new Credentials(adminTokenDigest, read);
        stamp = s;
        refused = null;
        return read.size();
    }

    /**
     * Adds {@code credential} to the file (written, synced, renamed) and puts it in force.
     *
     * @throws IllegalStateException    if its principal already has a credential
     * @throws IllegalArgumentException if the file on disk is malformed or the credential is the same as another's
     */
    public synchronized void add(Credential credential) throws IOException {
        List<Credential> list = new java.util.ArrayList<>(CredentialFile.read(file));
        if (list.stream().anyMatch(c -> c.principal().name().equals(credential.principal().name()))) {
            throw new IllegalStateException("principal " + credential.principal().name() + " already has a credential; remove it first");
        }
        list.add(credential);
        CredentialFile.write(file, list);
        reload();
    }

    /** Removes {@code principal}'s credential from the file and from force; false if it has none. */
    public synchronized boolean remove(String principal) throws IOException {
        List<Credential> list = new java.util.ArrayList<>(CredentialFile.read(file));
        if (!list.removeIf(c -> c.principal().name().equals(principal))) {
            return false;
        }
        CredentialFile.write(file, list);
        reload();
        return true;
    }

    /** Starts checking the file for changes every {@code interval}. */
    public synchronized void watch(java.time.Duration interval) {
        if (watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gcc-credentials");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Reloads if the file changed since it was last read; a refused change is logged once and the old credentials stay. */
    synchronized void reloadIfChanged() {
        try {
            Object s = stamp(file);
            if (Objects.equals(s, stamp)) {
                return;
            }
            try {
                int n = reload();
                System.err.println("gcc: credentials reloaded from " + file + ": " + n + " listed");
            } catch (IllegalArgumentException e) {
                if (!Objects.equals(refused, String.valueOf(s))) {
                    refused = String.valueOf(s);
                    System.err.println("gcc: " + e.getMessage() + "; the credentials in force stay");
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("gcc: credentials file " + file + " unreadable, the credentials in force stay: " + e);
        }
    }

    private static Object stamp(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime().toMillis(), a.size(), String.valueOf(a.fileKey()));
        } catch (NoSuchFileException e) {
            return "absent";
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }
}
