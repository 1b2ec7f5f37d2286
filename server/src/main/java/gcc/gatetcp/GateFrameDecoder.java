package gcc.gatetcp;

import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.metrics.GateMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the gate byte stream into whole frames (each emitted as a retained slice including its
 * length field). A length above the maximum frame size is refused before any of the body is
 * buffered: the client gets a PROTOCOL_ERROR (frame too large) and the connection is closed, so
 * a hostile length costs nothing. One instance per connection.
 */
final class GateFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrame;
    private final GateMetrics metrics;
    private boolean failed;

    GateFrameDecoder(int maxFrame, GateMetrics metrics) {
        this.maxFrame = maxFrame;
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
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
                return;
            }
            out.add(in.readRetainedSlice(whole));
        }
    }

    private void fail(ChannelHandlerContext ctx, int code, String message) {
        failed = true;
        metrics.protocolError();
        byte[] b = new byte[ProtocolError.MESSAGE_OFFSET + ProtocolError.MAX_MESSAGE];
        int n = ProtocolError.encode(b, 0, 0, code, message);
        ctx.writeAndFlush(ctx.alloc().buffer(n).writeBytes(b, 0, n)).addListener(ChannelFutureListener.CLOSE);
    }
}
