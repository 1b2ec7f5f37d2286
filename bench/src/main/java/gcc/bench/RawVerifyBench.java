package gcc.bench;

import gcc.code.ClearanceCode;
import gcc.code.MalformedCodeException;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.testkit.TestWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The bare BouncyCastle signature verification of a code's Sig_structure with a prepared key,
 * per algorithm: the floor a memo-miss decision is compared with. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class RawVerifyBench {
    @Param({"ed25519", "es256", "sm2"})
    public String alg;

    private SignatureVerifier verifier;
    private byte[] toBeSigned;
    private byte[] signature;

    @Setup
    public void setup() throws MalformedCodeException {
        TestWorld w = new TestWorld();
        Signer s = BenchFixtures.signer(w, alg);
        ClearanceCode.Layers l = ClearanceCode.decode(w.issue(TestWorld.report("NB26-000123"), s));
        verifier = SignatureVerifier.ofSpki(s.publicKeySpki());
        toBeSigned = l.sign1().toBeSigned();
        signature = l.sign1().signature();
        if (!verifier.verify(toBeSigned, signature)) {
            throw new IllegalStateException("fixture signature does not verify");
        }
    }

    @Benchmark
    public boolean bouncyCastle() {
        return verifier.verify(toBeSigned, signature);
    }
}
