package gcc.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringFixedBufferRingAllocator;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.util.concurrent.TimeUnit;

/**
 * The event loops both listeners share: one acceptor thread and {@code threads} I/O threads, on
 * io_uring when the kernel allows it, else epoll, else NIO, or as configured. io_uring hands the
 * kernel every read and write of a loop turn in one system call instead of one each: measured on
 * this project's 2-core VM at 20,000 decisions a second, about 2 us less CPU per decision than
 * epoll (docs/performance.md). Containers often forbid io_uring (seccomp); {@code auto} then
 * falls back to epoll.
 *
 * <p>On io_uring each loop also lends the kernel a ring of receive buffers
 * ({@code io.receive-buffers}, {@value #RECEIVE_BUFFER_BYTES} bytes each) for the connections that
 * ask for them ({@link #lendReceiveBuffers}): such a connection keeps one multishot receive armed,
 * the kernel filling a lent buffer whenever data arrives, instead of the loop submitting a new
 * receive after every read. Measured side by side, five fresh servers each way at 20,000 gate
 * decisions a second: 26.45 against 28.54 us of server CPU per decision (medians;
 * docs/performance.md). When every lent buffer is held (many connections each holding half a
 * frame) Netty reads with plain receives until buffers come back.
 *
 * <p>Thread-safe; {@link #shutdown} once, after every listener stopped.
 */
public final class EventLoops {
    private static final int URING_RING = 4096;
    /** Room for about six gate requests (a request is about 350 bytes): a read rarely needs two buffers. */
    static final int RECEIVE_BUFFER_BYTES = 2048;
    private static final short RECEIVE_BUFFER_GROUP = 1;
    /** The largest ring: a power of two that a short (Netty's ring size) holds. */
    public static final int MAX_RECEIVE_BUFFERS = 16_384;
    private final String kind;
    private final boolean receiveRing;
    private final MultiThreadIoEventLoopGroup boss;
    private final MultiThreadIoEventLoopGroup io;

    /**
     * @param transport      {@code io_uring}, {@code epoll}, {@code nio} or {@code auto}
     * @param receiveBuffers receive buffers each io_uring I/O loop lends the kernel: 0, or a power
     *                       of two from 2 (Netty refills the ring in even batches) to
     *                       {@value #MAX_RECEIVE_BUFFERS} (the ring's size is a Java short);
     *                       ignored on the other transports
     */
    public EventLoops(String transport, int threads, int receiveBuffers) {
        if (!validReceiveBuffers(receiveBuffers)) {
            throw new IllegalArgumentException("receive buffers must be 0 or a power of two from 2 to " + MAX_RECEIVE_BUFFERS
                    + ", not " + receiveBuffers);
        }
        this.kind = choose(transport);
        this.receiveRing = kind.equals("io_uring") && receiveBuffers > 0 && IoUring.isRegisterBufferRingSupported();
        // the acceptor reads no data, so only the I/O loops get the ring
        this.boss = new MultiThreadIoEventLoopGroup(1, factory(kind, 0));
        this.io = new MultiThreadIoEventLoopGroup(threads, factory(kind, receiveRing ? receiveBuffers : 0));
    }

    /** Whether {@code n} is a receive-buffer count {@link #EventLoops} takes (0, or a power of two from 2 to the maximum). */
    public static boolean validReceiveBuffers(int n) {
        return n == 0 || n >= 2 && n <= MAX_RECEIVE_BUFFERS && Integer.bitCount(n) == 1;
    }

    private static IoHandlerFactory factory(String kind, int receiveBuffers) {
        return switch (kind) {
            // a completion queue four times the submission ring: 200 gate connections' reads and
            // writes completing in one burst overflowed Netty's default (twice the ring)
            case "io_uring" -> IoUringIoHandler.newFactory(uringConfig(receiveBuffers));
            case "epoll" -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    private static IoUringIoHandlerConfig uringConfig(int receiveBuffers) {
        IoUringIoHandlerConfig c = new IoUringIoHandlerConfig().setRingSize(URING_RING).setCqSize(4 * URING_RING);
        if (receiveBuffers > 0) {
            c.setBufferRingConfig(IoUringBufferRingConfig.builder()
                    .bufferGroupId(RECEIVE_BUFFER_GROUP)
                    .bufferRingSize((short) receiveBuffers)
                    .batchSize(Math.max(2, receiveBuffers / 4)) // refilled a quarter at a time as the ring drains (Netty wants an even batch)
                    .allocator(new IoUringFixedBufferRingAllocator(PooledByteBufAllocator.DEFAULT, RECEIVE_BUFFER_BYTES))
                    .build());
        }
        return c;
    }

    /**
     * Makes the connections {@code b} accepts read into this loops' lent receive buffers, if they
     * have any (io_uring with {@code io.receive-buffers} above 0); otherwise leaves {@code b} as it is.
     */
    public ServerBootstrap lendReceiveBuffers(ServerBootstrap b) {
        return receiveRing ? b.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, RECEIVE_BUFFER_GROUP) : b;
    }

    /** Whether gate connections read into lent receive buffers. */
    public boolean lendsReceiveBuffers() {
        return receiveRing;
    }

    private static String choose(String transport) {
        return switch (transport) {
            case "io_uring" -> {
                if (!IoUring.isAvailable()) {
                    throw new IllegalArgumentException("io=io_uring but io_uring is not available here: " + IoUring.unavailabilityCause());
                }
                yield "io_uring";
            }
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalArgumentException("io=epoll but epoll is not available here: " + Epoll.unavailabilityCause());
                }
                yield "epoll";
            }
            case "nio" -> "nio";
            default -> IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
        };
    }

    /** Accepts connections. */
    public EventLoopGroup boss() {
        return boss;
    }

    /** Reads, decides on memo hits, writes. */
    public EventLoopGroup io() {
        return io;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return switch (kind) {
            case "io_uring" -> IoUringServerSocketChannel.class;
            case "epoll" -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /** Stops the I/O threads, then the acceptor. */
    public void shutdown() {
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return kind;
    }
}
