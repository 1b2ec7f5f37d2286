package gcc.client;

import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.RequestFields;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gate SDK: verify calls to one or several gate servers over the gate TCP protocol
 * ({@code docs/protocol.md}), pipelined on one connection and matched to their answers by request
 * id, so answers may come in any order.
 *
 * <p>Every call ends in RELEASE or HOLD: a BUSY answer, a per-request timeout, a lost or absent
 * connection and a protocol error all complete the call with a local HOLD carrying
 * {@link Reason#SERVER_BUSY}, {@link Reason#TIMEOUT}, {@link Reason#CONNECTION_LOST} or
 * {@link Reason#PROTOCOL_ERROR}. Futures never complete exceptionally and never hang longer than
 * the request timeout. A request whose fields cannot be sent (see {@link GateRequest}) is answered
 * HOLD at once with {@link Reason#MALFORMED_CODE} or {@link Reason#INVALID_REQUEST} and a
 * {@link VerifyAnswer#detail()}, and is never sent. When the connection breaks, the client reconnects with exponential backoff
 * and jitter, moving to the next server in its list (failover); calls made while it has no
 * connection are answered HOLD at once rather than queued.
 *
 * <p>Thread-safe: any number of threads may call {@link #verifyAsync}. Cost per call: one frame
 * encoding (a few hundred bytes allocated) and one write; the answer is decoded on the client's
 * I/O thread.
 */
public final class GateClient implements AutoCloseable {
    private final List<InetSocketAddress> servers;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxInFlight;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Duration pingInterval;
    private final SslContext ssl;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Bootstrap bootstrap;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger serverIndex = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile Connection current;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private long backoffNanos;

    /** One live connection and the calls in flight on it. */
    private final class Connection {
        final Channel channel;
        final InetSocketAddress server;
        final Map<Long, Pending> inFlight = new ConcurrentHashMap<>();

        Connection(Channel channel, InetSocketAddress server) {
            this.channel = channel;
            this.server = server;
        }

        void failAll(Reason reason) {
            for (Long id : new ArrayList<>(inFlight.keySet())) {
                Pending p = inFlight.remove(id);
                if (p != null) {
                    p.complete(VerifyAnswer.local(reason, System.nanoTime() - p.start));
                }
            }
        }
    }

    private static final class Pending {
        final CompletableFuture<VerifyAnswer> future = new CompletableFuture<>();
        final long start = System.nanoTime();
        volatile ScheduledFuture<?> timeout;

        void complete(VerifyAnswer a) {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            future.complete(a);
        }
    }

    private GateClient(Builder b) {
        this.servers = List.copyOf(b.servers);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxInFlight = b.maxInFlight;
        this.backoffInitial = b.backoffInitial;
        this.backoffMax = b.backoffMax;
        this.pingInterval = b.pingInterval;
        this.ssl = b.ssl;
        boolean epoll = Epoll.isAvailable();
        this.ownsGroup = b.group == null;
        this.group = b.group != null ? b.group
                : new MultiThreadIoEventLoopGroup(b.ioThreads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        this.backoffNanos = backoffInitial.toNanos();
        connect();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Waits up to {@code timeout} for the first connection; true if connected. */
    public boolean awaitConnected(Duration timeout) {
        try {
            firstConnect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return current != null;
        } catch (Exception e) {
            return current != null;
        }
    }

    public boolean connected() {
        Connection c = current;
        return c != null && c.channel.isActive();
    }

    /** The server of the live connection, or null. */
    public InetSocketAddress currentServer() {
        Connection c = current;
        return c == null ? null : c.server;
    }

    /** How many times the client reconnected after losing a connection. */
    public int reconnects() {
        return reconnects.get();
    }

    // ------------------------------------------------------------------ connecting

    private void connect() {
        if (closed) {
            return;
        }
        InetSocketAddress server = servers.get(Math.floorMod(serverIndex.get(), servers.size()));
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), server.getHostString(), server.getPort()));
                }
                ch.pipeline().addLast("ping", new IdleStateHandler(0, pingInterval.toMillis(), 0, TimeUnit.MILLISECONDS))
                        .addLast("frames", new LengthFieldBasedFrameDecoder(1 << 16, 0, 4, 0, 0))
                        .addLast("answers", new AnswerHandler());
            }
        }).connect(server).addListener((ChannelFuture f) -> {
            if (f.isSuccess() && !closed) {
                Connection c = new Connection(f.channel(), server);
                f.channel().attr(CONNECTION).set(c);
                current = c;
                synchronized (this) {
                    backoffNanos = backoffInitial.toNanos();
                }
                firstConnect.complete(null);
            } else {
                if (f.isSuccess()) {
                    f.channel().close();
                }
                serverIndex.incrementAndGet(); // fail over to the next server
                scheduleReconnect();
            }
        });
    }

    private static final io.netty.util.AttributeKey<Connection> CONNECTION = io.netty.util.AttributeKey.valueOf("gcc.connection");

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = backoffNanos;
            backoffNanos = Math.min(backoffMax.toNanos(), backoffNanos * 2);
        }
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, delay / 4));
        try {
            group.schedule(this::connect, delay + jitter, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * Verifies one code; the future always completes, with RELEASE or HOLD, within the request
     * timeout. A request that cannot be sent ({@link GateRequest#problem()}, or null) is answered
     * HOLD at once with its reason and detail, and nothing is sent. Never throws.
     */
    public CompletableFuture<VerifyAnswer> verifyAsync(GateRequest request) {
        long start = System.nanoTime();
        if (request == null) {
            return CompletableFuture.completedFuture(VerifyAnswer.local(Reason.INVALID_REQUEST, "no request",
                    System.nanoTime() - start));
        }
        RequestFields.Problem problem = request.problem();
        if (problem != null) {
            return CompletableFuture.completedFuture(VerifyAnswer.local(problem.reason(), problem.detail(),
                    System.nanoTime() - start));
        }
        Connection c = current;
        if (closed || c == null || !c.channel.isActive()) {
            return CompletableFuture.completedFuture(VerifyAnswer.local(Reason.CONNECTION_LOST, System.nanoTime() - start));
        }
        if (c.inFlight.size() >= maxInFlight) {
            return CompletableFuture.completedFuture(VerifyAnswer.local(Reason.SERVER_BUSY, System.nanoTime() - start));
        }
        long id = ids.incrementAndGet();
        byte[] frame = new byte[request.frameBytes()];
        if (request.version() == GateFrame.VERSION_2) {
            VerifyRequest.encodeV2(frame, 0, id, request.lane, request.exporter, request.gateId, request.product, request.code,
                    request.declaration, request.container);
        } else {
            VerifyRequest.encode(frame, 0, id, request.lane, request.exporter, request.gateId, request.product, request.code);
        }
        Pending p = new Pending();
        c.inFlight.put(id, p);
        p.timeout = c.channel.eventLoop().schedule(() -> {
            if (c.inFlight.remove(id) != null) {
                p.future.complete(VerifyAnswer.local(Reason.TIMEOUT, System.nanoTime() - p.start));
            }
        }, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        c.channel.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(f -> {
            if (!f.isSuccess() && c.inFlight.remove(id) != null) {
                p.complete(VerifyAnswer.local(Reason.CONNECTION_LOST, System.nanoTime() - p.start));
            }
        });
        return p.future;
    }

    /** Verifies one code and waits for the answer (at most about the request timeout). */
    public VerifyAnswer verify(GateRequest request) {
        return verifyAsync(request).join();
    }

    /** Reads answers on the client's I/O thread. */
    private final class AnswerHandler extends ChannelInboundHandlerAdapter {
        private final VerifyResponse response = new VerifyResponse();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] b;
            try {
                b = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), b);
            } finally {
                buf.release();
            }
            Connection c = ctx.channel().attr(CONNECTION).get();
            if (c == null) {
                return;
            }
            if (GateFrame.checkHeader(b, 0, b.length) != GateFrame.OK) {
                c.failAll(Reason.PROTOCOL_ERROR);
                ctx.close();
                return;
            }
            switch (GateFrame.type(b, 0)) {
                case GateFrame.TYPE_VERIFY_RESPONSE:
                    answer(c, b, ctx);
                    return;
                case GateFrame.TYPE_PONG:
                    return;
                case GateFrame.TYPE_PROTOCOL_ERROR:
                default:
                    c.failAll(Reason.PROTOCOL_ERROR);
                    ctx.close();
            }
        }

        private void answer(Connection c, byte[] b, ChannelHandlerContext ctx) {
            if (response.wrap(b, 0, b.length) != GateFrame.OK) {
                c.failAll(Reason.PROTOCOL_ERROR);
                ctx.close();
                return;
            }
            Pending p = c.inFlight.remove(response.requestId());
            if (p == null) {
                return; // timed out already, or not ours
            }
            long rtt = System.nanoTime() - p.start;
            String rid = response.reportIdLength() == 0 ? null
                    : new String(b, response.reportIdOffset(), response.reportIdLength(), StandardCharsets.US_ASCII);
            int outcome = response.outcome();
            long reasons = response.reasons();
            if (outcome == VerifyResponse.BUSY) {
                p.complete(new VerifyAnswer(Outcome.HOLD, reasons | Reason.SERVER_BUSY.bit(), rid, response.micros(), rtt, true, true));
            } else if (outcome == VerifyResponse.RELEASE && reasons == 0) {
                p.complete(new VerifyAnswer(Outcome.RELEASE, 0, rid, response.micros(), rtt, false, false));
            } else {
                // HOLD, or a RELEASE that carries reasons: doubt means HOLD.
                p.complete(new VerifyAnswer(Outcome.HOLD, reasons == 0 ? Reason.PROTOCOL_ERROR.bit() : reasons, rid,
                        response.micros(), rtt, response.details()));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                byte[] ping = new byte[GateFrame.BODY_OFFSET];
                GateFrame.encodeEmpty(ping, 0, GateFrame.TYPE_PING, ids.incrementAndGet());
                ctx.writeAndFlush(Unpooled.wrappedBuffer(ping));
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Connection c = ctx.channel().attr(CONNECTION).get();
            if (c != null) {
                c.failAll(Reason.CONNECTION_LOST);
                if (current == c) {
                    current = null;
                    if (!closed) {
                        reconnects.incrementAndGet();
                        serverIndex.incrementAndGet(); // try the next server first
                        scheduleReconnect();
                    }
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Closes the connection; calls in flight complete as HOLD (connection lost). */
    @Override
    public void close() {
        closed = true;
        Connection c = current;
        current = null;
        if (c != null) {
            c.failAll(Reason.CONNECTION_LOST);
            c.channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    /** Settings of a client; every one has a sensible default. */
    public static final class Builder {
        private final List<InetSocketAddress> servers = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofMillis(500);
        private int maxInFlight = 10_000;
        private Duration backoffInitial = Duration.ofMillis(50);
        private Duration backoffMax = Duration.ofSeconds(2);
        private Duration pingInterval = Duration.ofSeconds(15);
        private SslContext ssl;
        private int ioThreads = 1;
        private EventLoopGroup group;

        /** Adds a server as {@code host:port}; the first is tried first, the rest are failovers. */
        public Builder server(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("server must be HOST:PORT: " + hostPort);
            }
            return server(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }

        public Builder server(String host, int port) {
            servers.add(InetSocketAddress.createUnresolved(host, port));
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** How long a call may wait for its answer before it is HOLD (timeout). Default 500 ms. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Calls in flight per connection beyond which new calls are HOLD (server busy) at once. */
        public Builder maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** How long a connection may be quiet before the client sends a PING. Default 15 s. */
        public Builder pingInterval(Duration d) {
            this.pingInterval = d;
            return this;
        }

        /** TLS towards the servers (build with Netty's {@code SslContextBuilder.forClient()}). */
        public Builder tls(SslContext ctx) {
            this.ssl = ctx;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /**
         * Shares an event loop group among many clients (one connection each), e.g. a lane
         * controller for many lanes or a load generator; the client then does not shut it down.
         * It must be an epoll group when epoll is available, else NIO.
         */
        public Builder eventLoopGroup(EventLoopGroup shared) {
            this.group = shared;
            return this;
        }

        public GateClient build() {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("give at least one server");
            }
            List<InetSocketAddress> resolved = new ArrayList<>();
            for (InetSocketAddress a : servers) {
                resolved.add(new InetSocketAddress(a.getHostString(), a.getPort()));
            }
            servers.clear();
            servers.addAll(resolved);
            return new GateClient(this);
        }
    }
}
