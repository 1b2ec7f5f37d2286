package gcc.audit;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit's timer duty, run every sync interval on one scheduled thread: while healthy, take the
 * audit out of service before the disk is full (a mapped file that hits a full disk faults instead
 * of failing cleanly) and sync what was appended since the last tick; while out of service, reopen
 * once the free space is back. One short task per tick, never a polling loop.
 *
 * <p>Confined to the audit's timer thread.
 */
final class AuditUpkeep {
    private final AuditJournal audit;
    private final Path dir;
    private final long minFreeBytes;
    private long synced;
    private FileStore store;

    AuditUpkeep(AuditJournal audit, Path dir, long minFreeBytes) {
        this.audit = audit;
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
    }

    void tick() {
        try {
            if (audit.closing()) {
                return;
            }
            long free = freeBytes();
            if (audit.healthy()) {
                if (free < minFreeBytes) {
                    audit.failFromUpkeep(new IOException("only " + free + " bytes free for the audit in " + dir
                            + ", below audit.min-free-bytes " + minFreeBytes));
                    return;
                }
                long appended = audit.appended();
                if (appended != synced) {
                    audit.sync();
                    synced = appended;
                }
            } else if (free >= minFreeBytes) {
                audit.tryRecover();
            }
        } catch (Throwable t) {
            // A scheduled task that throws is never run again: keep the duty alive whatever happens.
            audit.failFromUpkeep(t);
        }
    }

    /**
     * Looking a path's file store up reads the whole mount table, ten times a second at the default
     * interval even when idle; the store is found once and asked (one statvfs) each tick. Found
     * again after a failure, in case the directory was re-mounted.
     */
    private long freeBytes() throws IOException {
        if (store == null) {
            store = Files.getFileStore(dir);
        }
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            store = null;
            throw e;
        }
    }
}
