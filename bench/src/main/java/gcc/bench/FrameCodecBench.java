package gcc.bench;

import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
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

/** Gate frame decode (header check and request flyweight) and response encode. One thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class FrameCodecBench {
    private final byte[] frame = new byte[2048];
    private final byte[] out = new byte[128];
    private final byte[] reportId = "NB26-000123".getBytes(StandardCharsets.US_ASCII);
    private final VerifyRequest request = new VerifyRequest();
    private int length;

    @Setup
    public void setup() {
        TestWorld w = new TestWorld();
        byte[] code = w.issue(TestWorld.report("NB26-000123"), w.labA).getBytes(StandardCharsets.US_ASCII);
        length = VerifyRequest.encode(frame, 0, 42, 3, TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII),
                "NGB-G07".getBytes(StandardCharsets.US_ASCII), null, code);
    }

    @Benchmark
    public int frameDecode() {
        int h = GateFrame.checkHeader(frame, 0, length);
        return h == GateFrame.OK ? request.wrap(frame, 0, length) + request.codeLength() : h;
    }

    @Benchmark
    public int frameEncode() {
        return VerifyResponse.encode(out, 0, 42, VerifyResponse.HOLD, Reason.ITEM_EXPIRED.bit(), 95, reportId, 0, reportId.length);
    }
}
