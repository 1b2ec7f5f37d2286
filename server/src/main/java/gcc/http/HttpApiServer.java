package gcc.http;

import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.metrics.GateMetrics;
import gcc.transport.ConnectionCap;
import gcc.transport.EventLoops;
import gcc.transport.Tls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API listener: bootstrap and lifecycle. The pipeline is TLS (optional), Netty's HTTP
 * codec, the answer sequencer ({@link ResponseOrder}), the caller and role check on request heads
 * ({@link AccessGate}), a bounded body aggregator, an idle reaper and {@link HttpApiHandler}.
 */
public final class HttpApiServer {
    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);

    private HttpApiServer(ServerContext ctx, EventLoops loops, HttpApiHandler handler, Access access,
                          GateMetrics metrics) {
        SslContext ssl = ctx.optionalPath(Setting.TLS_HTTP_CERT) == null ? null
                : Tls.server(ctx.optionalPath(Setting.TLS_HTTP_CERT), ctx.optionalPath(Setting.TLS_HTTP_KEY),
                ctx.optionalPath(Setting.TLS_HTTP_CLIENT_CA));
        ConnectionCap cap = new ConnectionCap(ctx.httpMaxConnections(), metrics::connectionRefused);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.io())
                .channel(loops.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
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
                        RequestDeadline deadline = new RequestDeadline(ctx.httpReadDeadline());
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS))
                                .addLast("deadline", deadline.bytes())
                                .addLast("http", new HttpServerCodec(8192, 16384, 8192))
                                .addLast("order", new ResponseOrder())
                                .addLast("access", new AccessGate(access))
                                .addLast("aggregate", new HttpObjectAggregator(ctx.httpMaxBodyBytes()))
                                .addLast("complete", deadline.complete())
                                .addLast("api", handler);
                    }
                });
        serverChannel = b.bind(ctx.httpHost(), ctx.httpPort()).syncUninterruptibly().channel();
    }

    /** Binds the HTTP port (per the settings) and starts accepting. */
    public static HttpApiServer start(ServerContext ctx, EventLoops loops, HttpApiHandler handler, Access access,
                                      GateMetrics metrics) {
        return new HttpApiServer(ctx, loops, handler, access, metrics);
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
