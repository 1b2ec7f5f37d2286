package gcc.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N client connections for the load generator that make no object per request: requests are
 * copied from prebuilt frames into one preallocated direct buffer per connection and written by the
 * sending thread itself; one reader thread selects over every connection, reads into another
 * preallocated buffer, cuts replies with the {@link Protocol} and finds each reply's request in a
 * ring of (intended send time, tag) slots indexed by a per-connection sequence number. The
 * sequence number is the gate protocol's request id, or the position in a server's in-order
 * reply stream (Redis, echo).
 *
 * <p>One sending thread at a time; completions are reported to the {@link Sink} on the reader thread.
 */
final class RawConnections implements AutoCloseable {
    /** Slots per connection: requests one connection may have unanswered before a send counts as failed. */
    static final int RING = 1 << 13;
    private static final int BUFFER = 1 << 16;

    /** How replies are framed and matched. Called on the reader thread only. */
    interface Protocol {
        /** Length of the whole reply starting at {@code pos}, or -1 when it is not all there yet. */
        int replyLength(ByteBuffer in, int pos, int limit);

        /** The sequence number the reply at {@code pos} answers; {@code nextInOrder} for in-order protocols. */
        long sequence(ByteBuffer in, int pos, long nextInOrder);

        /** Whether the reply at {@code pos} is the right answer to the request sent with {@code tag}. */
        boolean accept(ByteBuffer in, int pos, int length, Object tag);
    }

    /** Where completions go. */
    interface Sink {
        void done(long intendedNanos, boolean ok);
    }

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
        final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
        final long[] intended = new long[RING];
        final long[] slotSeq = new long[RING];
        final Object[] tags = new Object[RING];
        long nextSeq = 1;               // sender thread
        volatile long published;        // last sequence whose slot is filled: read by the reader before the slot
        long nextInOrder = 1;           // reader thread
        volatile long answered;         // replies taken, for the ring-full check
        boolean pendingOut;             // sender thread: bytes left in out after a short write

        Conn(SocketChannel channel) {
            this.channel = channel;
            java.util.Arrays.fill(slotSeq, -1);
        }
    }

    private final Conn[] conns;
    private final Protocol protocol;
    private final String host;
    private final int port;
    private final String name;
    private final Selector selector;
    private final Thread reader;
    private final AtomicLong unmatched = new AtomicLong();
    private volatile Sink sink;
    private volatile boolean running = true;

    RawConnections(String host, int port, int connections, Protocol protocol, String name) throws IOException {
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.name = name;
        this.conns = new Conn[connections];
        this.selector = Selector.open();
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                conns[i] = new Conn(ch);
                ch.register(selector, SelectionKey.OP_READ, conns[i]);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        reader = new Thread(this::readLoop, "gcc-load-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader thread's id (for allocation accounting in tests). */
    long readerThreadId() {
        return reader.getId();
    }

    int size() {
        return conns.length;
    }

    /**
     * As many fresh connections to the same server, for the same protocol, then these closed: a
     * server may rightly have closed connections left silent between runs (the gate after
     * gate.idle-timeout-seconds). If opening fails these stay as they were.
     */
    RawConnections reopened() throws IOException {
        RawConnections fresh = new RawConnections(host, port, conns.length, protocol, name);
        close();
        return fresh;
    }

    void sink(Sink s) {
        this.sink = s;
    }

    /** Replies that matched no request in flight (a protocol fault): each is also counted as an error by the caller's check. */
    long unmatched() {
        return unmatched.get();
    }

    /**
     * Sends {@code frame} on connection {@code index % N}; if {@code idOffset >= 0} the request's
     * sequence number is written there as a big-endian u64 (the gate request id). Returns false
     * (nothing sent) when the connection's ring or buffer is full.
     */
    boolean send(long index, long intendedNanos, Object tag, byte[] frame, int idOffset) {
        Conn c = conns[(int) (index % conns.length)];
        long seq = c.nextSeq;
        if (seq - c.answered > RING || c.out.remaining() < frame.length) {
            if (c.pendingOut) {
                flush(c);
            }
            if (seq - c.answered > RING || c.out.remaining() < frame.length) {
                return false;
            }
        }
        c.nextSeq = seq + 1;
        int slot = (int) (seq & (RING - 1));
        c.intended[slot] = intendedNanos;
        c.tags[slot] = tag;
        c.slotSeq[slot] = seq;
        c.published = seq;
        int at = c.out.position();
        c.out.put(frame);
        if (idOffset >= 0) {
            c.out.putLong(at + idOffset, seq);
        }
        flush(c);
        return true;
    }

    /** Writes what short writes left behind (the sender calls it while it waits). */
    void flushPending() {
        for (Conn c : conns) {
            if (c.pendingOut) {
                flush(c);
            }
        }
    }

    private void flush(Conn c) {
        c.out.flip();
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            c.out.clear(); // connection gone: its requests are never answered and count as lost
            c.pendingOut = false;
            return;
        }
        c.pendingOut = c.out.hasRemaining();
        c.out.compact();
    }

    private void readLoop() {
        // one handler object for the whole loop: a method reference in the loop would be a new object per select
        java.util.function.Consumer<SelectionKey> onReadable = this::onReadable;
        try {
            while (running) {
                selector.select(onReadable, 100);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed
        }
    }

    private void onReadable(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        ByteBuffer in = c.in;
        int n;
        try {
            n = c.channel.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            return;
        }
        in.flip();
        int pos = in.position();
        int limit = in.limit();
        long seen = c.published;
        int len;
        while (pos < limit && (len = protocol.replyLength(in, pos, limit)) > 0) {
            long seq = protocol.sequence(in, pos, c.nextInOrder++);
            int slot = (int) (seq & (RING - 1));
            Sink s = sink;
            if (seq > seen || seq < 1 || c.slotSeq[slot] != seq) {
                unmatched.incrementAndGet();
            } else {
                c.slotSeq[slot] = -1;
                Object tag = c.tags[slot];
                c.tags[slot] = null;
                boolean ok = protocol.accept(in, pos, len, tag);
                c.answered = c.answered + 1;
                if (s != null) {
                    s.done(c.intended[slot], ok);
                }
            }
            pos += len;
        }
        in.position(pos);
        in.compact();
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Conn c : conns) {
            if (c != null) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        try {
            if (reader != null) {
                reader.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
