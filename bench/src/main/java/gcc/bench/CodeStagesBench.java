package gcc.bench;

import gcc.code.Base45;
import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.code.Zlib;
import gcc.testkit.TestWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The decoding layers of a memo miss, one at a time, on a typical Ed25519 code. One thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class CodeStagesBench {
    private byte[] text;
    private byte[] compressed;
    private byte[] cose;
    private byte[] payload;

    @Setup
    public void setup() throws MalformedCodeException {
        TestWorld w = new TestWorld();
        String code = w.issue(TestWorld.report("NB26-000123"), w.labA);
        text = code.getBytes(StandardCharsets.US_ASCII);
        ClearanceCode.Layers l = ClearanceCode.decode(code);
        compressed = l.compressed();
        cose = l.cose();
        payload = l.sign1().payload();
    }

    @Benchmark
    public byte[] base45Decode() throws MalformedCodeException {
        return Base45.decode(text, 5, text.length - 5);
    }

    @Benchmark
    public byte[] inflate() throws MalformedCodeException {
        return Zlib.inflate(compressed, ClearanceCode.MAX_COSE);
    }

    @Benchmark
    public CoseSign1 coseSign1Parse() throws MalformedCodeException {
        return CoseSign1.parse(cose);
    }

    @Benchmark
    public ClearanceClaims claimsParse() throws MalformedCodeException {
        return ClearanceClaims.decode(payload);
    }
}
