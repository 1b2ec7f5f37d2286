package gcc.bench;

import gcc.crypto.Signer;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.registry.PersistentRegistry;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import gcc.rules.Declaration;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
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
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whole decisions as the gate makes them (memo probe, signature check on a miss, registry lookup
 * in a real Chronicle Map, every rule), over {@value #CODES} distinct codes of one algorithm.
 * {@code memoHit}: every code is in the memo. {@code memoMiss}: the memo holds 16 entries and the
 * codes cycle through {@value #CODES}, so every decision decodes the code and verifies its
 * signature (the set-up checks that two full cycles make no memo hit and that every decision is
 * a RELEASE, so neither benchmark measures a short-cut HOLD). One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DecideBench {
    static final int CODES = 4096;

    @Param({"ed25519", "es256", "sm2"})
    public String alg;

    private PersistentRegistry registry;
    private Verifier hitVerifier;
    private Verifier missVerifier;
    private byte[][] codes;
    private final Verifier.Scratch scratch = new Verifier.Scratch();
    private final Findings findings = new Findings();
    private Declaration declaration;
    private long now;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TestWorld w = new TestWorld();
        Signer signer = BenchFixtures.signer(w, alg);
        List<ReportDocument> reports = BenchFixtures.reports(CODES);
        registry = BenchFixtures.smallRegistry(reports);
        codes = new byte[CODES][];
        for (int i = 0; i < CODES; i++) {
            codes[i] = w.issue(reports.get(i), signer).getBytes(StandardCharsets.US_ASCII);
        }
        Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
        // The server's default memo size: every code fits, so every memoHit decision is a hit.
        hitVerifier = new Verifier(w.trust, () -> w.policy, registry, new SignatureMemo(1 << 16), clock);
        missVerifier = BenchFixtures.smallMemoVerifier(w, registry);
        declaration = BenchFixtures.exporterDeclaration();
        now = TestWorld.NOW.getEpochSecond();
        for (byte[] c : codes) {
            hitVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings);
            if (findings.outcome() != Outcome.RELEASE) {
                throw new IllegalStateException("fixture code does not release: " + findings.reasons());
            }
        }
        long misses = hitVerifier.memo().misses();
        for (byte[] c : codes) {
            hitVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings);
        }
        if (hitVerifier.memo().misses() != misses) {
            throw new IllegalStateException("memoHit fixture: not every code stayed in the memo");
        }
        // Two full cycles: the second proves that no code survives in the small memo until it
        // comes round again, so every memoMiss decision pays for decoding and the curve.
        for (int pass = 0; pass < 2; pass++) {
            for (byte[] c : codes) {
                missVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings);
                if (findings.outcome() != Outcome.RELEASE) {
                    throw new IllegalStateException("memoMiss fixture code does not release: " + findings.reasons());
                }
            }
        }
        if (missVerifier.memo().hits() != 0) {
            throw new IllegalStateException("memoMiss fixture: " + missVerifier.memo().hits() + " memo hits in "
                    + 2 * CODES + " decisions");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public Outcome memoHit() {
        byte[] c = codes[next++ & (CODES - 1)];
        return hitVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings).outcome();
    }

    @Benchmark
    public Outcome memoMiss() {
        byte[] c = codes[next++ & (CODES - 1)];
        return missVerifier.verifyInto(c, 0, c.length, declaration, now, scratch, findings).outcome();
    }
}
