package gcc.transport;

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
 * <p>Thread-safe; {@link #shutdown} once, after every listener stopped.
 */
public final class EventLoops {
    private static final int URING_RING = 4096;
    private final String kind;
    private final MultiThreadIoEventLoopGroup boss;
    private final MultiThreadIoEventLoopGroup io;

    /** @param transport {@code io_uring}, {@code epoll}, {@code nio} or {@code auto} */
    public EventLoops(String transport, int threads) {
        this.kind = choose(transport);
        IoHandlerFactory factory = switch (kind) {
            // a completion queue four times the submission ring: 200 gate connections' reads and
            // writes completing in one burst overflowed Netty's default (twice the ring)
            case "io_uring" -> IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setRingSize(URING_RING).setCqSize(4 * URING_RING));
            case "epoll" -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
        this.boss = new MultiThreadIoEventLoopGroup(1, factory);
        this.io = new MultiThreadIoEventLoopGroup(threads, factory);
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
