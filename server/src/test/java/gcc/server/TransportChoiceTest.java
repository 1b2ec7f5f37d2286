package gcc.server;

import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.gate.GateFrame;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every transport the {@code io} setting offers serves the same answers over real sockets: a
 * first-sight code and a memo hit release, a tampered code holds, and HTTP answers beside the
 * gate. {@code auto} picks io_uring where the kernel allows it, as the performance figures assume.
 */
class TransportChoiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"io_uring,1024", "io_uring,0", "epoll,1024", "nio,1024"})
    void shouldDecideAlikeOnEveryTransport(String io, String receiveBuffers) throws Exception {
        ReportDocument doc = TestWorld.report("NB26-100901");
        try (ServerFixture s = new ServerFixture(dir.resolve(io + receiveBuffers),
                Map.of(Setting.IO, io, Setting.IO_RECEIVE_BUFFERS, receiveBuffers)); GateClient c = s.client()) {
            assertEquals(io, s.node.loops().toString());
            assertEquals(io.equals("io_uring") && !receiveBuffers.equals("0"), s.node.loops().lendsReceiveBuffers());
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            for (int i = 0; i < 3; i++) { // first sight, then memo hits
                VerifyAnswer a = s.verify(c, code, EXPORTER);
                assertEquals(Outcome.RELEASE, a.outcome(), a.toString());
            }
            String tampered = code.substring(0, code.length() - 6) + (code.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
            assertEquals(Outcome.HOLD, s.verify(c, tampered, EXPORTER).outcome());
            assertEquals(200, s.get("/health").statusCode());
        }
    }

    /**
     * More connections than lent buffers, each holding half a request (so the frame decoder keeps
     * the buffer it was read into), then the other halves: when the ring runs dry reads go on as
     * plain receives, and every request is answered as it would be without the ring.
     */
    @Test
    void shouldAnswerEveryConnectionWhenTheReceiveBuffersRunOut() throws Exception {
        assumeTrue(IoUring.isAvailable() && IoUring.isRegisterBufferRingSupported(), "io_uring with buffer rings");
        ReportDocument doc = TestWorld.report("NB26-100902");
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.IO, "io_uring", Setting.IO_RECEIVE_BUFFERS, "4"))) {
            assertTrue(s.node.loops().lendsReceiveBuffers());
            s.register(doc);
            byte[] code = s.world.issue(doc, s.world.labA).getBytes(StandardCharsets.US_ASCII);
            String tampered = new String(code, StandardCharsets.US_ASCII);
            tampered = tampered.substring(0, tampered.length() - 6) + (tampered.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
            int connections = 24;
            List<Socket> open = new ArrayList<>();
            try {
                byte[][] frames = new byte[connections][];
                for (int i = 0; i < connections; i++) {
                    byte[] b = new byte[2048];
                    byte[] c = i % 3 == 2 ? tampered.getBytes(StandardCharsets.US_ASCII) : code;
                    int len = VerifyRequest.encode(b, 0, i + 1, 1, EXPORTER.getBytes(StandardCharsets.US_ASCII),
                            "NGB-G09".getBytes(StandardCharsets.US_ASCII), null, c);
                    frames[i] = Arrays.copyOf(b, len);
                    Socket k = new Socket("127.0.0.1", s.node.gatePort());
                    k.setSoTimeout(60_000);
                    k.setTcpNoDelay(true);
                    open.add(k);
                    k.getOutputStream().write(frames[i], 0, len / 2);
                    k.getOutputStream().flush();
                }
                Thread.sleep(300); // let the server read every first half (and run out of buffers)
                for (int i = 0; i < connections; i++) {
                    open.get(i).getOutputStream().write(frames[i], frames[i].length / 2, frames[i].length - frames[i].length / 2);
                }
                VerifyResponse r = new VerifyResponse();
                for (int i = 0; i < connections; i++) {
                    byte[] f = RawGate.readFrame(new DataInputStream(open.get(i).getInputStream()));
                    assertEquals(GateFrame.OK, r.wrap(f, 0, f.length), "connection " + i);
                    assertEquals(i + 1, r.requestId(), "connection " + i);
                    assertEquals(i % 3 == 2 ? VerifyResponse.HOLD : VerifyResponse.RELEASE, r.outcome(), "connection " + i);
                }
                assertTrue(s.node.metrics().receiveBuffersExhaustedCount() > 0, "the ring ran out (else this test shows nothing)");
                assertTrue(s.get("/metrics").body().contains("gcc_receive_buffers_exhausted_total"));
            } finally {
                for (Socket k : open) {
                    k.close();
                }
            }
        }
    }

    @Test
    void shouldRefuseReceiveBuffersThatAreNotAPowerOfTwo() {
        for (String bad : new String[] {"1", "3", "1000", "32768", "-1"}) {
            ServerContext ctx = new ServerContext().set(Setting.IO_RECEIVE_BUFFERS, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ctx::conclude, bad);
            assertTrue(e.getMessage().contains("io.receive-buffers"), e.getMessage());
        }
        new ServerContext().set(Setting.IO_RECEIVE_BUFFERS, "0").conclude();
        new ServerContext().set(Setting.IO_RECEIVE_BUFFERS, "2").conclude();
        new ServerContext().set(Setting.IO_RECEIVE_BUFFERS, "16384").conclude();
    }

    @Test
    void autoShouldPreferIoUringThenEpoll() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.IO, "auto"))) {
            String expected = IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
            assertEquals(expected, s.node.loops().toString());
        }
    }

    @Test
    void shouldRefuseAnUnknownTransportNamingTheChoices() {
        ServerContext ctx = new ServerContext().set(Setting.IO, "kqueue");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ctx::conclude);
        for (String choice : new String[] {"kqueue", "auto", "epoll", "io_uring", "nio"}) {
            assertTrue(e.getMessage().contains(choice), () -> "the message should name '" + choice + "': " + e.getMessage());
        }
    }
}
