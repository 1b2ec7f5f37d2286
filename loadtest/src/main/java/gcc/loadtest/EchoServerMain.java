package gcc.loadtest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringFixedBufferRingAllocator;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.net.InetSocketAddress;

/**
 * The Netty echo baseline as its own process (so its CPU time is its own, like the gate server's
 * and Redis's): length-prefixed frames echoed back on one event loop, flushed once per read burst.
 * It runs on the transport the gate server picks by default, so the two differ by what the gate
 * does, not by how they talk to the kernel: io_uring where the kernel allows it, with the gate's
 * default of 1,024 lent 2 KiB receive buffers, else epoll, else NIO. Prints {@code echo
 * 127.0.0.1:PORT TRANSPORT} when listening; runs until killed. Usage: {@code EchoServerMain} (no
 * arguments; an ephemeral loopback port).
 */
public final class EchoServerMain {
    private static final short RECEIVE_BUFFER_GROUP = 1;

    private EchoServerMain() {
    }

    /** The gate server's io_uring default (gcc.transport.EventLoops, io.receive-buffers 1024): 2 KiB buffers, refilled a quarter at a time. */
    private static IoUringIoHandlerConfig uringWithReceiveBuffers() {
        return new IoUringIoHandlerConfig().setRingSize(4096).setCqSize(4 * 4096)
                .setBufferRingConfig(IoUringBufferRingConfig.builder()
                        .bufferGroupId(RECEIVE_BUFFER_GROUP)
                        .bufferRingSize((short) 1024)
                        .batchSize(256)
                        .allocator(new IoUringFixedBufferRingAllocator(PooledByteBufAllocator.DEFAULT, 2048))
                        .build());
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.out.println("usage: EchoServerMain   (echoes length-prefixed frames on an ephemeral loopback port)");
            return;
        }
        String transport = IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
        boolean ring = transport.equals("io_uring") && IoUring.isRegisterBufferRingSupported();
        IoHandlerFactory factory = switch (transport) {
            case "io_uring" -> IoUringIoHandler.newFactory(ring ? uringWithReceiveBuffers() : new IoUringIoHandlerConfig());
            case "epoll" -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
        Class<? extends ServerChannel> serverChannel = switch (transport) {
            case "io_uring" -> IoUringServerSocketChannel.class;
            case "epoll" -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, factory);
        Echo echo = new Echo();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(serverChannel)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 16, 0, 4, 0, 0)).addLast(echo);
                    }
                });
        if (ring) {
            b.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, RECEIVE_BUFFER_GROUP);
        }
        Channel server = b.bind("127.0.0.1", 0).syncUninterruptibly().channel();
        System.out.println("echo 127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + " " + transport
                + (ring ? "+receive-buffers" : ""));
        System.out.flush();
        server.closeFuture().sync();
    }
}
