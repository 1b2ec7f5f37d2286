package gcc.registry;


import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.StampedLock;

/**
 * The report registry on disk: a durable journal of every change and an off-heap index rebuilt
 * from it whenever it cannot be trusted.
 *
 * <p>Layout under the registry directory: {@code journal/} (Chronicle Queue), {@code index.cm3}
 * (Chronicle Map), {@code index.clean} (written only by a clean close: the index's length and
 * last sequence), {@code index.header} (the index's length and header digest at creation, checked
 * before Chronicle maps the file) and {@code registry.lock} (held by the one process that has the
 * registry open).
 *
 * <p>Opening: after a clean close the index opens as it is; after an unclean stop (no marker) it
 * is recovered (segment locks left by the dead process are cleared, entries checked) and caught
 * up from the journal; if recovery fails, the file is shorter than it was created or its header changed, or the index
 * claims a sequence the journal does not have, it is rebuilt from the journal. Until then, and
 * during a rebuild, every lookup answers {@code UNAVAILABLE}, which the rules turn into HOLD.
 *
 * <p>Changes: validated against the index ({@link RegistryTransitions#refusal}), appended to the
 * journal and synced, then applied to the index (idempotent by sequence). A change is
 * acknowledged only when it is durable and visible to lookups.
 *
 * <p>Thread-safe. Lookups are allocation-free and take a shared read stamp so the index is never
 * closed or swapped under a reader; changes are serialized.
 */
public final class PersistentRegistry implements RegistryService {
    /** How the index came up at the last open, for stats and operators. */
    public enum OpenedAs { CREATED, CLEAN, RECOVERED, REBUILT }

    private enum State { OPENING, READY, REBUILDING, CLOSED }

    /** Default index capacity: 10 million reports plus 20% headroom. */
    public static final long DEFAULT_ENTRIES = 12_000_000L;

    private final Path dir;
    private final long entries;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RegistryJournal journal;
    private final StampedLock gate = new StampedLock();
    private final ReportRecord scratch = new ReportRecord();
    private volatile State state = State.OPENING;
    private volatile RegistryIndex index;
    private volatile OpenedAs openedAs;
    private volatile long openMillis;
    private volatile RecallScopes scopes = RecallScopes.NONE;

    private PersistentRegistry(Path dir, long entries, Clock clock) throws IOException {
        this.dir = dir;
        this.entries = entries;
        this.clock = clock;
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve("registry.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IllegalStateException("the registry in " + dir + " is open in another process (a running server?): "
                    + "stop it, or make changes through its admin API");
        }
        this.lock = l;
        this.journal = new RegistryJournal(dir.resolve("journal"));
    }

    /** Opens (creating, recovering or rebuilding as needed) the registry in {@code dir}. */
    public static PersistentRegistry open(Path dir, long entries, Clock clock) throws IOException {
        long start = System.nanoTime();
        PersistentRegistry r = new PersistentRegistry(dir, entries, clock);
        try {
            r.bringUp();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        r.openMillis = (System.nanoTime() - start) / 1_000_000;
        return r;
    }

    private File indexFile() {
        return dir.resolve("index.cm3").toFile();
    }

    private void bringUp() throws IOException {
        Properties clean = readAndRemoveCleanMarker();
        // After a process kill the OS still holds every page the index wrote; after a power cut or
        // an OS crash it may not, and a lost page could bring back a revoked report as ACTIVE while
        // the applied sequence says it was revoked. So an unclean stop across a reboot rebuilds.
        boolean sameBoot = bootId().equals(readBootId());
        writeBootId();
        File file = indexFile();
        RegistryIndex idx = null;
        OpenedAs how;
        if (!file.exists()) {
            how = journal.lastSequence() == 0 ? OpenedAs.CREATED : OpenedAs.REBUILT;
        } else if (clean == null && !sameBoot) {
            how = OpenedAs.REBUILT; // unclean stop across a reboot: unflushed index pages may be lost
        } else if (!IndexFileCheck.matches(file.toPath(), dir.resolve("index.header"))) {
            how = OpenedAs.REBUILT; // truncated or its header damaged: Chronicle would hang or fault on it
        } else {
            how = clean != null ? OpenedAs.CLEAN : OpenedAs.RECOVERED;
            try {
                idx = clean != null ? RegistryIndex.open(file, entries) : RegistryIndex.recover(file, entries);
                if (idx.applied() > journal.lastSequence()) {
                    idx.close();
                    idx = null;
                    how = OpenedAs.REBUILT; // the index knows changes the journal lost: trust the journal
                }
            } catch (IOException | RuntimeException e) {
                if (idx != null) {
                    idx.close();
                }
                idx = null;
                how = OpenedAs.REBUILT;
            }
        }
        if (idx == null) {
            idx = build(file);
        }
        long from = idx.applied();
        RegistryIndex target = idx;
        journal.replay(from, (e, pos) -> {
            RegistryTransitions.apply(e, pos, target, scratch);
            target.applied(e.sequence());
        });
        index = idx;
        openedAs = how;
        // Recalls are few and the journal is their only home: read them all, skipping documents.
        scopes = journal.scopes();
        state = State.READY;
    }

    /** A fresh index at {@code file} holding the whole journal. */
    private RegistryIndex build(File file) throws IOException {
        Files.deleteIfExists(file.toPath());
        RegistryIndex idx = RegistryIndex.open(file, entries);
        IndexFileCheck.record(file.toPath(), dir.resolve("index.header"));
        ReportRecord s = new ReportRecord();
        journal.replay(0, (e, pos) -> RegistryTransitions.apply(e, pos, idx, s));
        idx.applied(journal.lastSequence());
        return idx;
    }

    /** This boot's id (Linux), or "unknown" where the OS does not say, which never matches a recorded one. */
    static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private String readBootId() {
        try {
            Path p = dir.resolve("index.boot");
            return Files.exists(p) ? Files.readString(p).trim() : "none";
        } catch (IOException e) {
            return "none";
        }
    }

    private void writeBootId() throws IOException {
        Files.writeString(dir.resolve("index.boot"), bootId() + "\n");
    }

    private Properties readAndRemoveCleanMarker() throws IOException {
        Path marker = dir.resolve("index.clean");
        if (!Files.exists(marker)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        // From here until a clean close, a crash must not look clean.
        Files.delete(marker);
        syncDirectory();
        return p;
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the marker's absence is then only as durable as the OS makes it
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Lookup lookup(byte[] reportId, int length, ReportRecord into) {
        long stamp = gate.readLock();
        try {
            if (state != State.READY) {
                return Lookup.UNAVAILABLE;
            }
            return index.get(reportId, length, into) ? Lookup.FOUND : Lookup.NOT_FOUND;
        } catch (RuntimeException e) {
            return Lookup.UNAVAILABLE;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        long stamp = gate.readLock();
        try {
            return state == State.READY && index.get(reportId, into);
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public gcc.report.ReportDocument document(String reportId) {
        ReportRecord r = new ReportRecord();
        long stamp = gate.readLock();
        try {
            if (state != State.READY || !index.get(reportId, r) || r.documentPosition() == 0) {
                return null;
            }
            RegistryEvent e = journal.read(r.documentPosition());
            return e != null && e.document() != null && e.reportId().equals(reportId) ? e.document() : null;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public long entries() {
        long stamp = gate.readLock();
        try {
            return state == State.READY ? index.entries() : 0;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    @Override
    public long lastSequence() {
        return journal.lastSequence();
    }

    @Override
    public boolean ready() {
        return state == State.READY;
    }

    public OpenedAs openedAs() {
        return openedAs;
    }

    /** Milliseconds the last open took. */
    public long openMillis() {
        return openMillis;
    }

    public long indexFileBytes() {
        return indexFile().length();
    }

    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------ changes

    @Override
    public synchronized String submit(RegistryEvent event) {
        if (state != State.READY) {
            return "the registry is not ready (" + state + "); try again";
        }
        String refusal = RegistryTransitions.refusal(event, index, scopes);
        if (refusal != null) {
            return refusal;
        }
        RegistryEvent placed = journal.append(event, clock.millis());
        apply(placed);
        return null;
    }

    /**
     * Bulk registration for tools: validates and applies each event, syncing the journal every
     * {@code syncEvery} events and at the end; nothing is acknowledged before its sync. (After a
     * crash mid-batch the index may be ahead of the journal, which the next open detects and
     * repairs by rebuilding.) Returns the refusals as "id: reason".
     */
    public synchronized List<String> submitAll(Iterable<RegistryEvent> events, int syncEvery, Runnable perEvent) {
        if (state != State.READY) {
            throw new IllegalStateException("the registry is not ready (" + state + ")");
        }
        List<String> refused = new ArrayList<>();
        int unsynced = 0;
        long now = clock.millis();
        for (RegistryEvent e : events) {
            String refusal = RegistryTransitions.refusal(e, index, scopes);
            if (refusal != null) {
                refused.add(e.reportId() + ": " + refusal);
                continue;
            }
            apply(journal.write(e, now));
            perEvent.run();
            if (++unsynced >= syncEvery) {
                journal.sync();
                unsynced = 0;
                now = clock.millis();
            }
        }
        journal.sync();
        return refused;
    }

    @Override
    public RecallScopes scopes() {
        return scopes;
    }

    private void apply(RegistryEvent placed) {
        scopes = scopes.apply(placed);
        RegistryTransitions.apply(placed, journal.lastPosition(), index, scratch);
        index.applied(placed.sequence());
    }

    // ------------------------------------------------------------------ maintenance

    /**
     * Builds a fresh index from the journal into a new file and swaps it in atomically. Lookups
     * answer UNAVAILABLE meanwhile. Returns the number of reports in the new index.
     */
    public synchronized long rebuild() throws IOException {
        File next = dir.resolve("index.cm3.rebuild").toFile();
        long stamp = gate.writeLock();
        state = State.REBUILDING;
        gate.unlockWrite(stamp);
        RegistryIndex fresh;
        try {
            Files.deleteIfExists(next.toPath());
            fresh = RegistryIndex.open(next, entries);
            IndexFileCheck.record(next.toPath(), dir.resolve("index.header.rebuild"));
            ReportRecord s = new ReportRecord();
            journal.replay(0, (e, pos) -> RegistryTransitions.apply(e, pos, fresh, s));
            fresh.applied(journal.lastSequence());
        } catch (IOException | RuntimeException e) {
            state = State.READY; // the old index is still whole
            throw e;
        }
        stamp = gate.writeLock();
        try {
            index.close();
            fresh.close();
            move(next.toPath(), indexFile().toPath());
            move(dir.resolve("index.header.rebuild"), dir.resolve("index.header"));
            index = RegistryIndex.open(indexFile(), entries);
            openedAs = OpenedAs.REBUILT;
            state = State.READY;
            return index.entries();
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Compares the index with what the journal says it should hold and lists every difference
     * (missing, extra or different records, and the applied sequence).
     */
    public synchronized List<String> verifyIndex() throws IOException {
        List<String> diffs = new ArrayList<>();
        File tmp = dir.resolve("index.verify.cm3").toFile();
        Files.deleteIfExists(tmp.toPath());
        try (RegistryIndex expected = RegistryIndex.open(tmp, Math.max(1_000, index.entries() + 1_000))) {
            ReportRecord s = new ReportRecord();
            journal.replay(0, (e, pos) -> RegistryTransitions.apply(e, pos, expected, s));
            ReportRecord actual = new ReportRecord();
            expected.forEach(want -> {
                String id = want.reportId();
                if (!index.get(id, actual)) {
                    diffs.add("missing from index: " + id);
                } else if (!actual.sameAs(want)) {
                    diffs.add("differs: " + id + "\n  journal: " + want + "\n  index:   " + actual);
                }
            });
            ReportRecord other = new ReportRecord();
            index.forEach(have -> {
                if (!expected.get(have.reportId(), other)) {
                    diffs.add("not in journal: " + have.reportId());
                }
            });
            if (index.applied() != journal.lastSequence()) {
                diffs.add("index applied sequence " + index.applied() + ", journal last sequence " + journal.lastSequence());
            }
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
        return diffs;
    }

    /** Closes the index (marking it clean), the journal and the lock. Call after every reader stopped. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        long stamp = gate.writeLock();
        try {
            boolean wasReady = state == State.READY;
            state = State.CLOSED;
            RegistryIndex idx = index;
            index = null;
            if (idx != null) {
                idx.close();
                if (wasReady) {
                    writeCleanMarker(idx.file().length());
                }
            }
        } finally {
            gate.unlockWrite(stamp);
            journal.close();
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the OS releases the lock with the process anyway
            }
        }
    }

    private void writeCleanMarker(long length) {
        Path tmp = dir.resolve("index.clean.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(("length=" + length + "\nsequence=" + journal.lastSequence() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            move(tmp, dir.resolve("index.clean"));
            syncDirectory();
        } catch (IOException e) {
            // Without the marker the next open recovers the index: slower, never wrong.
        }
    }
}
