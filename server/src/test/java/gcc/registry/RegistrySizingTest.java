package gcc.registry;

import gcc.config.ServerContext;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pilot-sized index by default, the sizing rule operators are told, and a pilot that outgrows
 * its index: refused registrations naming the setting, never a crash; a raised setting grows the
 * index at the next open; a lowered one never shrinks it below what it holds.
 */
class RegistrySizingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static List<RegistryEvent> registrations(String prefix, int n) {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(RegistryEvent.register(TestWorld.report(prefix + i), "lab"));
        }
        return events;
    }

    @Test
    void shouldSizeForAPilotByDefaultAtTheDocumentedBytesPerReport() throws Exception {
        assertEquals(RegistrySizing.PILOT_ENTRIES, new ServerContext().conclude().registryEntries());
        assertEquals(RegistrySizing.PILOT_ENTRIES, PersistentRegistry.DEFAULT_ENTRIES);
        long entries = 20_000;
        Path file = dir.resolve("index.cm3");
        try (RegistryIndex ignored = RegistryIndex.open(file.toFile(), entries)) {
            double perReport = Files.size(file) / (double) entries;
            assertTrue(perReport > RegistrySizing.BYTES_PER_REPORT * 0.8 && perReport < RegistrySizing.BYTES_PER_REPORT * 1.2,
                    "the index takes " + perReport + " bytes per report; the rule says " + RegistrySizing.BYTES_PER_REPORT);
        }
        String rule = RegistrySizing.rule(RegistrySizing.PILOT_ENTRIES);
        assertTrue(rule.contains("100,000 reports") && rule.contains("registry.entries") && rule.contains("20%"), rule);
    }

    @Test
    void shouldRefuseWhatDoesNotFitNamingTheSettingAndGrowWhenItIsRaised() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            List<String> refused = r.submitAll(registrations("P-", 1_001), 500, () -> { });
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.get(0).contains("index is full") && refused.get(0).contains("registry.entries"), refused.get(0));
            assertEquals(PersistentRegistry.OpenedAs.CREATED, r.openedAs());
        }
        try (PersistentRegistry r = PersistentRegistry.open(dir, 2_000, CLOCK)) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs(), "a raised setting rebuilds the index at the new size");
            assertEquals(1_000, r.entries());
            assertEquals(2_000, PersistentRegistry.createdFor(dir));
            assertNull(r.submit(RegistryEvent.register(TestWorld.report("P-1000"), "lab")), "and what was refused now fits");
            assertTrue(r.get("P-999", new ReportRecord()));
        }
    }

    @Test
    void shouldKeepALargerIndexWhenTheSettingIsLowered() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 3_000, CLOCK)) {
            assertEquals(List.of(), r.submitAll(registrations("L-", 10), 500, () -> { }));
        }
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(PersistentRegistry.OpenedAs.CLEAN, r.openedAs());
            assertEquals(List.of(), r.submitAll(registrations("M-", 1_500), 500, () -> { }), "the index keeps its 3,000");
            assertEquals(1_510, r.entries());
        }
    }

    @Test
    void shouldNeverOverflowWhenRebuildingAJournalLargerThanTheSetting() throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(dir, 5_000, CLOCK)) {
            assertEquals(List.of(), r.submitAll(registrations("J-", 4_500), 1_000, () -> { }));
        }
        // The index and its record lost (or an operator deleted them), and the setting below the journal.
        Files.delete(dir.resolve("index.cm3"));
        Files.delete(dir.resolve("index.header"));
        try (PersistentRegistry r = PersistentRegistry.open(dir, 1_000, CLOCK)) {
            assertEquals(PersistentRegistry.OpenedAs.REBUILT, r.openedAs());
            assertEquals(4_500, r.entries(), "every journaled report is back");
            assertTrue(r.get("J-4499", new ReportRecord()));
            String refusal = r.submit(RegistryEvent.register(TestWorld.report("J-X"), "lab"));
            assertNotNull(refusal, "sized for the journal, not beyond it: full, refused with the setting to raise");
            assertTrue(refusal.contains("registry.entries"), refusal);
        }
    }
}
