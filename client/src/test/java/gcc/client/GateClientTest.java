package gcc.client;

import gcc.decision.Outcome;
import gcc.decision.Reason;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK against scripted peers on loopback: every call ends RELEASE or HOLD, in time. */
class GateClientTest {
    private static final String EXPORTER = "91330200MA2H7K3Q16";

    private static GateRequest req(String code) {
        return GateRequest.of(code, EXPORTER, "T-1");
    }

    private static GateClient client(int... ports) {
        return client(Duration.ofSeconds(3), ports);
    }

    /** A client with a short backoff; the timeout is long except where a test is about timeouts. */
    private static GateClient client(Duration requestTimeout, int... ports) {
        GateClient.Builder b = GateClient.builder().requestTimeout(requestTimeout)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).connectTimeout(Duration.ofMillis(500));
        for (int p : ports) {
            b.server("127.0.0.1", p);
        }
        return b.build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldMatchPipelinedAnswersArrivingInReverseOrder() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.Mode.REVERSE_EVERY_5, 0); GateClient c = client(s.port())) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)));
            List<CompletableFuture<VerifyAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(c.verifyAsync(req("GCC1:CODE-" + i)));
            }
            for (int i = 0; i < 5; i++) {
                VerifyAnswer a = answers.get(i).get(5, TimeUnit.SECONDS);
                assertEquals(Outcome.RELEASE, a.outcome());
                assertEquals("GCC1:CODE-" + i, a.reportId(), "answer matched to its own call");
                assertFalse(a.decidedLocally());
            }
        }
    }

    @Test
    void shouldHoldOnTimeoutBusyAndProtocolError() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.Mode.SILENT, 0);
             GateClient c = client(Duration.ofMillis(300), s.port())) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)));
            long start = System.nanoTime();
            VerifyAnswer a = c.verify(req("GCC1:A"));
            assertTrue(a.has(Reason.TIMEOUT) && a.decidedLocally() && a.outcome() == Outcome.HOLD, a.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));

            s.mode = ScriptedServer.Mode.BUSY;
            VerifyAnswer b = c.verify(req("GCC1:B"));
            assertTrue(b.has(Reason.SERVER_BUSY) && b.serverBusy() && b.outcome() == Outcome.HOLD, b.toString());

            s.mode = ScriptedServer.Mode.PROTOCOL_ERROR;
            VerifyAnswer p = c.verify(req("GCC1:C"));
            assertTrue(p.has(Reason.PROTOCOL_ERROR) && p.outcome() == Outcome.HOLD, p.toString());
        }
    }

    @Test
    void shouldHoldAtOnceWithoutAServerAndFailOverToTheNext() throws Exception {
        int dead = freePort();
        try (GateClient lonely = client(dead)) {
            long start = System.nanoTime();
            VerifyAnswer a = lonely.verify(req("GCC1:A"));
            assertTrue(a.has(Reason.CONNECTION_LOST) && a.decidedLocally(), a.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        }
        try (ScriptedServer live = new ScriptedServer(ScriptedServer.Mode.RELEASE, 0); GateClient c = client(dead, live.port())) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)), "fails over to the second server");
            assertEquals(live.port(), c.currentServer().getPort());
            VerifyAnswer a = c.verify(req("GCC1:A"));
            assertEquals(Outcome.RELEASE, a.outcome(), a.toString());
        }
    }

    @Test
    void shouldReconnectAfterTheServerComesBack() throws Exception {
        int port;
        ScriptedServer s = new ScriptedServer(ScriptedServer.Mode.RELEASE, 0);
        port = s.port();
        try (GateClient c = client(port)) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)));
            s.mode = ScriptedServer.Mode.HANG_UP;
            VerifyAnswer lost = c.verify(req("GCC1:A"));
            assertTrue(lost.has(Reason.CONNECTION_LOST), lost.toString());
            s.close();
            s = new ScriptedServer(ScriptedServer.Mode.RELEASE, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!c.connected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(c.connected(), "reconnected");
            assertEquals(Outcome.RELEASE, c.verify(req("GCC1:B")).outcome());
            assertTrue(c.reconnects() >= 1);
        } finally {
            s.close();
        }
    }

    @Test
    void shouldCompleteEveryCallInFlightWhenClosed() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.Mode.SILENT, 0)) {
            GateClient c = GateClient.builder().server("127.0.0.1", s.port()).requestTimeout(Duration.ofSeconds(30)).build();
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)));
            List<CompletableFuture<VerifyAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(c.verifyAsync(req("GCC1:" + i)));
            }
            c.close();
            for (CompletableFuture<VerifyAnswer> f : answers) {
                VerifyAnswer a = f.get(2, TimeUnit.SECONDS);
                assertTrue(a.has(Reason.CONNECTION_LOST) && a.outcome() == Outcome.HOLD);
            }
            assertTrue(c.verify(req("GCC1:late")).has(Reason.CONNECTION_LOST));
        }
    }

    @Test
    void shouldHoldEveryInvalidRequestLocallyWithItsReasonAndNeverSendIt() throws Exception {
        String longCode = "GCC1:" + "A".repeat(2000);
        Object[][] cases = {
                {new GateRequest(longCode, EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "over 1024"},
                {new GateRequest("GCC1:ABC\u00e9DEF", EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "printable ASCII"},
                {new GateRequest("GCC1:\u4e2d", EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "printable ASCII"},
                {new GateRequest("GCC1:AB\u0000C", EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "printable ASCII"},
                {new GateRequest(null, EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "no code"},
                {new GateRequest("  \r\n", EXPORTER, null, "T-1", 0), Reason.MALFORMED_CODE, "no code"},
                {new GateRequest("GCC1:A", EXPORTER + "0", null, "T-1", 0), Reason.INVALID_REQUEST, "exporter"},
                {new GateRequest("GCC1:A", "123", null, "T-1", 0), Reason.INVALID_REQUEST, "exporter"},
                {new GateRequest("GCC1:A", "91330200MA2H7K3Q17", null, "T-1", 0), Reason.INVALID_REQUEST, "check character"},
                {new GateRequest("GCC1:A", "\uff19" + EXPORTER.substring(1), null, "T-1", 0), Reason.INVALID_REQUEST, "exporter"},
                {new GateRequest("GCC1:A", null, null, "T-1", 0), Reason.INVALID_REQUEST, "exporter"},
                {new GateRequest("GCC1:A", "", null, "T-1", 0), Reason.INVALID_REQUEST, "exporter"},
                {new GateRequest("GCC1:A", EXPORTER, null, null, 0), Reason.INVALID_REQUEST, "gate id"},
                {new GateRequest("GCC1:A", EXPORTER, null, "", 0), Reason.INVALID_REQUEST, "gate id"},
                {new GateRequest("GCC1:A", EXPORTER, null, "G".repeat(33), 0), Reason.INVALID_REQUEST, "gate id"},
                {new GateRequest("GCC1:A", EXPORTER, null, "T\u00e91", 0), Reason.INVALID_REQUEST, "gate id"},
                {new GateRequest("GCC1:A", EXPORTER, "\u4e2d".repeat(30), "T-1", 0), Reason.INVALID_REQUEST, "product"},
                {new GateRequest("GCC1:A", EXPORTER, "6111/\ud800", "T-1", 0), Reason.INVALID_REQUEST, "product"},
                {new GateRequest("GCC1:A", EXPORTER, null, "T-1", -1), Reason.INVALID_REQUEST, "lane"},
                {new GateRequest("GCC1:A", EXPORTER, null, "T-1", 70_000), Reason.INVALID_REQUEST, "lane"},
                {null, Reason.INVALID_REQUEST, "no request"},
        };
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.Mode.RELEASE, 0); GateClient c = client(s.port())) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(5)));
            for (Object[] k : cases) {
                GateRequest r = (GateRequest) k[0];
                VerifyAnswer a = c.verify(r);
                String what = r == null ? "null request" : String.valueOf(r.problem());
                assertEquals(Outcome.HOLD, a.outcome(), what);
                assertTrue(a.has((Reason) k[1]) && a.decidedLocally(), what + " -> " + a);
                assertTrue(a.detail() != null && a.detail().contains((String) k[2]), what + " -> " + a.detail());
                assertEquals(Outcome.HOLD, c.verifyAsync(r).get(1, TimeUnit.SECONDS).outcome(), what);
            }
            assertEquals(0, s.requests.get(), "no invalid request reached the server");
            // the connection is still there for a good one, with a scanner's line end trimmed
            VerifyAnswer good = c.verify(new GateRequest("GCC1:GOOD\r\n", EXPORTER, "6111/SX-200", "T-1", 65_535));
            assertEquals(Outcome.RELEASE, good.outcome(), good.toString());
            assertEquals("GCC1:GOOD", good.reportId());
            assertEquals(1, s.requests.get());
        }
        assertThrows(IllegalArgumentException.class, () -> GateClient.builder().build());
    }
}
