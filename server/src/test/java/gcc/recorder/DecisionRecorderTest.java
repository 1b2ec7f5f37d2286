package gcc.recorder;

import gcc.audit.AuditJournal;
import gcc.audit.DecisionAudit;
import gcc.audit.DecisionEntry;
import gcc.code.VerifiedCode;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.metrics.GateMetrics;
import gcc.registry.ReportRecord;
import gcc.registry.ReportRegistry;
import gcc.rules.Declaration;
import gcc.testkit.TestWorld;
import gcc.verify.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one decide-record-count path: allocation-free on a memo hit, and never a release unrecorded. */
class DecisionRecorderTest {
    @TempDir
    Path dir;

    private final TestWorld world = new TestWorld();
    private final Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
    private final GateMetrics metrics = new GateMetrics();
    private final byte[] gate = "NGB-G01".getBytes(StandardCharsets.US_ASCII);
    private final byte[] exporter = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);

    /** A registry answering one preloaded record without allocating (the in-memory one allocates a key). */
    private ReportRegistry preloaded(String id) {
        ReportRecord record = new ReportRecord();
        world.registry.get(id, record);
        return (rid, len, into) -> {
            if (!record.reportIdEquals(rid, 0, len)) {
                return ReportRegistry.Lookup.NOT_FOUND;
            }
            into.copyFrom(record);
            return ReportRegistry.Lookup.FOUND;
        };
    }

    @Test
    void shouldDecideRecordAndCountAMemoHitWithoutAllocating() {
        var doc = TestWorld.report("NB26-400001");
        world.register(doc);
        byte[] code = world.issue(doc, world.labA).getBytes(StandardCharsets.US_ASCII);
        Verifier verifier = new Verifier(world.trust, () -> world.policy, preloaded("NB26-400001"), world.memo, clock);
        AuditJournal audit = new AuditJournal(dir);
        try {
            DecisionRecorder recorder = new DecisionRecorder(verifier, audit, metrics, clock);
            Verifier.Scratch s = new Verifier.Scratch();
            Findings f = new Findings();
            Declaration decl = new Declaration().set(exporter, 0, exporter.length, null, 0, 0);
            DecisionEntry entry = new DecisionEntry().origin(DecisionAudit.Source.GATE_TCP, gate, 0, gate.length, 1)
                    .exporter(exporter, 0, exporter.length);
            assertNotNull(recorder.check(code, 0, code.length, s, f.reset()), "verifies and fills the memo");
            for (int i = 0; i < 20_000; i++) {
                decideHit(recorder, code, s, f, decl, entry);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            int n = 50_000;
            boolean released = true;
            for (int i = 0; i < n; i++) {
                released &= decideHit(recorder, code, s, f, decl, entry);
            }
            long perOp = (mx.getCurrentThreadAllocatedBytes() - before) / n;
            assertTrue(released, "every decision released and recorded");
            assertTrue(perOp <= 16, "memo-hit decide, record and count allocated " + perOp + " bytes per operation");
            assertEquals(70_000, metrics.released());
        } finally {
            audit.close(Duration.ofSeconds(10));
        }
    }

    private static boolean decideHit(DecisionRecorder recorder, byte[] code, Verifier.Scratch s, Findings f,
                                     Declaration decl, DecisionEntry entry) {
        VerifiedCode v = recorder.probe(code, 0, code.length, s);
        return recorder.decideGate(v, decl, s, f.reset(), entry, System.nanoTime());
    }

    @Test
    void shouldHoldWhatTheAuditCannotTakeOverHttpAsOverTheGate() {
        var doc = TestWorld.report("NB26-400002");
        world.register(doc);
        String code = world.issue(doc, world.labA);
        AuditJournal audit = new AuditJournal(dir);
        audit.close(Duration.ofSeconds(5)); // a closed audit takes nothing
        DecisionRecorder recorder = new DecisionRecorder(world.verifier, audit, metrics, clock);
        DecisionRecorder.Verdict v = recorder.verify(code, TestWorld.EXPORTER, null, null);
        assertEquals(Outcome.HOLD, v.decision().outcome());
        assertTrue(v.decision().has(Reason.AUDIT_UNAVAILABLE));
        assertEquals(1, metrics.auditRejectedCount());
        assertEquals(1, metrics.httpDecisions());
        assertFalse(metrics.released() > 0);
    }
}
