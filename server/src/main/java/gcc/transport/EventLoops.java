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

import java.util.concurrent.TimeUnit;

/**
 * The event loops both listeners share: one acceptor thread and {@code threads} I/O threads, on
 * epoll when the platform has it (fewer copies and syscalls), NIO otherwise, or as configured.
 *
 * <p>Thread-safe; {@link #shutdown} once, after every listener stopped.
 */
public final class EventLoops {
    private final boolean epoll;
    private final MultiThreadIoEventLoopGroup boss;
    private final MultiThreadIoEventLoopGroup io;

    /** @param transport {@code epoll}, {@code nio} or {@code auto} */
    public EventLoops(String transport, int threads) {
        this.epoll = chooseEpoll(transport);
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, factory);
        this.io = new MultiThreadIoEventLoopGroup(threads, factory);
    }

    private static boolean chooseEpoll(String transport) {
        return switch (transport) {
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalArgumentException("io=epoll but epoll is not available here: " + Epoll.unavailabilityCause());
                }
                yield true;
            }
            case "nio" -> false;
            default -> Epoll.isAvailable();
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
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Stops the I/O threads, then the acceptor. */
    public void shutdown() {
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
