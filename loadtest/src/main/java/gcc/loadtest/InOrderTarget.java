package gcc.loadtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A baseline target: prebuilt requests sent round-robin over N connections to a server that
 * answers each connection in order (Redis, the echo server), through {@link RawConnections}, so
 * the baselines pay exactly what the gate run pays on the harness's side.
 */
final class InOrderTarget implements OpenLoop.Target, AutoCloseable {
    /** Replaced only between runs (reopen); the sender thread that uses it is started after. */
    private RawConnections conns;
    private final byte[][] requests;
    private OpenLoop current;

    InOrderTarget(String host, int port, int connections, RawConnections.Protocol protocol, byte[][] requests, String name)
            throws IOException {
        this.conns = new RawConnections(host, port, connections, protocol, name);
        this.requests = requests;
    }

    @Override
    public void reopen() throws IOException {
        conns = conns.reopened();
        current = null;
    }

    @Override
    public boolean send(long index, long intendedNanos, OpenLoop loop) {
        if (loop != current) {
            current = loop;
            conns.sink(loop);
        }
        return conns.send(index, intendedNanos, null, requests[(int) (index % requests.length)], -1);
    }

    RawConnections connections() {
        return conns;
    }

    @Override
    public void idle() {
        conns.flushPending();
    }

    /** Sends each command once, pipelined, and waits for every answer; true if all were right. */
    static boolean callAll(String host, int port, byte[][] commands) throws IOException {
        AtomicLong ok = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        try (RawConnections c = new RawConnections(host, port, 1, new Resp(), "load")) {
            c.sink((intended, right) -> {
                answered.incrementAndGet();
                if (right) {
                    ok.incrementAndGet();
                }
            });
            long sent = 0;
            for (byte[] command : commands) {
                while (!c.send(0, 0, null, command, -1)) {
                    c.flushPending();
                    LockSupport.parkNanos(100_000);
                }
                sent++;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < sent && System.nanoTime() < deadline) {
                c.flushPending();
                LockSupport.parkNanos(1_000_000);
            }
            return ok.get() == commands.length;
        }
    }

    @Override
    public void close() {
        conns.close();
    }
}
