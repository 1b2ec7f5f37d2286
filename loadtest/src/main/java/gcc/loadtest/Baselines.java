package gcc.loadtest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two baselines run at the gate server's rate and connection count: a Redis GET of a
 * report-sized value (the do-it-yourself design: look the report up in Redis) from a
 * {@code redis-server} the harness starts on loopback, and a bare Netty echo of a frame the size
 * of a verify request (the floor of this transport on this machine).
 */
final class Baselines {
    private Baselines() {
    }

    /** Where redis-server is, or null. */
    static Path findRedis() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A redis-server on a loopback port, without persistence, stopped on close. */
    static final class Redis implements AutoCloseable {
        final int port;
        private final Process process;

        Redis(Path binary) throws Exception {
            port = freePort();
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not start on port " + port);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Loads {@code keys} report-sized values and returns the GET commands to send, one per key. */
    static byte[][] loadRedis(Pipelined conn, int keys, int valueBytes) throws InterruptedException {
        String value = "r".repeat(valueBytes);
        byte[][] gets = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            String key = String.format("report:GR26-%08d", i);
            if (!conn.call(RespReplyDecoder.command("SET", key, value))) {
                throw new IllegalStateException("redis refused SET " + key);
            }
            gets[i] = RespReplyDecoder.command("GET", key);
        }
        return gets;
    }

    /** An in-process Netty echo server of length-prefixed frames. */
    static final class Echo implements AutoCloseable {
        final int port;
        private final Channel server;
        private final List<Channel> accepted = new ArrayList<>();

        Echo(EventLoopGroup group, Class<? extends ServerChannel> serverClass) {
            server = new ServerBootstrap().group(group).channel(serverClass)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            synchronized (accepted) {
                                accepted.add(ch);
                            }
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 16, 0, 4, 0, 0))
                                    .addLast(new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                            ctx.write(msg);
                                        }

                                        @Override
                                        public void channelReadComplete(ChannelHandlerContext ctx) {
                                            ctx.flush();
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
            port = ((InetSocketAddress) server.localAddress()).getPort();
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            synchronized (accepted) {
                accepted.forEach(Channel::close);
            }
        }
    }

    /** A length-prefixed frame of {@code size} bytes in all. */
    static byte[] echoFrame(int size) {
        byte[] b = new byte[Math.max(8, size)];
        int len = b.length - 4;
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        return b;
    }

}
