package gcc.server;

import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every transport the {@code io} setting offers serves the same answers over real sockets: a
 * first-sight code and a memo hit release, a tampered code holds, and HTTP answers beside the
 * gate. {@code auto} picks io_uring where the kernel allows it, as the performance figures assume.
 */
class TransportChoiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void shouldDecideAlikeOnEveryTransport(String io) throws Exception {
        ReportDocument doc = TestWorld.report("NB26-100901");
        try (ServerFixture s = new ServerFixture(dir.resolve(io), Map.of(Setting.IO, io)); GateClient c = s.client()) {
            assertEquals(io, s.node.loops().toString());
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
