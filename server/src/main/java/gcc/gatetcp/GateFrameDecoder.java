package gcc.gatetcp;

import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.metrics.GateMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Splits the gate byte stream into whole frames (each emitted as a retained slice including its
 * length field). A length above the maximum frame size is refused before any of the body is
 * buffered: the client gets a PROTOCOL_ERROR (frame too large) and the connection is closed, so
 * a hostile length costs nothing. One instance per connection.
 */
final class GateFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrame;
    private final GateMetrics metrics;
    private final long deadlineNanos;
    private boolean failed;
    /** When the bytes now buffered as an incomplete frame began arriving; 0 when none are buffered. */
    private long partialSince;
    private ScheduledFuture<?> deadlineCheck;

    GateFrameDecoder(int maxFrame, Duration frameDeadline, GateMetrics metrics) {
        this.maxFrame = maxFrame;
        this.deadlineNanos = frameDeadline.toNanos();
        this.metrics = metrics;
    }

    /**
     * A slowloris client starts a frame and never finishes it, holding a connection (and its
     * buffer) open for free. A frame started and not completed within the deadline is a protocol
     * error: answered, counted and closed. The idle timeout cannot catch this, since a byte now
     * and then counts as activity.
     */
    private void trackPartial(ChannelHandlerContext ctx, ByteBuf in, boolean emitted) {
        if (!in.isReadable()) {
            partialSince = 0;
            return;
        }
        if (partialSince == 0 || emitted) {
            partialSince = System.nanoTime();
        }
        if (deadlineCheck == null || deadlineCheck.isDone()) {
            deadlineCheck = ctx.executor().schedule(() -> checkDeadline(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadline(ChannelHandlerContext ctx) {
        deadlineCheck = null;
        if (failed || partialSince == 0 || !ctx.channel().isActive()) {
            return;
        }
        long waited = System.nanoTime() - partialSince;
        if (waited >= deadlineNanos) {
            metrics.frameDeadlineMissed();
            fail(ctx, GateFrame.ERROR_MALFORMED, "frame not completed within " + deadlineNanos / 1_000_000 + " ms");
        } else {
            deadlineCheck = ctx.executor().schedule(() -> checkDeadline(ctx), deadlineNanos - waited, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadlineCheck != null) {
            deadlineCheck.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        boolean emitted = false;
        while (in.readableBytes() >= GateFrame.LENGTH_FIELD) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length + GateFrame.LENGTH_FIELD > maxFrame) {
                fail(ctx, GateFrame.ERROR_FRAME_TOO_LARGE, "frame too large: " + (length + GateFrame.LENGTH_FIELD) + " > " + maxFrame);
                in.skipBytes(in.readableBytes());
                return;
            }
            if (length < GateFrame.MIN_LENGTH) {
                fail(ctx, GateFrame.ERROR_MALFORMED, "frame length " + length + " is below the header size");
                in.skipBytes(in.readableBytes());
                return;
            }
            int whole = (int) length + GateFrame.LENGTH_FIELD;
            if (in.readableBytes() < whole) {
                break;
            }
            out.add(in.readRetainedSlice(whole));
            emitted = true;
        }
        trackPartial(ctx, in, emitted);
    }

    private void fail(ChannelHandlerContext ctx, int code, String message) {
        failed = true;
        metrics.protocolError();
        byte[] b = new byte[ProtocolError.MESSAGE_OFFSET + ProtocolError.MAX_MESSAGE];
        int n = ProtocolError.encode(b, 0, 0, code, message);
        ctx.writeAndFlush(ctx.alloc().buffer(n).writeBytes(b, 0, n)).addListener(ChannelFutureListener.CLOSE);
    }
}
