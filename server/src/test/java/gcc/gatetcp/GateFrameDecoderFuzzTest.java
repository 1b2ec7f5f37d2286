package gcc.gatetcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.gate.GateFrame;
import gcc.metrics.GateMetrics;
import gcc.testkit.Mutations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the server's gate frame decoder on an {@link EmbeddedChannel}: the input's first byte
 * sets how the rest is split into reads (so frames straddle reads), the rest is the byte stream.
 * Invariants: no exception reaches the pipeline; every emitted frame is whole (its length field
 * matches) and within the maximum frame size; the emitted frames are, in order, a prefix of the
 * stream; a refused stream gets exactly one PROTOCOL_ERROR and a closed channel.
 */
class GateFrameDecoderFuzzTest {
    private static final int MAX_FRAME = 512;

    @FuzzTest(maxDuration = "10m")
    void frameDecoder(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0x3f);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        EmbeddedChannel ch = new EmbeddedChannel(new GateFrameDecoder(MAX_FRAME, java.time.Duration.ofSeconds(10), new GateMetrics()));
        for (int p = 0; p < stream.length && ch.isOpen(); p += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, p, Math.min(chunk, stream.length - p)));
        }
        ch.checkException();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (ByteBuf f; (f = ch.readInbound()) != null; ) {
            try {
                int n = f.readableBytes();
                assertTrue(n >= GateFrame.BODY_OFFSET && n <= MAX_FRAME, "frame of " + n + " bytes");
                assertEquals(n - GateFrame.LENGTH_FIELD, f.getUnsignedInt(f.readerIndex()));
                byte[] b = new byte[n];
                f.getBytes(f.readerIndex(), b);
                frames.write(b, 0, n);
            } finally {
                f.release();
            }
        }
        byte[] got = frames.toByteArray();
        assertArrayEquals(Arrays.copyOf(stream, got.length), got, "frames are the stream's prefix, in order");
        ByteBuf err = ch.readOutbound();
        if (err != null) {
            try {
                assertEquals(GateFrame.TYPE_PROTOCOL_ERROR, err.getUnsignedByte(err.readerIndex() + GateFrame.TYPE_OFFSET));
            } finally {
                err.release();
            }
            ByteBuf more = ch.readOutbound();
            assertEquals(null, more, "one protocol error, then nothing");
            assertFalse(ch.isOpen(), "closed after a protocol error");
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldSurviveABoundedPassOfMutants() {
        Mutations.run(Mutations.corpus(getClass(), "frameDecoder"), 20_000, 7, this::frameDecoder);
    }
}
