package gcc.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit journal on a real Chronicle Queue. */
class AuditJournalTest {
    private static final byte[] GATE = "NGB-G01".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPORTER = "91330200MA2H7K3Q16".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPORT = "NB26-000001".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** One entry per thread, refilled for each record, as the gate does. */
    private static final ThreadLocal<DecisionEntry> ENTRY = ThreadLocal.withInitial(DecisionEntry::new);

    private static boolean record(AuditJournal j, int lane, int seq, byte outcome) {
        return j.record(ENTRY.get().origin(DecisionAudit.Source.GATE_TCP, GATE, 0, GATE.length, lane)
                .exporter(EXPORTER, 0, 18).reportId(REPORT, 0, REPORT.length)
                .outcome(outcome == DecisionEntry.RELEASE, 1L << 14, seq, 1_000_000L * seq));
    }

    private List<AuditRecord> all() {
        List<AuditRecord> out = new ArrayList<>();
        AuditQuery.scan(dir, r -> true, Long.MAX_VALUE, out::add);
        return out;
    }

    @Test
    void shouldKeepEveryRecordFromConcurrentProducersInProducerOrder() throws Exception {
        AuditJournal j = new AuditJournal(dir);
        int threads = 4;
        int each = 5_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int lane = t;
            ts.add(new Thread(() -> {
                for (int i = 1; i <= each; i++) {
                    assertTrue(record(j, lane, i, (byte) 1), "a healthy audit takes every record");
                }
            }));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join();
        }
        // Read while the journal is still open: what record() accepted is already in the queue.
        List<AuditRecord> records = all();
        j.close(Duration.ofSeconds(10));
        assertTrue(j.closed());
        assertEquals(threads * each, records.size());
        Map<Integer, Long> last = new HashMap<>();
        for (AuditRecord r : records) {
            assertTrue(r.micros() > last.getOrDefault(r.lane(), 0L), "per-producer order");
            last.put(r.lane(), r.micros());
            assertEquals("NB26-000001", r.reportId());
            assertEquals("91330200MA2H7K3Q16", r.exporter());
            assertEquals(List.of("ITEM_EXPIRED"), r.reasonNames());
        }
    }

    @Test
    void shouldRefuseOnceClosed() {
        AuditJournal j = new AuditJournal(dir);
        assertTrue(record(j, 0, 1, (byte) 1));
        j.close(Duration.ofSeconds(5));
        assertFalse(record(j, 0, 2, (byte) 1), "closed: refuse");
        assertFalse(j.recordAdmin(1, "a", "b"), "closed: refuse");
        assertFalse(j.healthy());
        assertEquals(2, j.rejected());
        assertEquals(1, all().size());
    }

    @Test
    void shouldKeepThePreCheckDate() {
        AuditJournal j = new AuditJournal(dir);
        DecisionEntry e = new DecisionEntry().origin(DecisionAudit.Source.HTTP_VERIFY, GATE, 0, 4, 0)
                .exporter(EXPORTER, 0, 18).reportId(REPORT, 0, REPORT.length)
                .outcome(true, 0, 7, 5_000_000L).decidedFor(1_800_000_000L);
        assertTrue(j.record(e));
        j.close(Duration.ofSeconds(5));
        AuditRecord r = all().get(0);
        assertTrue(r.preCheck());
        assertEquals(1_800_000_000L, r.decidedFor());
        assertEquals(DecisionAudit.Source.HTTP_VERIFY, r.source());
    }

    @Test
    void shouldSurviveReopeningAndFilterQueries() {
        AuditJournal j = new AuditJournal(dir);
        record(j, 1, 1, (byte) 1);
        record(j, 1, 2, (byte) 2);
        j.recordAdmin(3_000_000, "token:samr", "REVOKE NB26-000001: recall");
        j.close(Duration.ofSeconds(5));
        AuditJournal again = new AuditJournal(dir);
        record(again, 2, 4, (byte) 1);
        again.close(Duration.ofSeconds(5));
        assertEquals(4, all().size());
        List<AuditRecord> releases = new ArrayList<>();
        AuditQuery.scan(dir, new AuditQuery.Filter("NB26-000001", null, null, 1, null, null), 100, releases::add);
        assertEquals(2, releases.size());
        List<AuditRecord> window = new ArrayList<>();
        AuditQuery.scan(dir, new AuditQuery.Filter(null, null, null, null, 2_000_000L, 4_000_000L), 100, window::add);
        assertEquals(2, window.size(), "[2 s, 4 s): the HOLD and the admin action");
        assertTrue(window.stream().anyMatch(r -> r.actor().equals("token:samr") && r.action().startsWith("REVOKE")));
    }

    @Test
    void shouldRecordWithoutAllocating() {
        AuditJournal j = new AuditJournal(dir);
        for (int i = 0; i < 20_000; i++) {
            record(j, 0, i, (byte) 1);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        int n = 40_000;
        int taken = 0;
        for (int i = 0; i < n; i++) {
            taken += record(j, 0, i, (byte) 1) ? 1 : 0;
        }
        long perRecord = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        j.close(Duration.ofSeconds(10));
        assertTrue(taken > 0);
        assertTrue(perRecord <= 8, "record allocated " + perRecord + " bytes");
    }

    @Test
    void shouldReadDecisionsWrittenBeforeTheDeclarationLinkNextToLinkedOnes() throws Exception {
        // A kind 3 record exactly as the previous version wrote it: no declaration, no container.
        try (var q = net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(dir).build();
             var a = q.createAppender();
             var dc = a.writingDocument()) {
            var b = dc.wire().bytes();
            b.writeByte((byte) 3);
            b.writeLong(1_000_000L);
            b.writeByte((byte) 0);
            b.writeByte((byte) 1);
            b.writeShort((short) 2);
            b.writeInt(50);
            b.writeLong(0);
            b.writeLong(0);
            for (String t : new String[]{"NGB-G01", "91330200MA2H7K3Q16", "NB26-OLD"}) {
                b.writeByte((byte) t.length());
                b.write(t.getBytes(StandardCharsets.US_ASCII));
            }
        }
        AuditJournal j = new AuditJournal(dir);
        byte[] gate = "NGB-G02".getBytes(StandardCharsets.US_ASCII);
        byte[] decl = "310420261000123456".getBytes(StandardCharsets.US_ASCII);
        byte[] cont = "CSQU3054383".getBytes(StandardCharsets.US_ASCII);
        DecisionEntry e = new DecisionEntry().origin(DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 1)
                .declaration(decl, 0, decl.length).container(cont, 0, cont.length);
        assertTrue(j.record(e.outcome(true, 0, 40, 2_000_000L)));
        e.origin(DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 1); // a new entry forgets the last one's link
        assertTrue(j.record(e.outcome(true, 0, 40, 3_000_000L)));
        j.close(Duration.ofSeconds(5));

        List<AuditRecord> all = new ArrayList<>();
        AuditQuery.scan(dir, new AuditQuery.Filter(null, null, null, null, null, null), 10, all::add);
        assertEquals(3, all.size(), all.toString());
        assertEquals("NB26-OLD", all.get(0).reportId());
        assertEquals("", all.get(0).declaration());
        assertEquals("310420261000123456", all.get(1).declaration());
        assertEquals("CSQU3054383", all.get(1).container());
        assertEquals("", all.get(2).container());
        List<AuditRecord> linked = new ArrayList<>();
        AuditQuery.scan(dir, new AuditQuery.Filter(null, null, null, null, null, null, null, "CSQU3054383"), 10, linked::add);
        assertEquals(1, linked.size());
        List<AuditQuery.Indexed> page = AuditQuery.page(dir, r -> true, -1, 2);
        assertEquals(2, page.size());
        List<AuditQuery.Indexed> next = AuditQuery.page(dir, r -> true, page.get(1).index(), 2);
        assertEquals(1, next.size(), "the cursor resumes after the last record of the page");
        assertEquals(3_000_000L, next.get(0).record().timeMicros());
    }
}
