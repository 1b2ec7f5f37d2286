package gcc.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * N pipelined connections to a server that answers in order (Redis, an echo server): each
 * connection keeps a FIFO of the completions of requests in flight, and each decoded reply
 * completes the oldest. Used for the baselines, at the same connection count and rate as the
 * gate server.
 */
final class Pipelined implements AutoCloseable {
    private final List<Channel> channels = new ArrayList<>();

    /** A decoded reply: true if it is the answer the baseline expects. */
    record Reply(boolean ok) {
    }

    Pipelined(EventLoopGroup group, Class<? extends Channel> channelClass, String host, int port, int connections,
              Supplier<ChannelHandler> decoder) {
        Bootstrap b = new Bootstrap().group(group).channel(channelClass).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(decoder.get()).addLast(new Completer());
                    }
                });
        for (int i = 0; i < connections; i++) {
            Channel ch = b.connect(host, port).syncUninterruptibly().channel();
            ch.attr(Completer.PENDING).set(new ArrayDeque<>());
            channels.add(ch);
        }
    }

    /** Sends {@code bytes} on connection {@code index % N}; {@code done} runs when its reply arrives. */
    void send(long index, byte[] bytes, OpenLoop.Completion done) {
        Channel ch = channels.get((int) (index % channels.size()));
        ch.eventLoop().execute(() -> {
            ch.attr(Completer.PENDING).get().add(done);
            ch.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        });
    }

    /** Sends and waits (for loading data). */
    boolean call(byte[] bytes) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
        send(0, bytes, f::complete);
        try {
            return f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static final class Completer extends ChannelInboundHandlerAdapter {
        static final io.netty.util.AttributeKey<ArrayDeque<OpenLoop.Completion>> PENDING =
                io.netty.util.AttributeKey.valueOf("gcc.pending");

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                b.release();
            }
            boolean ok = !(msg instanceof Reply r) || r.ok();
            OpenLoop.Completion c = ctx.channel().attr(PENDING).get().poll();
            if (c != null) {
                c.done(ok);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ArrayDeque<OpenLoop.Completion> q = ctx.channel().attr(PENDING).get();
            OpenLoop.Completion c;
            while ((c = q.poll()) != null) {
                c.done(false);
            }
        }
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().syncUninterruptibly());
    }
}
