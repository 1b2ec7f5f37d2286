package gcc.bench;

import gcc.code.ClearanceCode;
import gcc.crypto.Keys;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.registry.PersistentRegistry;
import gcc.report.ReportDocument;
import gcc.rules.Declaration;
import gcc.testkit.TestWorld;
import gcc.verify.Verifier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A memo-miss decision and the bare signature verification it contains, timed side by side in
 * the same fork and the same seconds, so their ratio does not depend on how fast the machine
 * happened to be when each was measured. Operations alternate in blocks of {@value #BLOCK}:
 * <ul>
 *   <li>{@code miss}: a whole decision as {@link DecideBench#memoMiss} makes it ({@value #CODES}
 *       distinct codes cycled through a 16-entry memo, so every one decodes, verifies, memoizes
 *       and runs the rules; the set-up and tear-down prove no decision hit the memo and every
 *       one released);</li>
 *   <li>{@code verify}: the bare verification of the same codes' Sig_structures and signatures,
 *       cycled the same way, with the very verifier the decision uses (the trust-list key's);</li>
 *   <li>{@code verifyOne}: the bare verification of one code's signature over and over, as
 *       {@link RawVerifyBench} measures it (kept for comparison: a single input lets the CPU
 *       learn its branches, which no gate sees).</li>
 * </ul>
 * Each operation is timed with {@link System#nanoTime()} (tens of nanoseconds against tens of
 * microseconds) into the counters below; JMH sums them per iteration, and a fork's mean time of
 * each kind is its nanoseconds over its count. The primary score (the mean over all three kinds)
 * means nothing on its own: read the counters. One thread; blocks of one kind run back to back
 * so each kind keeps its own caches warm, as a worker deciding a burst of first sightings does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@Threads(1)
@State(Scope.Thread)
public class MissOverVerifyBench {
    static final int CODES = 4096;
    /** Operations of one kind before the next kind's turn (about 5 ms). */
    static final int BLOCK = 64;

    @Param({"ed25519", "es256", "sm2"})
    public String alg;

    private PersistentRegistry registry;
    private Verifier missVerifier;
    private SignatureVerifier keyVerifier;
    private byte[][] codes;
    private byte[][] toBeSigned;
    private byte[][] signatures;
    private final Verifier.Scratch scratch = new Verifier.Scratch();
    private final Findings findings = new Findings();
    private Declaration declaration;
    private long now;
    private int op;
    private int nextMiss;
    private int nextVerify;
    /** Operations that did not release or verify: must stay 0, or the figures measure a short-cut. */
    private long failures;

    /** Nanoseconds and operations of each kind in one iteration (JMH reads them at its end). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long missNanos;
        public long missOps;
        public long verifyNanos;
        public long verifyOps;
        public long verifyOneNanos;
        public long verifyOneOps;

        @Setup(Level.Iteration)
        public void reset() {
            missNanos = missOps = verifyNanos = verifyOps = verifyOneNanos = verifyOneOps = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TestWorld w = new TestWorld();
        Signer signer = BenchFixtures.signer(w, alg);
        List<ReportDocument> reports = BenchFixtures.reports(CODES);
        registry = BenchFixtures.smallRegistry(reports);
        codes = new byte[CODES][];
        toBeSigned = new byte[CODES][];
        signatures = new byte[CODES][];
        for (int i = 0; i < CODES; i++) {
            String text = w.issue(reports.get(i), signer);
            codes[i] = text.getBytes(StandardCharsets.US_ASCII);
            ClearanceCode.Layers l = ClearanceCode.decode(text);
            toBeSigned[i] = l.sign1().toBeSigned();
            signatures[i] = l.sign1().signature();
        }
        keyVerifier = w.trust.current().key(Keys.kidAsLong(signer.kid(), 0)).verifier();
        missVerifier = BenchFixtures.smallMemoVerifier(w, registry);
        declaration = BenchFixtures.exporterDeclaration();
        now = TestWorld.NOW.getEpochSecond();
        for (int i = 0; i < CODES; i++) {
            byte[] c = codes[i];
            if (missVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings).outcome() != Outcome.RELEASE) {
                throw new IllegalStateException("fixture code does not release: " + findings.reasons());
            }
            if (!keyVerifier.verify(toBeSigned[i], signatures[i])) {
                throw new IllegalStateException("fixture signature does not verify");
            }
        }
        requireEveryDecisionMissed();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            requireEveryDecisionMissed();
            if (failures != 0) {
                throw new IllegalStateException(failures + " operations did not release or verify");
            }
        } finally {
            registry.close();
        }
    }

    private void requireEveryDecisionMissed() {
        if (missVerifier.memo().hits() != 0) {
            throw new IllegalStateException("miss: " + missVerifier.memo().hits() + " memo hits");
        }
        if (findings.outcome() != Outcome.RELEASE) {
            throw new IllegalStateException("miss: the last decision did not release: " + findings.reasons());
        }
    }

    @Benchmark
    public boolean sideBySide(Times t) {
        int kind = (op++ / BLOCK) % 3;
        long start = System.nanoTime();
        boolean r;
        if (kind == 0) {
            byte[] c = codes[nextMiss++ & (CODES - 1)];
            r = missVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings).outcome() == Outcome.RELEASE;
            t.missNanos += System.nanoTime() - start;
            t.missOps++;
        } else if (kind == 1) {
            int i = nextVerify++ & (CODES - 1);
            r = keyVerifier.verify(toBeSigned[i], signatures[i]);
            t.verifyNanos += System.nanoTime() - start;
            t.verifyOps++;
        } else {
            r = keyVerifier.verify(toBeSigned[0], signatures[0]);
            t.verifyOneNanos += System.nanoTime() - start;
            t.verifyOneOps++;
        }
        if (!r) {
            failures++;
        }
        return r;
    }
}
