package gcc.loadtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator makes no object per request: the sending thread (the open loop and
 * {@link RawConnections#send}) and the reader thread (reply framing, matching, the latency
 * recorder) allocate next to nothing over tens of thousands of requests against a real echo
 * server over loopback sockets. Counted with ThreadMXBean's per-thread allocated bytes, not timed.
 */
class AllocationFreeLoadTest {
    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void echo() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    Thread t = new Thread(() -> echoFrames(s), "test-echo");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // test over
            }
        }, "test-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void echoFrames(Socket s) {
        byte[] buf = new byte[1 << 16];
        try (s) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                int len = in.readInt();
                buf[0] = (byte) (len >>> 24);
                buf[1] = (byte) (len >>> 16);
                buf[2] = (byte) (len >>> 8);
                buf[3] = (byte) len;
                in.readFully(buf, 4, len);
                out.write(buf, 0, len + 4);
            }
        } catch (IOException closed) {
            // connection over
        }
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void shouldSendAndReceiveWithoutAllocatingPerRequest() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = Baselines.echoFrame(120);
        try (InOrderTarget target = new InOrderTarget("127.0.0.1", server.getLocalPort(), 4, new Baselines.EchoProtocol(),
                new byte[][]{frame}, "test")) {
            long reader = target.connections().readerThreadId();
            // warm up: JIT, buffers, the recorder's first interval
            OpenLoop warm = new OpenLoop();
            warm.run(target, 20_000, 0, 1_000_000_000L, 2_000_000_000L);

            OpenLoop loop = new OpenLoop();
            long me = Thread.currentThread().getId();
            long sender0 = threads.getThreadAllocatedBytes(me);
            long reader0 = threads.getThreadAllocatedBytes(reader);
            long sent = loop.run(target, 20_000, 0, 2_000_000_000L, 2_000_000_000L);
            long senderBytes = threads.getThreadAllocatedBytes(me) - sender0;
            long readerBytes = threads.getThreadAllocatedBytes(reader) - reader0;

            assertEquals(sent, loop.completed(), "every request answered");
            assertEquals(0, loop.errors());
            assertTrue(sent >= 30_000, "sent " + sent);
            // a few fixed objects (a selector wake-up, a recompilation) are allowed: under 0.25 B per request;
            // one object per request would be 16 B or more
            assertTrue(senderBytes < sent / 4, "sender allocated " + senderBytes + " B over " + sent + " requests");
            assertTrue(readerBytes < sent / 4, "reader allocated " + readerBytes + " B over " + sent + " requests");
        }
    }
}
