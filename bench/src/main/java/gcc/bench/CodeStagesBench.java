package gcc.bench;

import gcc.code.Base45;
import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.CoseSign1Flyweight;
import gcc.code.DecodeScratch;
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
import java.util.zip.Inflater;
import java.util.concurrent.TimeUnit;

/**
 * The decoding layers of a memo miss, one at a time, on a typical Ed25519 code, as the gate's
 * miss path runs them: into one thread's reused buffers, inflater and flyweights
 * ({@code ClearanceCode.decodeInto}). One thread.
 */
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
    private final DecodeScratch scratch = new DecodeScratch();
    private final byte[] out = new byte[ClearanceCode.MAX_COSE + 1];
    private final Inflater inflater = new Inflater();
    private final CoseSign1Flyweight sign1 = new CoseSign1Flyweight();

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
    public int base45Decode() throws MalformedCodeException {
        return Base45.decode(text, 5, text.length - 5, out, 0);
    }

    @Benchmark
    public int inflate() throws MalformedCodeException {
        return Zlib.inflate(compressed, 0, compressed.length, ClearanceCode.MAX_COSE, inflater, out);
    }

    @Benchmark
    public CoseSign1Flyweight coseSign1Parse() throws MalformedCodeException {
        return sign1.parse(cose, 0, cose.length);
    }

    @Benchmark
    public ClearanceClaims claimsParse() throws MalformedCodeException {
        return ClearanceClaims.decode(payload, 0, payload.length, scratch);
    }
}
