package gcc.cluster;

import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RecordStore;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry topic's messages without a broker: what a writer sends for each change, applied as
 * a port applies them, gives the records the local journal's state machine gives; and applying
 * only the latest message per report (what compaction keeps) gives the same records as applying
 * them all, so a new port can bootstrap from the compacted topic.
 */
class RegistryMessageTest {
    private record Message(String key, byte[] value) {
    }

    /** The messages a writer produces for {@code events} (validated as the writer validates them). */
    private static List<Message> write(List<RegistryEvent> events) {
        Overlay overlay = new Overlay(new InMemoryReportRegistry());
        List<Message> topic = new ArrayList<>();
        for (RegistryEvent e : events) {
            assertNull(overlay.refusal(e), e::toString);
            for (ReportRecord r : overlay.apply(e)) {
                topic.add(new Message(r.reportId(), RegistryMessage.encode(e, 1_780_000_000_000L, r,
                        r.reportId().equals(e.reportId()) && e.document() != null ? e.document().canonicalBytes() : null)));
            }
        }
        return topic;
    }

    /** Applies messages (offset = position in the list) as the materializer does. */
    private static Map<String, ReportRecord> apply(List<Message> topic, List<Integer> offsets) throws Exception {
        Map<String, ReportRecord> index = new HashMap<>();
        for (int off : offsets) {
            ReportRecord r = new ReportRecord();
            RegistryMessage.decodeInto(topic.get(off).value(), r);
            assertEquals(topic.get(off).key(), r.reportId(), "keyed by the record's own report");
            ReportRecord have = index.get(r.reportId());
            if (have == null || have.lastSequence() < off + 1) {
                index.put(r.reportId(), r.lastSequence(off + 1));
            }
        }
        return index;
    }

    private static List<RegistryEvent> history() {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ReportDocument d = TestWorld.report("RM-" + i);
            events.add(RegistryEvent.register(d, "lab:" + d.labId()));
        }
        events.add(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "RM-1", "check", "samr"));
        events.add(RegistryEvent.status(RegistryEvent.Type.REINSTATE, "RM-1", "cleared", "samr"));
        events.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "RM-2", "recall", "samr"));
        events.add(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "RM-3", "check", "samr"));
        ReportDocument base = TestWorld.report("RM-4R");
        ReportDocument revision = new ReportDocument("RM-4R", base.labId(), base.standard(), base.product(), base.exporter(),
                base.issueDate(), base.items(), "RM-4");
        events.add(RegistryEvent.register(revision, "lab"));
        events.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "RM-4", "recall of the old version", "samr"));
        events.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "RM-4R", "recall", "samr"));
        return events;
    }

    @Test
    void shouldMaterializeWhatTheJournalsStateMachineGives() throws Exception {
        List<RegistryEvent> events = history();
        List<Message> topic = write(events);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < topic.size(); i++) {
            all.add(i);
        }
        Map<String, ReportRecord> shared = apply(topic, all);
        InMemoryReportRegistry journal = new InMemoryReportRegistry();
        events.forEach(e -> assertNull(journal.submit(e, 0)));
        assertEquals(journal.size(), shared.size());
        for (ReportRecord r : shared.values()) {
            ReportRecord want = new ReportRecord();
            assertTrue(journal.get(r.reportId(), want));
            // Where a record was stored (sequence, document position) differs between journal and topic; its values may not.
            assertTrue(r.lastSequence(want.lastSequence()).documentPosition(want.documentPosition()).sameAs(want), r + " vs " + want);
        }
    }

    @Test
    void shouldBootstrapFromTheLatestMessagePerReportAlone() throws Exception {
        List<Message> topic = write(history());
        List<Integer> all = new ArrayList<>();
        Map<String, Integer> latest = new LinkedHashMap<>();
        for (int i = 0; i < topic.size(); i++) {
            all.add(i);
            latest.put(topic.get(i).key(), i);
        }
        List<Integer> compacted = new ArrayList<>(latest.values());
        compacted.sort(Integer::compare);
        assertTrue(compacted.size() < all.size(), "compaction dropped superseded messages");
        Map<String, ReportRecord> full = apply(topic, all);
        Map<String, ReportRecord> fromCompacted = apply(topic, compacted);
        assertEquals(full.keySet(), fromCompacted.keySet());
        full.forEach((id, r) -> assertTrue(r.sameAs(fromCompacted.get(id)), id));
        assertEquals(gcc.registry.ReportStatus.REVOKED, fromCompacted.get("RM-4").status());
        assertEquals("RM-4R", fromCompacted.get("RM-4").supersededBy(), "the revision's mark survives compaction");
    }

    @Test
    void shouldWriteARevisionsSupersededReportFirstAndAllowItsRetry() {
        Overlay overlay = new Overlay(new InMemoryReportRegistry());
        overlay.apply(RegistryEvent.register(TestWorld.report("RV-1"), "lab"));
        ReportDocument b = TestWorld.report("RV-2");
        RegistryEvent revise = RegistryEvent.register(new ReportDocument("RV-2", b.labId(), b.standard(), b.product(),
                b.exporter(), b.issueDate(), b.items(), "RV-1"), "lab");
        List<ReportRecord> sent = overlay.apply(revise);
        assertEquals(List.of("RV-1", "RV-2"), sent.stream().map(ReportRecord::reportId).toList());
        // the writer died after the first message: RV-1 says SUPERSEDED, RV-2 is missing
        Overlay after = new Overlay(store(sent.get(0)));
        after.put(new ReportRecord().copyFrom(sent.get(0)));
        assertNull(after.refusal(revise), "the same revision may be submitted again");
        assertTrue(after.refusal(RegistryEvent.status(RegistryEvent.Type.REINSTATE, "RV-1", "", "x")) != null);
    }

    private static RecordStore store(ReportRecord only) {
        InMemoryReportRegistry s = new InMemoryReportRegistry();
        s.put(only);
        return s;
    }

    @Test
    void shouldRefuseAMessageThatIsNotARegistryRecord() {
        assertThrows(gcc.cbor.CborException.class, () -> RegistryMessage.decodeInto(new byte[]{(byte) 0xa1, 1, 9}, new ReportRecord()));
        assertThrows(gcc.cbor.CborException.class, () -> RegistryMessage.decodeInto(gcc.cbor.Cbor.encode(Map.of(1L, 9L)), new ReportRecord()));
    }

    @Test
    void shouldReadAMessageInPlaceSkippingFieldsItDoesNotKnow() throws Exception {
        RegistryEvent e = history().get(0);
        byte[] doc = e.document().canonicalBytes();
        byte[] plain = write(List.of(e)).get(0).value();
        ReportRecord want = new ReportRecord();
        RegistryMessage.Reader reader = new RegistryMessage.Reader();
        reader.wrap(plain).recordInto(want);
        assertEquals(RegistryEvent.Type.REGISTER, reader.type());
        assertTrue(reader.hasDocument());
        assertTrue(java.util.Arrays.equals(doc, reader.document()));

        // A newer writer's extra field (a number, a text, a nested map) is skipped.
        Map<?, ?> tree = (Map<?, ?>) gcc.cbor.Cbor.decode(plain, new gcc.cbor.CborLimits(3, 16, 64 * 1024));
        Map<Object, Object> newer = new java.util.TreeMap<>();
        tree.forEach((k, v) -> newer.put(k, v));
        newer.put(8L, "from a newer writer");
        newer.put(9L, Map.of(1L, 2L));
        ReportRecord got = new ReportRecord();
        reader.wrap(gcc.cbor.Cbor.encode(newer)).recordInto(got);
        assertTrue(got.sameAs(want));

        byte[] trailing = java.util.Arrays.copyOf(plain, plain.length + 1);
        assertThrows(gcc.cbor.CborException.class, () -> reader.wrap(trailing));
        for (int cut : new int[]{1, 10, plain.length / 2, plain.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(plain, cut);
            assertThrows(gcc.cbor.CborException.class, () -> reader.wrap(truncated), "cut at " + cut);
        }
        newer.remove(7L);
        assertThrows(gcc.cbor.CborException.class, () -> reader.wrap(gcc.cbor.Cbor.encode(newer)), "no record");
    }
}
