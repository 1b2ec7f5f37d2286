package gcc.registry;

import gcc.cbor.CborException;
import gcc.io.DurableFile;
import gcc.report.ReportDocument;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a registry journal kept in the earlier format (a Chronicle Queue in {@code journal/})
 * into the journal file, once, at the first open: every entry is copied with its sequence and
 * time, the new file is synced and renamed into place, and the old directory is kept as
 * {@code journal.chronicle-migrated/} for the operator to remove.
 */
final class LegacyJournal {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyJournal.class);

    private LegacyJournal() {
    }

    /** Migrates {@code dir/journal/} into {@code target} if the former exists and the latter does not. */
    static void migrateIfPresent(Path dir, Path target) throws IOException {
        Path legacy = dir.resolve("journal");
        if (!Files.isDirectory(legacy) || Files.exists(target)) {
            return;
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".migrating");
        Files.deleteIfExists(tmp);
        long n = 0;
        try (RegistryJournal out = RegistryJournal.open(tmp);
             SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(legacy).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    RegistryEvent e = read(dc.wire().bytes());
                    RegistryEvent placed = out.write(e, e.timeMillis());
                    if (placed.sequence() != e.sequence()) {
                        throw new IOException("legacy journal sequence " + e.sequence() + " where " + placed.sequence()
                                + " was due; migrate by hand");
                    }
                    n++;
                }
            }
            out.sync();
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        DurableFile.syncDirectory(dir);
        Files.move(legacy, dir.resolve("journal.chronicle-migrated"), StandardCopyOption.ATOMIC_MOVE);
        // Index records remember where their document is in the journal: positions changed, so rebuild.
        Files.deleteIfExists(dir.resolve("index.clean"));
        Files.deleteIfExists(dir.resolve("index.cm3"));
        LOG.info("registry journal: migrated {} entries from {} to {}", n, legacy, target);
    }

    private static RegistryEvent read(Bytes<?> b) {
        long seq = b.readLong();
        long time = b.readLong();
        RegistryEvent.Type type = RegistryEvent.Type.ofCode(b.readByte());
        String actor = b.readUtf8();
        String reportId = b.readUtf8();
        String reason = b.readUtf8();
        int len = (int) b.readStopBit();
        ReportDocument doc = null;
        if (len > 0) {
            byte[] d = new byte[len];
            b.read(d);
            try {
                doc = ReportDocument.fromCanonicalBytes(d);
            } catch (CborException e) {
                throw new IllegalStateException("legacy journal entry " + seq + " holds an unreadable report: " + e.getMessage());
            }
        }
        if (type == null) {
            throw new IllegalStateException("legacy journal entry " + seq + " has an unknown type");
        }
        boolean carriesDocument = type == RegistryEvent.Type.REGISTER || type == RegistryEvent.Type.REVISE;
        return new RegistryEvent(seq, time, actor, type, reportId, doc, carriesDocument ? null : reason);
    }
}
