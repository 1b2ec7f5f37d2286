package gcc.bench;

import gcc.code.ClearanceCode;
import gcc.decision.Findings;
import gcc.registry.PersistentRegistry;
import gcc.registry.ReportRecord;
import gcc.report.ReportDocument;
import gcc.rules.ReleaseRules;
import gcc.testkit.TestWorld;
import gcc.trust.TrustList;
import gcc.rules.Declaration;
import gcc.verify.SignatureMemo;
import gcc.code.VerifiedCode;
import gcc.verify.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * The two stages of a memo-hit decision besides the registry: the memo probe (SHA-256 of the
 * code text and a table lookup) and the rules evaluation (key, standard, scope, dates, binding,
 * with the record already read). One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class StagesOnHitBench {
    private Verifier verifier;
    private PersistentRegistry registry;
    private byte[] code;
    private VerifiedCode verified;
    private TrustList trust;
    private gcc.policy.Policy policy;
    private final Verifier.Scratch scratch = new Verifier.Scratch();
    private final Findings findings = new Findings();
    private final ReportRecord record = new ReportRecord();
    private Declaration declaration;
    private gcc.registry.ReportRegistry oneRecord;
    private long now;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TestWorld w = new TestWorld();
        ReportDocument doc = TestWorld.report("NB26-000123");
        registry = BenchFixtures.smallRegistry(List.of(doc));
        verifier = new Verifier(w.trust, () -> w.policy, registry, new SignatureMemo(1024), Clock.fixed(TestWorld.NOW, ZoneOffset.UTC));
        code = w.issue(doc, w.labA).getBytes(StandardCharsets.US_ASCII);
        byte[] exporter = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);
        declaration = new Declaration().set(exporter, 0, exporter.length, null, 0, 0);
        now = TestWorld.NOW.getEpochSecond();
        verifier.verifyInto(code, 0, code.length, declaration, now, scratch, findings);
        verified = verifier.probe(code, 0, code.length, scratch);
        trust = w.trust.current();
        policy = w.policy;
        ReportRecord copy = new ReportRecord();
        registry.get("NB26-000123", copy);
        oneRecord = (id, len, into) -> {
            into.copyFrom(copy);
            return gcc.registry.ReportRegistry.Lookup.FOUND;
        };
        if (verified == null || ClearanceCode.decode(new String(code, StandardCharsets.US_ASCII)) == null) {
            throw new IllegalStateException("fixture not in the memo");
        }
        rulesEvaluate();
        if (findings.outcome() != gcc.decision.Outcome.RELEASE) {
            // A HOLD can stop early; the benchmark must time every rule.
            throw new IllegalStateException("rules fixture does not release: " + findings.reasons());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public VerifiedCode memoProbe() {
        return verifier.probe(code, 0, code.length, scratch);
    }

    @Benchmark
    public long rulesEvaluate() {
        findings.reset();
        ReleaseRules.evaluate(verified, trust, policy, oneRecord, declaration, now, record, findings);
        return findings.reasons();
    }
}
