package gcc.registry;

import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry with a real Chronicle Map file and Chronicle Queue journal. */
class PersistentRegistryTest {
    static final long ENTRIES = 10_000;
    static final Clock CLOCK = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private PersistentRegistry open() throws Exception {
        return PersistentRegistry.open(dir, ENTRIES, CLOCK);
    }

    private static ReportRecord lookup(PersistentRegistry r, String id) {
        ReportRecord rec = new ReportRecord();
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        return r.lookup(b, b.length, rec) == gcc.registry.ReportRegistry.Lookup.FOUND ? rec : null;
    }

    @Test
    void shouldRegisterAndLookUpAcrossACleanRestart() throws Exception {
        ReportDocument doc = TestWorld.report("NB26-000001");
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.CREATED, r.openedAs());
            assertNull(r.submit(RegistryEvent.register(doc, "lab:L1234")));
            ReportRecord rec = lookup(r, "NB26-000001");
            assertNotNull(rec);
            assertTrue(rec.digestEquals(doc.digest(), 0, 16));
            assertEquals(ReportStatus.ACTIVE, rec.status());
            assertEquals(1, r.entries());
            assertNotNull(r.submit(RegistryEvent.register(doc, "lab:L1234")), "an id registers once");
        }
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.CLEAN, r.openedAs());
            ReportRecord whole = new ReportRecord();
            assertTrue(r.get("NB26-000001", whole));
            assertEquals(new ReportRecord().fill(doc, doc.digest(), 1).toString(), whole.toString());
            // The gate's lookup gives the same whole record.
            ReportRecord rec = lookup(r, "NB26-000001");
            assertEquals(whole.toString(), rec.toString());
            assertNull(lookup(r, "NB26-999999"));
        }
    }

    @Test
    void shouldReviseSupersedeAndRevoke() throws Exception {
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(TestWorld.report("R-OLD"), "lab"));
            assertNull(r.submit(RegistryEvent.register(TestWorld.report("R-NEW").withSupersedes("R-OLD"), "lab")));
            assertEquals(ReportStatus.SUPERSEDED, lookup(r, "R-OLD").status());
            assertEquals("R-NEW", lookup(r, "R-OLD").supersededBy());
            assertNull(r.submit(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "R-NEW", "audit", "samr")));
            assertEquals(ReportStatus.SUSPENDED, lookup(r, "R-NEW").status());
            assertNull(r.submit(RegistryEvent.status(RegistryEvent.Type.REINSTATE, "R-NEW", "cleared", "samr")));
            assertNull(r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-NEW", "recall", "samr")));
            assertEquals(ReportStatus.REVOKED, lookup(r, "R-NEW").status());
            assertTrue(r.submit(RegistryEvent.status(RegistryEvent.Type.REINSTATE, "R-NEW", "", "samr")).contains("REVOKED"));
            assertTrue(r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-NONE", "", "samr")).contains("not registered"));
            assertEquals(5, r.lastSequence());
            assertEquals(List.of(), r.verifyIndex());
        }
    }

    @Test
    void shouldHoldARevokedReportThroughTheVerifier() throws Exception {
        TestWorld w = new TestWorld();
        ReportDocument doc = TestWorld.report("R-VERIFY");
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(doc, "lab"));
            Verifier v = new Verifier(w.trust, () -> w.policy, r, new SignatureMemo(64), CLOCK);
            String code = w.issue(doc, w.labA);
            assertEquals(Outcome.RELEASE, v.verify(code, TestWorld.EXPORTER, null, null).outcome());
            r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-VERIFY", "recall", "samr"));
            assertTrue(v.verify(code, TestWorld.EXPORTER, null, null).has(Reason.REPORT_REVOKED));
        }
    }

    @Test
    void shouldReplayIdempotently() throws Exception {
        try (PersistentRegistry r = open()) {
            for (int i = 0; i < 50; i++) {
                r.submit(RegistryEvent.register(TestWorld.report("R-" + i), "lab"));
            }
            r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-7", "recall", "samr"));
        }
        // Replaying the whole journal over an index that already holds it changes nothing.
        try (PersistentRegistry r = open()) {
            ReportRecord before = lookup(r, "R-7");
            assertEquals(List.of(), r.verifyIndex());
            r.rebuild();
            assertEquals(before.toString(), lookup(r, "R-7").toString());
            assertEquals(50, r.entries());
            assertEquals(List.of(), r.verifyIndex());
        }
    }

    @Test
    void shouldRebuildAMissingIndexFromTheJournal() throws Exception {
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(TestWorld.report("R-A"), "lab"));
            r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-A", "recall", "samr"));
        }
        Files.delete(dir.resolve("index.cm3"));
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertEquals(ReportStatus.REVOKED, lookup(r, "R-A").status());
        }
    }

    @Test
    void shouldRebuildATruncatedOrCorruptIndex() throws Exception {
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(TestWorld.report("R-T"), "lab"));
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("index.cm3").toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertEquals(ReportStatus.ACTIVE, lookup(r, "R-T").status());
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("index.cm3").toFile(), "rw")) {
            f.seek(0);
            f.write(new byte[4096]); // wipe the header
        }
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertNotNull(lookup(r, "R-T"));
        }
    }

    @Test
    void shouldRebuildAnIndexThatIsAheadOfItsJournal() throws Exception {
        Path other = dir.resolve("other");
        try (PersistentRegistry r = PersistentRegistry.open(other, ENTRIES, CLOCK)) {
            for (int i = 0; i < 5; i++) {
                r.submit(RegistryEvent.register(TestWorld.report("R-X" + i), "lab"));
            }
        }
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(TestWorld.report("R-ONLY"), "lab"));
        }
        // An index from elsewhere that has applied more than this journal holds cannot be trusted.
        Files.copy(other.resolve("index.cm3"), dir.resolve("index.cm3"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve("index.clean"), dir.resolve("index.clean"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertNotNull(lookup(r, "R-ONLY"));
            assertNull(lookup(r, "R-X0"));
        }
    }

    @Test
    void shouldRebuildAfterAnUncleanStopAcrossAReboot() throws Exception {
        try (PersistentRegistry r = open()) {
            r.submit(RegistryEvent.register(TestWorld.report("R-BOOT"), "lab"));
            r.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-BOOT", "recall", "samr"));
        }
        Files.delete(dir.resolve("index.clean"));               // as if the machine lost power
        Files.writeString(dir.resolve("index.boot"), "an-earlier-boot\n");
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertEquals(ReportStatus.REVOKED, lookup(r, "R-BOOT").status());
        }
        Files.delete(dir.resolve("index.clean"));               // a process kill in the same boot
        try (PersistentRegistry r = open()) {
            assertEquals(PersistentRegistry.OpenedAs.RECOVERED, r.openedAs());
        }
    }

    @Test
    void shouldAnswerUnavailableWhenClosedAndRefuseASecondOpener() throws Exception {
        PersistentRegistry r = open();
        assertThrows(IllegalStateException.class, this::open);
        r.close();
        byte[] id = "R-1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(gcc.registry.ReportRegistry.Lookup.UNAVAILABLE, r.lookup(id, id.length, new ReportRecord()));
        assertFalse(r.ready());
    }

    @Test
    void shouldLookUpWithoutAllocating() throws Exception {
        try (PersistentRegistry r = open()) {
            for (int i = 0; i < 100; i++) {
                r.submit(RegistryEvent.register(TestWorld.report("R-" + i), "lab"));
            }
            byte[][] ids = new byte[100][];
            for (int i = 0; i < 100; i++) {
                ids[i] = ("R-" + i).getBytes(StandardCharsets.US_ASCII);
            }
            ReportRecord into = new ReportRecord();
            for (int i = 0; i < 50_000; i++) {
                r.lookup(ids[i % 100], ids[i % 100].length, into);
            }
            var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                r.lookup(ids[i % 100], ids[i % 100].length, into);
            }
            long perLookup = (mx.getCurrentThreadAllocatedBytes() - before) / n;
            assertTrue(perLookup <= 8, "lookup allocated " + perLookup + " bytes");
        }
    }
}
