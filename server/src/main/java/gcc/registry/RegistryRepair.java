package gcc.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code gatectl registry repair}: the explicit, operator-run counterpart of what an open does by
 * itself. An open cuts a torn tail; repair also cuts damage in the middle of the journal (with
 * {@code cutDamaged}) and skips whole entries that cannot be applied, each listed with its
 * sequence in {@code journal.skip}, then has the index rebuilt at the next open. A dry run only
 * reports.
 *
 * <p>Needs the registry closed (it takes the registry lock).
 */
public final class RegistryRepair {
    private RegistryRepair() {
    }

    /** Repairs (or, with {@code dryRun}, inspects) the registry in {@code dir}; returns one line per finding or action. */
    public static List<String> run(Path dir, long entries, boolean cutDamaged, boolean dryRun) throws IOException {
        List<String> out = new ArrayList<>();
        Path file = PersistentRegistry.journalFile(dir);
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                JournalScan.Result scan = JournalScan.scan(ch, file);
                if (scan.damagedAt() >= 0) {
                    out.add((scan.validAfterDamage() ? "damaged middle" : "torn tail") + " at byte " + scan.damagedAt()
                            + " after sequence " + scan.lastSequence() + ": " + scan.damage() + ", " + scan.tornBytes()
                            + " bytes" + (dryRun ? "" : scan.validAfterDamage() && !cutDamaged
                            ? " (left: pass --cut-damaged to drop them)" : " cut"));
                    if (scan.validAfterDamage() && !cutDamaged) {
                        return out;
                    }
                }
            }
        }
        if (dryRun && !out.isEmpty()) {
            return out; // opening would cut what was found
        }
        try (PersistentRegistry r = PersistentRegistry.openJournalOnly(dir, entries, Clock.systemUTC(), cutDamaged)) {
            Set<Long> wouldSkip = new HashSet<>();
            Path scratch = dir.resolve("index.repair.cm3");
            while (true) {
                try {
                    r.replayIntoScratch(scratch);
                    break;
                } catch (InapplicableEntryException e) {
                    if (!wouldSkip.add(e.sequence()) || r.skipped().contains(e.sequence())) {
                        throw e;
                    }
                    out.add("inapplicable entry " + e.sequence() + ": " + e.getCause() + (dryRun ? "" : " (skipped)"));
                    if (dryRun) {
                        break; // later entries may depend on it; a real repair finds them one by one
                    }
                    r.skip(e.sequence(), String.valueOf(e.getCause()));
                }
            }
            if (!dryRun && !wouldSkip.isEmpty()) {
                // The index no longer matches what replay yields: make the next open rebuild it.
                Files.deleteIfExists(dir.resolve("index.clean"));
                Files.deleteIfExists(dir.resolve("index.cm3"));
            }
        }
        if (out.isEmpty()) {
            out.add("nothing to repair");
        }
        return out;
    }
}
