package gcc.loadtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request never answered is a failed request, never one that did not happen: counted as lost
 * (and as an error, at the histogram's 60 s ceiling). And a run after a server closed its silent
 * connections (the gate does after gate.idle-timeout-seconds, which interleaved slices can exceed)
 * starts on fresh ones.
 */
class LostAnswersTest {
    /** Echoes bytes back on every connection until {@link #closeAll} drops them, like an idle reaper. */
    private static final class EchoSockets implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        EchoSockets() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.add(s);
                        Thread echo = new Thread(() -> echo(s), "test-echo");
                        echo.setDaemon(true);
                        echo.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "test-accept");
            t.setDaemon(true);
            t.start();
        }

        private static void echo(Socket s) {
            byte[] b = new byte[4096];
            try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(b)) > 0) {
                    out.write(b, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }

        void closeAll() throws IOException {
            for (Socket s : accepted) {
                s.close();
            }
            accepted.clear();
        }

        @Override
        public void close() throws IOException {
            server.close();
            closeAll();
        }
    }

    private EchoSockets echo;

    @AfterEach
    void stop() throws IOException {
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void shouldCountRequestsNeverAnsweredAsLostErrorsAtTheCeiling() {
        OpenLoop loop = new OpenLoop();
        // every odd request is swallowed: no answer, no failure to send
        OpenLoop.Target halfAnswered = (index, intended, l) -> {
            if (index % 2 == 0) {
                l.done(intended, true);
            }
            return true;
        };
        long sent = loop.run(halfAnswered, 2_000, TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(500),
                TimeUnit.MILLISECONDS.toNanos(100));
        long measured = loop.completed();
        assertTrue(loop.lost() > 400 && loop.lost() < 600, "half of about 1,000 measured requests: " + loop.lost() + " of " + sent);
        assertEquals(loop.lost(), loop.errors(), "each lost answer is an error");
        var h = loop.recorder().getIntervalHistogram();
        assertEquals(measured, h.getTotalCount(), "every measured request has a latency");
        assertTrue(h.getValueAtPercentile(99) >= 59_000_000, "lost answers sit at the 60 s ceiling: p99 " + h.getValueAtPercentile(99));
    }

    @Test
    void shouldCountAnAnswerLaterThanTheDrainOnlyAsLost() {
        OpenLoop loop = new OpenLoop();
        java.util.Queue<Long> swallowed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        OpenLoop.Target late = (index, intended, l) -> {
            if (index % 2 == 0) {
                l.done(intended, true);
            } else {
                swallowed.add(intended);
            }
            return true;
        };
        loop.run(late, 2_000, TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(50));
        long lost = loop.lost();
        long completed = loop.completed();
        long errors = loop.errors();
        assertTrue(lost > 400, "lost: " + lost);
        // the stragglers arrive after the run closed its books
        for (Long intended : swallowed) {
            loop.done(intended, true);
        }
        assertEquals(lost, loop.lost());
        assertEquals(completed, loop.completed(), "a late answer does not count again");
        assertEquals(errors, loop.errors());
        assertEquals(completed, loop.recorder().getIntervalHistogram().getTotalCount(), "one latency per request");
    }

    @Test
    void shouldStartEachRunOnFreshConnectionsAfterTheServerClosedTheOldOnes() throws Exception {
        echo = new EchoSockets();
        byte[][] frame = {Baselines.echoFrame(64)};
        try (InOrderTarget target = new InOrderTarget("127.0.0.1", echo.server.getLocalPort(), 4, new Baselines.EchoProtocol(),
                frame, "echo");
             LateWakeups late = new LateWakeups()) {
            Runner.Server none = new Runner.Server(-1, null);
            RunResult first = Runner.run("first", target, 500, 0.2, 0.5, null, null, none, new HarnessGc(), late);
            assertEquals(0, first.lost());
            // a wake-up a millisecond over the half-second window, however slow the machine: the window's own
            assertTrue(first.lateWakeups().getTotalCount() > 20, "sleeper wake-ups in the window: " + first.lateWakeups().getTotalCount());
            assertTrue(first.completed() > 200, "answered: " + first.completed());

            echo.closeAll(); // the server reaps the connections the target holds
            TimeUnit.MILLISECONDS.sleep(200);
            // sent straight into the closed connections: nothing comes back, and that is counted
            OpenLoop stale = new OpenLoop();
            stale.run(target, 500, 0, TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(300));
            assertTrue(stale.lost() > 100, "requests into closed connections are lost: " + stale.lost());
            assertEquals(stale.lost(), stale.errors());

            RunResult again = Runner.run("again", target, 500, 0.2, 0.5, null, null, none, new HarnessGc(), late);
            assertEquals(0, again.lost(), "the run reconnected first");
            assertEquals(0, again.errors());
            assertTrue(again.completed() > 200, "answered: " + again.completed());
        }
    }
}
