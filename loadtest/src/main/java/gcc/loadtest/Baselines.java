package gcc.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two baselines run at the gate server's rate and connection count: a Redis GET of a
 * report-sized value (the do-it-yourself design: look the report up in Redis) from a
 * {@code redis-server} the harness starts on loopback, and a bare Netty echo of a frame the size
 * of a verify request (the floor of this transport on this machine), each in a process of its own
 * so that each one's CPU time per request can be read from /proc.
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

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            stop(process);
        }
    }

    /** Loads {@code keys} report-sized values and returns the GET commands to send, one per key. */
    static byte[][] loadRedis(int port, int keys, int valueBytes) throws IOException {
        String value = "r".repeat(valueBytes);
        byte[][] sets = new byte[keys][];
        byte[][] gets = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            String key = String.format("report:GR26-%08d", i);
            sets[i] = Resp.command("SET", key, value);
            gets[i] = Resp.command("GET", key);
        }
        if (!InOrderTarget.callAll("127.0.0.1", port, sets)) {
            throw new IllegalStateException("redis did not accept every SET");
        }
        return gets;
    }

    /** The echo server ({@link EchoServerMain}) in a JVM of its own, stopped on close. */
    static final class Echo implements AutoCloseable {
        final int port;
        /** The transport it chose, as it printed it (io_uring+receive-buffers, epoll or nio). */
        final String transport;
        private final Process process;

        Echo(List<String> jvmOptions) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServerMain.class.getName()));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("echo 127.0.0.1:")) {
                process.destroyForcibly();
                throw new IllegalStateException("the echo server did not start: " + line);
            }
            String[] portAndTransport = line.substring(line.indexOf(':') + 1).trim().split(" ", 2);
            port = Integer.parseInt(portAndTransport[0]);
            transport = portAndTransport.length > 1 ? portAndTransport[1] : "unknown";
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            stop(process);
        }
    }

    /** Echo replies: length-prefixed frames, in order; every whole frame is a right answer. */
    static final class EchoProtocol implements RawConnections.Protocol {
        @Override
        public int replyLength(java.nio.ByteBuffer in, int pos, int limit) {
            if (limit - pos < 4) {
                return -1;
            }
            int len = in.getInt(pos) + 4;
            return len <= limit - pos ? len : -1;
        }

        @Override
        public long sequence(java.nio.ByteBuffer in, int pos, long nextInOrder) {
            return nextInOrder;
        }

        @Override
        public boolean accept(java.nio.ByteBuffer in, int pos, int length, Object tag) {
            return true;
        }
    }

    static void stop(Process process) {
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
