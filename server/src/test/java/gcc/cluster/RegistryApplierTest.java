package gcc.cluster;

import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryIndex;
import gcc.registry.ReportRecord;
import gcc.registry.ReportStatus;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The materializer's apply step against a real Chronicle Map index, with Kafka consumer records
 * but no broker: records land at offset + 1, a replay never moves a report backwards, an
 * unreadable message holds its report, and a record points at the message carrying its document.
 */
class RegistryApplierTest {
    @TempDir
    Path dir;

    /** The consumer records a writer's messages become, at offsets 0, 1, 2, ... */
    private static List<ConsumerRecord<String, byte[]>> topic(List<RegistryEvent> events) {
        Overlay overlay = new Overlay(new InMemoryReportRegistry());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        for (RegistryEvent e : events) {
            assertNull(overlay.refusal(e), e::toString);
            for (ReportRecord r : overlay.apply(e)) {
                byte[] doc = r.reportId().equals(e.reportId()) && e.document() != null ? e.document().canonicalBytes() : null;
                out.add(new ConsumerRecord<>("registry", 0, out.size(), r.reportId(),
                        RegistryMessage.encode(e, 1_780_000_000_000L, r, doc)));
            }
        }
        return out;
    }

    private static List<RegistryEvent> history() {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ReportDocument d = TestWorld.report("RA-" + i);
            events.add(RegistryEvent.register(d, "lab:" + d.labId()));
        }
        events.add(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "RA-1", "check", "samr"));
        events.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "RA-2", "recall", "samr"));
        return events;
    }

    @Test
    void shouldApplyEachMessageAtItsOffsetAndNeverMoveAReportBackOnReplay() throws Exception {
        List<ConsumerRecord<String, byte[]>> topic = topic(history());
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("index.cm3").toFile(), 1_000)) {
            RegistryApplier applier = new RegistryApplier((id, change) -> { });
            assertEquals(topic.size() - 1, applier.apply(index, topic));
            assertEquals(20, index.entries());
            ReportRecord r = new ReportRecord();
            assertTrue(index.get("RA-1", r));
            assertEquals(ReportStatus.SUSPENDED, r.status());
            assertEquals(21, r.lastSequence(), "the suspension is message 20, applied at sequence 21");
            assertTrue(index.get("RA-2", r));
            assertEquals(ReportStatus.REVOKED, r.status());

            // A replay from the start (a crash before the offset was stored) changes nothing.
            applier.apply(index, topic.subList(0, 5));
            assertTrue(index.get("RA-1", r));
            assertEquals(ReportStatus.SUSPENDED, r.status(), "the older registration message does not undo the suspension");
            assertEquals(21, r.lastSequence());
            assertEquals(0, applier.undecodable());
        }
    }

    @Test
    void shouldPointARecordAtTheMessageThatCarriesItsDocument() throws Exception {
        List<ConsumerRecord<String, byte[]>> topic = topic(history());
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("index.cm3").toFile(), 1_000)) {
            new RegistryApplier((id, change) -> { }).apply(index, topic);
            ReportRecord r = new ReportRecord();
            assertTrue(index.get("RA-7", r));
            assertEquals(8, r.documentPosition(), "registered by message 7");
            assertTrue(index.get("RA-2", r));
            assertEquals(0, r.documentPosition(), "the revocation message here carried no document");
        }
    }

    @Test
    void shouldHoldAReportWhoseMessageCannotBeRead() throws Exception {
        List<ConsumerRecord<String, byte[]>> topic = topic(history());
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("index.cm3").toFile(), 1_000)) {
            RegistryApplier applier = new RegistryApplier((id, change) -> { });
            applier.apply(index, topic);
            long next = topic.size();
            applier.apply(index, List.of(new ConsumerRecord<>("registry", 0, next, "RA-5", new byte[]{(byte) 0xa1, 1, 9}),
                    new ConsumerRecord<>("registry", 0, next + 1, "RA-404", new byte[]{1, 2, 3})));
            ReportRecord r = new ReportRecord();
            assertTrue(index.get("RA-5", r));
            assertEquals(ReportStatus.SUSPENDED, r.status(), "doubt means hold");
            assertEquals(next + 1, r.lastSequence());
            assertFalse(index.get("RA-404", r), "an unknown report stays unknown (and so is held)");
            assertEquals(2, applier.undecodable());
            assertTrue(applier.lastError().contains("offset " + (next + 1)), applier.lastError());
        }
    }
}
