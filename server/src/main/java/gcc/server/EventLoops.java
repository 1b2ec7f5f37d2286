package gcc.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The transport choice: epoll when the platform has it (fewer copies and syscalls), NIO
 * otherwise, or as configured.
 */
public final class EventLoops {
    private final boolean epoll;

    public EventLoops(String io) {
        switch (io) {
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalArgumentException("io=epoll but epoll is not available here: " + Epoll.unavailabilityCause());
                }
                epoll = true;
                break;
            case "nio":
                epoll = false;
                break;
            default:
                epoll = Epoll.isAvailable();
        }
    }

    public boolean epoll() {
        return epoll;
    }

    private IoHandlerFactory factory() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public MultiThreadIoEventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, factory());
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
