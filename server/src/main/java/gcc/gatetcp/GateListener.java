package gcc.gatetcp;

import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.metrics.GateMetrics;
import gcc.transport.ConnectionCap;
import gcc.transport.EventLoops;
import gcc.transport.Tls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gate TCP listener: bootstrap and lifecycle. Pipeline per connection: TLS (optional), idle
 * reaper, frame decoder (caps the frame size before buffering and the time a started frame may
 * take), {@link GateRequestHandler}, which writes the answers of one read burst and flushes them
 * once at its end (one syscall for a burst of pipelined answers). No FlushConsolidationHandler:
 * with the flush already at the end of the burst, it only turned that flush into a task queued on
 * the loop for every burst (4 % of the loop's samples, measured). Connections past {@code gate.max-connections} are closed at accept.
 */
public final class GateListener {
    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup("gate", GlobalEventExecutor.INSTANCE);

    private GateListener(ServerContext ctx, EventLoops loops, GateMetrics metrics, GateRequestHandler handler) {
        SslContext ssl = ctx.optionalPath(Setting.TLS_GATE_CERT) == null ? null
                : Tls.server(ctx.optionalPath(Setting.TLS_GATE_CERT), ctx.optionalPath(Setting.TLS_GATE_KEY), null);
        long idleSeconds = ctx.gateIdleTimeout().getSeconds();
        ConnectionCap cap = new ConnectionCap(ctx.gateMaxConnections(), metrics::connectionRefused);
        ServerBootstrap b = loops.lendReceiveBuffers(new ServerBootstrap())
                .group(loops.boss(), loops.io())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(ctx.gateWriteLowWater(), ctx.gateWriteHighWater()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!cap.admit(ch)) {
                            return;
                        }
                        connections.add(ch);
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS))
                                .addLast("frames", new GateFrameDecoder(ctx.gateMaxFrameBytes(), ctx.gateFrameDeadline(), metrics))
                                .addLast("gate", handler);
                    }
                });
        serverChannel = b.bind(ctx.gateHost(), ctx.gatePort()).syncUninterruptibly().channel();
    }

    /** Binds the gate port (per the settings) and starts accepting. */
    public static GateListener start(ServerContext ctx, EventLoops loops, GateMetrics metrics, GateRequestHandler handler) {
        return new GateListener(ctx, loops, metrics, handler);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    public void closeConnections() {
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
