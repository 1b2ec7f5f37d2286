package gcc.registry;

import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index's value layout read and written through arrays, and the index's conditional put. */
class RecordCodecTest {
    @TempDir
    Path dir;

    private static ReportRecord record(String id) {
        ReportDocument d = TestWorld.report(id);
        ReportRecord r = new ReportRecord();
        InMemoryReportRegistry reg = new InMemoryReportRegistry();
        reg.submit(RegistryEvent.register(d, "lab"), 0);
        assertTrue(reg.get(id, r));
        return r.lastSequence(0x0102030405060708L).documentPosition(77);
    }

    @Test
    void shouldWriteTheDocumentedLayoutAndReadItBack() {
        ReportRecord r = record("RC-1");
        byte[] b = new byte[(int) RecordCodec.INSTANCE.size(r)];
        assertEquals(b.length, RecordCodec.INSTANCE.encode(r, b));
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, b[0], "layout 2");
        assertEquals(r.status().code(), b[1]);
        assertEquals(0x0102030405060708L, le.getLong(2), "sequence, little-endian, at 2");
        assertEquals(77, le.getLong(10), "document position at 10");
        assertEquals(r.issueDay(), le.getInt(34));
        assertEquals(r.presentMask(), le.getInt(38));
        ReportRecord back = RecordCodec.INSTANCE.decode(b, 0, b.length, new ReportRecord());
        assertTrue(back.sameAs(r), back + " vs " + r);
        assertEquals(77, back.documentPosition());
        assertThrows(IllegalStateException.class, () -> RecordCodec.INSTANCE.decode(Arrays.copyOf(b, b.length - 1), 0,
                b.length - 1, new ReportRecord()), "a truncated value is refused, not read past its end");
        b[0] = 9;
        assertThrows(IllegalStateException.class, () -> RecordCodec.INSTANCE.decode(b, 0, b.length, new ReportRecord()));
    }

    @Test
    void shouldPutOnlyANewerRecord() throws Exception {
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("i.cm3").toFile(), 100)) {
            ReportRecord r = record("RC-2");
            assertTrue(index.putIfNewer(r, 10));
            ReportRecord older = record("RC-2").status(ReportStatus.REVOKED);
            assertFalse(index.putIfNewer(older, 9));
            assertFalse(index.putIfNewer(older, 10), "the same sequence again is a replay");
            ReportRecord got = new ReportRecord();
            assertTrue(index.get("RC-2", got));
            assertEquals(ReportStatus.ACTIVE, got.status());
            assertEquals(10, got.lastSequence());
            assertTrue(index.putIfNewer(older, 11));
            assertTrue(index.get("RC-2", got));
            assertEquals(ReportStatus.REVOKED, got.status());
            assertEquals(11, got.lastSequence());
            assertEquals(1, index.entries());
        }
    }

    @Test
    void shouldGiveTheGatesLookupTheWholeRecordAndNothingOfTheLastOne() throws Exception {
        ReportRecord r = record("RC-3").supersededBy("RC-4");
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("r.cm3").toFile(), 100)) {
            index.put(r);
            byte[] id = "RC-3".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // A reused record full of another report's values: nothing of them may survive.
            ReportRecord got = record("RC-99999").supersededBy("RC-77").lastSequence(5).documentPosition(6);
            assertTrue(index.get(id, id.length, got));
            ReportRecord whole = new ReportRecord();
            assertTrue(index.get("RC-3", whole));
            assertEquals(whole.toString(), got.toString());
            assertTrue(Arrays.equals(whole.testDays(), got.testDays()));
            assertEquals("RC-4", got.supersededBy());
            assertFalse(index.get("RC-5".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 4, got));
        }
    }
}
