package gcc.client;

import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gate protocol peer for client tests that a real server cannot be made to play on demand:
 * answers in reverse order, never, BUSY, with a protocol error, or by hanging up. It speaks the
 * real codec; the report id it answers with is the request's code text, so tests can check that
 * answers are matched to their calls.
 */
final class ScriptedServer implements AutoCloseable {
    enum Mode { RELEASE, REVERSE_EVERY_5, SILENT, BUSY, PROTOCOL_ERROR, HANG_UP }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    volatile Mode mode;
    /** VERIFY_REQUEST frames received, so tests can check that a request was never sent. */
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    ScriptedServer(Mode mode, int port) {
        this.mode = mode;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(8192, 0, 4, 0, 0)).addLast(new Script());
                    }
                }).bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private final class Script extends ChannelInboundHandlerAdapter {
        private final List<byte[]> held = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            buf.release();
            if (GateFrame.type(b, 0) == GateFrame.TYPE_PING) {
                byte[] pong = new byte[16];
                GateFrame.encodeEmpty(pong, 0, GateFrame.TYPE_PONG, GateFrame.requestId(b, 0));
                ctx.writeAndFlush(Unpooled.wrappedBuffer(pong));
                return;
            }
            requests.incrementAndGet();
            VerifyRequest r = new VerifyRequest();
            r.wrap(b, 0, b.length);
            byte[] out = new byte[256];
            switch (mode) {
                case SILENT:
                    return;
                case HANG_UP:
                    ctx.close();
                    return;
                case PROTOCOL_ERROR: {
                    int n = ProtocolError.encode(out, 0, r.requestId(), GateFrame.ERROR_MALFORMED, "scripted");
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(out, 0, n));
                    return;
                }
                case BUSY: {
                    int n = VerifyResponse.encode(out, 0, r.requestId(), VerifyResponse.BUSY, 0, 3, null, 0, 0);
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(out, 0, n));
                    return;
                }
                default: {
                    int n = VerifyResponse.encode(out, 0, r.requestId(), VerifyResponse.RELEASE, 0, 7, b, r.codeOffset(),
                            Math.min(32, r.codeLength()));
                    byte[] answer = java.util.Arrays.copyOf(out, n);
                    if (mode == Mode.RELEASE) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
                        return;
                    }
                    held.add(answer);
                    if (held.size() == 5) {
                        for (int i = held.size() - 1; i >= 0; i--) {
                            ctx.write(Unpooled.wrappedBuffer(held.get(i)));
                        }
                        ctx.flush();
                        held.clear();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
