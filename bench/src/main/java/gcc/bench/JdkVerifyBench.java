package gcc.bench;

import gcc.code.ClearanceCode;
import gcc.code.MalformedCodeException;
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

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own providers verifying the same signatures (Ed25519; ECDSA P-256 in raw r||s form
 * via SHA256withECDSAinP1363Format), the baseline BouncyCastle is chosen over. The JDK has no SM2.
 * One thread; the Signature object and key are prepared once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class JdkVerifyBench {
    @Param({"ed25519", "es256"})
    public String alg;

    private Signature signature;
    private PublicKey key;
    private byte[] toBeSigned;
    private byte[] sig;

    @Setup
    public void setup() throws MalformedCodeException, GeneralSecurityException {
        TestWorld w = new TestWorld();
        Signer s = BenchFixtures.signer(w, alg);
        ClearanceCode.Layers l = ClearanceCode.decode(w.issue(TestWorld.report("NB26-000123"), s));
        toBeSigned = l.sign1().toBeSigned();
        sig = l.sign1().signature();
        boolean ed = alg.equals("ed25519");
        key = KeyFactory.getInstance(ed ? "Ed25519" : "EC").generatePublic(new X509EncodedKeySpec(s.publicKeySpki()));
        signature = Signature.getInstance(ed ? "Ed25519" : "SHA256withECDSAinP1363Format");
        if (!jdk()) {
            throw new IllegalStateException("the JDK does not verify the fixture signature");
        }
    }

    @Benchmark
    public boolean jdk() throws GeneralSecurityException {
        signature.initVerify(key);
        signature.update(toBeSigned);
        return signature.verify(sig);
    }
}
