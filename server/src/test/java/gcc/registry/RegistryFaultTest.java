package gcc.registry;

import gcc.report.ReportDocument;
import gcc.testkit.SmallDisk;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static gcc.registry.PersistentRegistryTest.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry under write failure (issue #11, defect 3 and the index items of 6): a change that
 * cannot be journaled is an error with nothing changed; a torn tail is cut at the next open and
 * never replayed; damage in the middle and inapplicable entries stop the open with their place
 * and are dealt with only by an explicit repair; a full index refuses before journaling; the
 * internal key is unreachable.
 */
class RegistryFaultTest {
    @TempDir
    Path dir;

    private static RegistryEvent register(String id) {
        return RegistryEvent.register(TestWorld.report(id), "lab");
    }

    private static RegistryEvent revoke(String id) {
        return RegistryEvent.status(RegistryEvent.Type.REVOKE, id, "recall", "samr");
    }

    @Test
    void shouldAnswerEveryChangeOnAFullDiskAndKeepEveryAcknowledgedOne() throws Exception {
        SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 4096);
        Assumptions.assumeTrue(disk != null, SmallDisk.whyNot());
        Path reg = disk.dir().resolve("registry");
        List<String> acked = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        try {
            try (PersistentRegistry r = PersistentRegistry.open(reg, 1_000, CLOCK)) {
                for (int i = 0; i < 5; i++) {
                    assertNull(r.submit(register("F-" + i)));
                    acked.add("F-" + i);
                }
                disk.fillLeaving(8 << 10);
                int failures = 0;
                for (int i = 5; i < 400 && failures < 3; i++) {
                    long before = r.lastSequence();
                    boolean isRevoke = i % 4 == 3;
                    String id = isRevoke ? acked.get(acked.size() - 1 - revoked.size() % 3) : "F-" + i;
                    if (isRevoke && revoked.contains(id)) {
                        continue;
                    }
                    try {
                        assertNull(r.submit(isRevoke ? revoke(id) : register(id)));
                        (isRevoke ? revoked : acked).add(id);
                    } catch (JournalWriteException e) {
                        failures++;
                        assertEquals(before, r.lastSequence(), "nothing journaled: " + e.getMessage());
                        if (isRevoke) {
                            assertEquals(ReportStatus.ACTIVE, status(r, id), "a failed revoke changes nothing");
                        } else {
                            assertFalse(r.get(id, new ReportRecord()), "a failed register changes nothing");
                        }
                    }
                }
                assertTrue(failures > 0, "the disk never filled");
                disk.release();
                assertNull(r.submit(register("F-AFTER")), "writes again once space returns");
                acked.add("F-AFTER");
            }
            try (PersistentRegistry r = PersistentRegistry.open(reg, 1_000, CLOCK)) {
                for (String id : acked) {
                    assertTrue(r.get(id, new ReportRecord()), id + " acknowledged, then lost");
                }
                for (String id : revoked) {
                    assertEquals(ReportStatus.REVOKED, status(r, id));
                }
                assertEquals(List.of(), r.verifyIndex());
            }
        } finally {
            disk.close();
        }
    }

    private static ReportStatus status(PersistentRegistry r, String id) {
        ReportRecord rec = new ReportRecord();
        assertTrue(r.get(id, rec), id);
        return rec.status();
    }

    @Test
    void shouldCutATornTailAndNeverReplayIt() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            for (int i = 0; i < 3; i++) {
                assertNull(r.submit(register("T-" + i)));
            }
        }
        Path journal = PersistentRegistry.journalFile(dir);
        long whole = Files.size(journal);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(whole - 40); // the last entry cut mid-way, as a crash or a full disk leaves it
        }
        Files.deleteIfExists(dir.resolve("index.clean"));
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(2, r.lastSequence());
            assertFalse(r.get("T-2", new ReportRecord()), "a torn entry is never replayed");
            assertEquals(List.of(), r.verifyIndex());
            assertNull(r.submit(register("T-3")));
            assertEquals(3, r.lastSequence());
        }
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.seek(f.length());
            f.write("garbage after the last entry".getBytes(StandardCharsets.US_ASCII));
        }
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(3, r.lastSequence());
            assertTrue(r.get("T-3", new ReportRecord()));
            assertEquals(List.of(), r.verifyIndex());
        }
    }

    @Test
    void shouldRefuseDamageInTheMiddleUntilARepairCutsIt() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            for (int i = 0; i < 4; i++) {
                assertNull(r.submit(register("D-" + i)));
            }
        }
        Path journal = PersistentRegistry.journalFile(dir);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.seek(8 + 8 + 20); // inside the first entry's payload
            f.write(f.read() ^ 0xff);
        }
        JournalDamagedException e = assertThrows(JournalDamagedException.class,
                () -> PersistentRegistry.open(dir, 1_000, CLOCK));
        assertTrue(e.getMessage().contains("registry repair --cut-damaged"), e.getMessage());
        List<String> dry = RegistryRepair.run(dir, 1_000, false, true);
        assertTrue(dry.get(0).startsWith("damaged middle at byte 8"), dry.toString());
        RegistryRepair.run(dir, 1_000, true, false);
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(0, r.lastSequence(), "everything from the damage on is cut, on request only");
            assertEquals(List.of(), r.verifyIndex());
        }
    }

    @Test
    void shouldNameAnInapplicableEntryAndSkipItOnlyOnRepair() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertNull(r.submit(register("I-1")));
        }
        // A whole, decodable entry the index cannot take (written past the registry's checks).
        ReportDocument bad = TestWorld.report("#applied");
        try (RegistryJournal j = RegistryJournal.open(PersistentRegistry.journalFile(dir))) {
            j.append(RegistryEvent.register(bad, "lab"), 0);
            j.append(revoke("I-1"), 0);
        }
        Files.deleteIfExists(dir.resolve("index.clean"));
        InapplicableEntryException e = assertThrows(InapplicableEntryException.class,
                () -> PersistentRegistry.open(dir, 1_000, CLOCK));
        assertEquals(2, e.sequence());
        assertTrue(e.getMessage().contains("gatectl registry repair"), e.getMessage());
        List<String> done = RegistryRepair.run(dir, 1_000, false, false);
        assertTrue(done.get(0).startsWith("inapplicable entry 2"), done.toString());
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(3, r.lastSequence());
            assertEquals(ReportStatus.REVOKED, status(r, "I-1"), "entries after the skipped one still apply");
            assertEquals(List.of(), r.verifyIndex());
        }
    }

    @Test
    void shouldRefuseARegistrationBeforeJournalingWhenTheIndexIsFull() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            List<RegistryEvent> many = new ArrayList<>();
            for (int i = 0; i < 1_001; i++) {
                many.add(register("C-" + i));
            }
            List<String> refused = r.submitAll(many, 500, () -> { });
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.get(0).contains("index is full"), refused.get(0));
            long seq = r.lastSequence();
            String refusal = r.submit(register("C-X"));
            assertNotNull(refusal);
            assertEquals(seq, r.lastSequence(), "refused before journaling");
            assertNull(r.submit(revoke("C-1")), "status changes still go through");
        }
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(1_000, r.entries(), "and the registry opens again");
        }
    }

    @Test
    void shouldKeepTheInternalKeyUnreachable() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertNull(r.submit(register("K-1")));
            byte[] meta = "#applied".getBytes(StandardCharsets.US_ASCII);
            assertEquals(ReportRegistry.Lookup.NOT_FOUND, r.lookup(meta, meta.length, new ReportRecord()));
            assertFalse(r.get("#applied", new ReportRecord()));
            long seq = r.lastSequence();
            for (RegistryEvent.Type t : new RegistryEvent.Type[]{RegistryEvent.Type.SUSPEND, RegistryEvent.Type.REVOKE}) {
                String refusal = r.submit(RegistryEvent.status(t, "#applied", "x", "samr"));
                assertTrue(refusal != null && refusal.contains("not registered"), refusal);
            }
            assertNotNull(r.submit(RegistryEvent.register(TestWorld.report("#applied"), "lab")));
            assertEquals(seq, r.lastSequence());
        }
    }
}
