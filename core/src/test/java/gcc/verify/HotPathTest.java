package gcc.verify;

import gcc.code.VerifiedCode;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.rules.Declaration;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotPathTest {
    private final TestWorld w = new TestWorld();

    @Test
    void shouldDecideAMemoHitWithoutAllocating() {
        var doc = TestWorld.report("R-HOT");
        w.register(doc);
        byte[] code = w.issue(doc, w.labA).getBytes(StandardCharsets.US_ASCII);
        byte[] exporter = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        Verifier.Scratch s = new Verifier.Scratch();
        Declaration decl = new Declaration().set(exporter, 0, exporter.length, null, 0, 0);
        Findings f = new Findings();
        long t = TestWorld.NOW.getEpochSecond();
        w.verifier.verifyInto(code, 0, code.length, decl, t, s, f);
        assertEquals(Outcome.RELEASE, f.outcome());
        // the in-memory registry allocates a key string per lookup; measure the rest with a registry that does not
        ReportRegistryStub registry = new ReportRegistryStub(w, "R-HOT");
        Verifier v = new Verifier(w.trust, () -> w.policy, registry, w.memo, w.verifier.clock());
        for (int i = 0; i < 20_000; i++) {
            v.verifyInto(code, 0, code.length, decl, t, s, f);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            v.verifyInto(code, 0, code.length, decl, t, s, f);
        }
        long perOp = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        assertEquals(Outcome.RELEASE, f.outcome());
        assertTrue(perOp <= 16, "memo-hit decision allocated " + perOp + " bytes per operation");
    }

    @Test
    void shouldProbeMissThenHit() {
        var doc = TestWorld.report("R-PROBE");
        w.register(doc);
        byte[] code = w.issue(doc, w.labAsm2).getBytes(StandardCharsets.US_ASCII);
        Verifier.Scratch s = new Verifier.Scratch();
        assertNull(w.verifier.probe(code, 0, code.length, s));
        assertNotNull(w.verifier.check(code, 0, code.length, s, new Findings()));
        assertNotNull(w.verifier.probe(code, 0, code.length, s));
        assertEquals(1, w.memo.hits());
    }

    @Test
    void shouldStayWithinItsCapacity() {
        SignatureMemo memo = new SignatureMemo(64);
        VerifiedCode v = new VerifiedCode(null, 1, gcc.crypto.SignatureAlgorithm.ED25519, new byte[0]);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] h = new byte[32];
            r.nextBytes(h);
            memo.put(h, v);
        }
        assertEquals(64, memo.capacity());
        assertTrue(memo.size() <= 64);
        assertEquals(memo.size(), memo.invalidateKid(1));
        assertEquals(0, memo.size());
    }

    /** A registry answering one record from a preloaded copy, allocation-free. */
    private static final class ReportRegistryStub implements gcc.registry.ReportRegistry {
        private final gcc.registry.ReportRecord record = new gcc.registry.ReportRecord();

        ReportRegistryStub(TestWorld w, String id) {
            w.registry.get(id, record);
        }

        @Override
        public Lookup lookup(byte[] reportId, int length, gcc.registry.ReportRecord into) {
            if (!record.reportIdEquals(reportId, 0, length)) {
                return Lookup.NOT_FOUND;
            }
            into.copyFrom(record);
            return Lookup.FOUND;
        }
    }
}
