package gcc.audit;

import java.io.IOException;
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

    private long freeBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }
}
