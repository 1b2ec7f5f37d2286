package gcc.registry;

import java.nio.file.Path;

/**
 * The journal is damaged in the middle: an entry fails its checks and whole entries follow it.
 * Unlike a torn tail this is not cut silently; {@code gatectl registry repair} cuts it on request.
 */
public final class JournalDamagedException extends IllegalStateException {
    JournalDamagedException(Path file, JournalScan.Result scan) {
        super("registry journal " + file + " is damaged at byte " + scan.damagedAt() + " (after sequence "
                + scan.lastSequence() + ": " + scan.damage() + ") and whole entries follow it: restore the registry "
                + "directory from a backup, or run `gatectl registry repair --cut-damaged` to drop everything from that byte");
    }
}
