package gcc.registry;


import gcc.io.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gcc.progress.Progress;

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
 * <p>Thread-safe. Lookups are allocation-free and lock-free: the index lives in a
 * {@link GuardedIndex}, which never closes or swaps it under a reader (the argument is there);
 * changes, rebuilds and close are serialized.
 */
public final class PersistentRegistry implements RegistryService {
    /** How the index came up at the last open, for stats and operators. */
    public enum OpenedAs { CREATED, CLEAN, RECOVERED, REBUILT }

    private enum State { OPENING, READY, REBUILDING, FAILED, CLOSED }

    private static final Logger LOG = LoggerFactory.getLogger(PersistentRegistry.class);

    /** Default index capacity: a pilot's reports (about 24 MiB of disk, {@link RegistrySizing}). */
    public static final long DEFAULT_ENTRIES = RegistrySizing.PILOT_ENTRIES;
    /** Journal entries from which a rebuild at open shows its progress (below, it takes a second or less). */
    private static final long SHOW_PROGRESS_FROM = 200_000;

    private final Path dir;
    private final long entries;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RegistryJournal journal;
    private volatile SkippedEntries skipped;
    private final StatusChanges changes = new StatusChanges();
    private volatile long capacity;
    private final ReportRecord scratch = new ReportRecord();
    private volatile State state = State.OPENING;
    /** The index readers use; writers (serialized) reach it through {@link #index()}. */
    private final GuardedIndex guard = new GuardedIndex(null);
    private volatile OpenedAs openedAs;
    private volatile long openMillis;
    private volatile RecallScopes scopes = RecallScopes.NONE;

    private PersistentRegistry(Path dir, long entries, Clock clock, boolean cutDamaged) throws IOException {
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
        try {
            LegacyJournal.migrateIfPresent(dir, journalFile(dir));
            this.journal = RegistryJournal.open(journalFile(dir), cutDamaged);
        } catch (IOException | RuntimeException | Error e) {
            releaseLock(l, lockChannel);
            throw e;
        }
        this.skipped = SkippedEntries.read(dir.resolve("journal.skip"));
        JournalScan.Result scan = journal.opened();
        if (scan.tornBytes() > 0) {
            LOG.warn("registry journal {}: cut a torn tail of {} bytes at byte {} after sequence {} ({}); "
                    + "it was never acknowledged", journal.file(), scan.tornBytes(), scan.validEnd(), scan.lastSequence(),
                    scan.damage());
        }
    }

    /** Opens the journal (cutting a damaged middle when {@code cutDamaged}) without the index: for {@link RegistryRepair}. */
    static PersistentRegistry openJournalOnly(Path dir, long entries, Clock clock, boolean cutDamaged) throws IOException {
        return new PersistentRegistry(dir, entries, clock, cutDamaged);
    }

    RegistryJournal journal() {
        return journal;
    }

    SkippedEntries skipped() {
        return skipped;
    }

    void skip(long sequence, String why) throws IOException {
        skipped = skipped.with(sequence, why);
    }

    /** Replays the whole journal (less skipped entries) into a scratch index; throws at an inapplicable entry. */
    void replayIntoScratch(Path scratchFile) throws IOException {
        Files.deleteIfExists(scratchFile);
        try (RegistryIndex idx = RegistryIndex.open(scratchFile.toFile(), newIndexSize())) {
            replayInto(idx, 0, new ReportRecord(), false);
        } finally {
            Files.deleteIfExists(scratchFile);
        }
    }

    static Path journalFile(Path dir) {
        return dir.resolve("journal.log");
    }

    private static void releaseLock(FileLock l, FileChannel ch) {
        try {
            l.release();
            ch.close();
        } catch (IOException ignored) {
            // the OS releases it with the process
        }
    }

    /** Opens (creating, recovering or rebuilding as needed) the registry in {@code dir}. */
    public static PersistentRegistry open(Path dir, long entries, Clock clock) throws IOException {
        long start = System.nanoTime();
        PersistentRegistry r = new PersistentRegistry(dir, entries, clock, false);
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
        } else if (createdFor() > 0 && entries > createdFor()) {
            // A Chronicle Map keeps the size it was created with: a raised setting takes effect as a new index.
            LOG.info("registry index {} was created for {} reports; registry.entries is now {}: rebuilding it at the new "
                    + "size from the journal", file, createdFor(), entries);
            how = OpenedAs.REBUILT;
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
        try {
            replayInto(target, from, scratch, true);
        } catch (RuntimeException | Error e) {
            idx.close();
            throw e;
        }
        guard.replace(idx);
        capacity = capacityOf(idx);
        openedAs = how;
        // Recalls and status changes are few and the journal is their only home: read them all.
        changes.clear();
        scopes = journal.scopes(changes);
        state = State.READY;
    }

    /** A fresh index at {@code file} holding the whole journal. */
    private RegistryIndex build(File file) throws IOException {
        long size = newIndexSize();
        Files.deleteIfExists(file.toPath());
        RegistryIndex idx = RegistryIndex.open(file, size);
        IndexFileCheck.record(file.toPath(), dir.resolve("index.header"), size);
        // A rebuild at open takes a while for a large registry (10 million reports: about 85 s): say so.
        Progress progress = journal.lastSequence() >= SHOW_PROGRESS_FROM
                ? Progress.of("registry: rebuilding the index from the journal", journal.lastSequence()) : null;
        try {
            replayInto(idx, 0, new ReportRecord(), false, progress);
        } catch (RuntimeException | Error e) {
            idx.close();
            throw e;
        }
        if (progress != null) {
            progress.finish();
        }
        idx.applied(journal.lastSequence());
        return idx;
    }

    /**
     * Applies every journal entry above {@code from} to {@code idx}, leaving out the entries an
     * operator chose to skip ({@code gatectl registry repair}). An entry that cannot be applied
     * stops the replay with its sequence: it is never skipped silently.
     */
    private void replayInto(RegistryIndex idx, long from, ReportRecord s, boolean markEach) {
        replayInto(idx, from, s, markEach, null);
    }

    /** The same, counting each journal entry read on {@code progress} (may be null). */
    private void replayInto(RegistryIndex idx, long from, ReportRecord s, boolean markEach, Progress progress) {
        journal.replay(from, (e, pos) -> {
            if (progress != null) {
                progress.step();
            }
            if (!skipped.contains(e.sequence())) {
                try {
                    RegistryTransitions.apply(e, pos, idx, s);
                } catch (RuntimeException | Error t) {
                    throw new InapplicableEntryException(e, t);
                }
            }
            if (markEach) {
                idx.applied(e.sequence());
            }
        });
    }

    /** Reports the index may hold: what it was created for (an index keeps its size; a larger setting rebuilds it at open). */
    private long capacityOf(RegistryIndex idx) {
        long created = createdFor();
        return created > 0 ? created : entries;
    }

    /** Reports the current index was created for, 0 when not recorded (no index, or one from before it was). */
    private long createdFor() {
        return IndexFileCheck.entries(dir.resolve("index.header"));
    }

    /**
     * Reports a new index is created for: the setting, never less than the index it replaces was
     * created for (a rebuild after a crash keeps the capacity) nor than the journal's entries (each
     * adds at most one report), so replaying the journal into it can never overflow it.
     */
    private long newIndexSize() {
        return Math.max(entries, Math.max(createdFor(), journal.lastSequence()));
    }

    /** Reports an index already in {@code dir} was created for, or 0 if there is none (or it is not recorded). */
    public static long createdFor(Path dir) {
        return Files.exists(dir.resolve("index.cm3")) ? IndexFileCheck.entries(dir.resolve("index.header")) : 0;
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
        DurableFile.replace(dir.resolve("index.boot"), (bootId() + "\n").getBytes(StandardCharsets.US_ASCII));
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
        DurableFile.syncDirectory(dir);
        return p;
    }

    // ------------------------------------------------------------------ reads

    /**
     * {@inheritDoc}
     *
     * <p>A state read before the guard may be stale by one swap: a reader that saw READY just
     * before a rebuild began still reads the old index, which stays whole and open until it is
     * done ({@link GuardedIndex}); after the swap it finds no index and answers UNAVAILABLE.
     */
    @Override
    public Lookup lookup(byte[] reportId, int length, ReportRecord into) {
        if (state != State.READY) {
            return Lookup.UNAVAILABLE;
        }
        return guard.lookup(reportId, length, into);
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        return state == State.READY && guard.get(reportId, into);
    }

    @Override
    public gcc.report.ReportDocument document(String reportId) {
        ReportRecord r = new ReportRecord();
        if (!get(reportId, r) || r.documentPosition() == 0) {
            return null;
        }
        // The journal is append-only and outlives every index: reading it needs no guard.
        RegistryEvent e = journal.read(r.documentPosition());
        return e != null && e.document() != null && e.reportId().equals(reportId) ? e.document() : null;
    }

    @Override
    public StatusChange statusChange(String reportId) {
        return changes.of(reportId);
    }

    @Override
    public long entries() {
        return state == State.READY ? guard.entries() : 0;
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

    /** The index for the serialized writer side (changes, rebuild, verify, close): no guard needed there. */
    private RegistryIndex index() {
        return guard.current();
    }

    // ------------------------------------------------------------------ changes

    /**
     * {@inheritDoc}
     *
     * <p>Checked before anything is written: the registry is ready, the id is not an internal
     * key, the index has room, and the transition is allowed. Then journaled and synced (a
     * failure throws {@link JournalWriteException} with the journal and index unchanged), then
     * applied. If applying a journaled change fails, lookups answer UNAVAILABLE (HOLD) until the
     * registry is reopened, and this throws.
     */
    @Override
    public synchronized String submit(RegistryEvent event) {
        if (state != State.READY) {
            return "the registry is not ready (" + state + "); try again";
        }
        String refusal = preflight(event);
        if (refusal != null) {
            return refusal;
        }
        RegistryEvent placed = journal.append(event, clock.millis());
        applyJournaled(placed);
        return null;
    }

    /** Why {@code e} may not be journaled now, or {@code null}: everything checked before a byte is written. */
    private String preflight(RegistryEvent e) {
        if (RegistryIndex.reserved(e.reportId())) {
            return "report " + e.reportId() + " is not registered"; // internal keys are no report's business
        }
        RegistryIndex index = index();
        boolean adds = e.type() == RegistryEvent.Type.REGISTER || e.type() == RegistryEvent.Type.REVISE;
        if (adds && index.entries() >= capacity) {
            return RegistrySizing.full(index.entries(), capacity);
        }
        return RegistryTransitions.refusal(e, index, scopes);
    }

    private void applyJournaled(RegistryEvent placed) {
        try {
            apply(placed);
        } catch (RuntimeException | Error t) {
            // Journaled but not in the index: the index no longer answers for the journal, so
            // every lookup holds until a reopen replays (or a repair skips) the entry.
            state = State.FAILED;
            LOG.error("registry change {} is journaled but could not be applied; lookups answer UNAVAILABLE until "
                    + "the registry is reopened", placed.sequence(), t);
            throw new JournalWriteException("registry change " + placed.sequence() + " journaled but not applied: " + t, t);
        }
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
            String refusal = preflight(e);
            if (refusal != null) {
                refused.add(e.reportId() + ": " + refusal);
                continue;
            }
            applyJournaled(journal.write(e, now));
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
        changes.apply(placed);
        RegistryIndex index = index();
        RegistryTransitions.apply(placed, journal.lastPosition(), index, scratch);
        index.applied(placed.sequence());
    }

    // ------------------------------------------------------------------ maintenance

    /**
     * Builds a fresh index from the journal into a new file and swaps it in atomically. Lookups
     * answer UNAVAILABLE meanwhile. Returns the number of reports in the new index.
     */
    public long rebuild() throws IOException {
        return rebuild(null);
    }

    /** {@link #rebuild()}, counting each journal entry read on {@code progress} (may be null). */
    public synchronized long rebuild(Progress progress) throws IOException {
        File next = dir.resolve("index.cm3.rebuild").toFile();
        // Readers that saw READY before this may finish on the old index: it stays whole and open.
        state = State.REBUILDING;
        RegistryIndex fresh;
        try {
            Files.deleteIfExists(next.toPath());
            long size = newIndexSize();
            fresh = RegistryIndex.open(next, size);
            IndexFileCheck.record(next.toPath(), dir.resolve("index.header.rebuild"), size);
            try {
                replayInto(fresh, 0, new ReportRecord(), false, progress);
            } catch (RuntimeException | Error e) {
                fresh.close();
                throw e;
            }
            fresh.applied(journal.lastSequence());
        } catch (IOException | RuntimeException e) {
            state = State.READY; // the old index is still whole
            throw e;
        }
        guard.replace(null); // returns once no reader is inside the old index, closed by then
        fresh.close();
        move(next.toPath(), indexFile().toPath());
        move(dir.resolve("index.header.rebuild"), dir.resolve("index.header"));
        RegistryIndex index = RegistryIndex.open(indexFile(), entries);
        guard.replace(index);
        capacity = capacityOf(index);
        openedAs = OpenedAs.REBUILT;
        state = State.READY;
        return index.entries();
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
    public List<String> verifyIndex() throws IOException {
        return verifyIndex(null);
    }

    /**
     * {@link #verifyIndex()}, counting on {@code progress} (may be null) each journal entry
     * read and each record compared: {@link #verifyIndexSteps()} in all.
     */
    public synchronized List<String> verifyIndex(Progress progress) throws IOException {
        List<String> diffs = new ArrayList<>();
        RegistryIndex index = index();
        File tmp = dir.resolve("index.verify.cm3").toFile();
        Files.deleteIfExists(tmp.toPath());
        long size = Math.max(1_000, Math.max(index.entries(), journal.lastSequence()) + 1_000);
        try (RegistryIndex expected = RegistryIndex.open(tmp, size)) {
            replayInto(expected, 0, new ReportRecord(), false, progress);
            ReportRecord actual = new ReportRecord();
            expected.forEach(want -> {
                if (progress != null) {
                    progress.step();
                }
                String id = want.reportId();
                if (!index.get(id, actual)) {
                    diffs.add("missing from index: " + id);
                } else if (!actual.sameAs(want)) {
                    diffs.add("differs: " + id + "\n  journal: " + want + "\n  index:   " + actual);
                }
            });
            ReportRecord other = new ReportRecord();
            index.forEach(have -> {
                if (progress != null) {
                    progress.step();
                }
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

    /** About how many steps {@link #verifyIndex(Progress)} counts: journal entries plus twice the reports. */
    public long verifyIndexSteps() {
        return journal.lastSequence() + 2 * entries();
    }

    /** Closes the index (marking it clean), the journal and the lock. Call after every reader stopped. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            boolean wasReady = state == State.READY;
            state = State.CLOSED;
            RegistryIndex idx = index();
            guard.replace(null); // closes idx once no reader is inside it
            if (idx != null && wasReady) {
                writeCleanMarker(idx.file().length());
            }
        } finally {
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
        try {
            DurableFile.replace(dir.resolve("index.clean"), ("length=" + length + "\nsequence=" + journal.lastSequence() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Without the marker the next open recovers the index: slower, never wrong.
        }
    }
}
