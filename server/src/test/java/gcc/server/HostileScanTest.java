package gcc.server;

import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan in the wrong code page (bytes above 0x7E in the code text) or a declaration typed in
 * full-width characters is one request's HOLD over a real socket: the other requests pipelined on
 * the same connection are decided, and the connection stays open.
 */
class HostileScanTest {
    @TempDir
    Path dir;

    private static byte[] request(long id, byte[] exporter, byte[] code) {
        byte[] b = new byte[2048];
        int n = VerifyRequest.encode(b, 0, id, 1, exporter, "NGB-G09".getBytes(StandardCharsets.US_ASCII), null, code);
        return Arrays.copyOf(b, n);
    }


    @Test
    void shouldHoldANonAsciiScanAndKeepTheConnectionForTheOtherRequests() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            ReportDocument doc = TestWorld.report("NB26-100090");
            s.register(doc);
            byte[] code = s.world.issue(doc, s.world.labA).getBytes(StandardCharsets.US_ASCII);
            byte[] exporter = EXPORTER.getBytes(StandardCharsets.US_ASCII);
            byte[] latin1Scan = code.clone();
            latin1Scan[10] = (byte) 0xe9; // 'é' from a scanner in a Latin-1 keyboard mode
            byte[] utf8Scan = Arrays.copyOf(code, code.length + 2);
            utf8Scan[code.length] = (byte) 0xe4; // half of a UTF-8 sequence
            utf8Scan[code.length + 1] = (byte) 0xb8;
            byte[] fullWidthExporter = Arrays.copyOf(exporter, 18);
            fullWidthExporter[0] = (byte) 0xef; // a full-width digit's first UTF-8 byte
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            batch.write(request(1, exporter, code));
            batch.write(request(2, exporter, latin1Scan));
            batch.write(request(3, exporter, code));
            batch.write(request(4, exporter, utf8Scan));
            batch.write(request(5, fullWidthExporter, code));
            batch.write(request(6, exporter, code));
            try (Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
                sock.setSoTimeout(10_000);
                sock.getOutputStream().write(batch.toByteArray());
                sock.getOutputStream().flush();
                DataInputStream in = new DataInputStream(sock.getInputStream());
                Map<Long, Integer> outcomes = new HashMap<>();
                Map<Long, Long> reasons = new HashMap<>();
                VerifyResponse r = new VerifyResponse();
                for (int i = 0; i < 6; i++) {
                    byte[] f = RawGate.readFrame(in);
                    assertEquals(GateFrame.TYPE_VERIFY_RESPONSE, GateFrame.type(f, 0), "an answer, not a protocol error");
                    assertEquals(GateFrame.OK, r.wrap(f, 0, f.length));
                    outcomes.put(r.requestId(), r.outcome());
                    reasons.put(r.requestId(), r.reasons());
                }
                for (long ok : new long[]{1, 3, 6}) {
                    assertEquals(VerifyResponse.RELEASE, outcomes.get(ok), "request " + ok + " is decided on its own merits");
                }
                assertEquals(VerifyResponse.HOLD, outcomes.get(2L));
                assertTrue(Reason.MALFORMED_CODE.in(reasons.get(2L)));
                assertEquals(VerifyResponse.HOLD, outcomes.get(4L));
                assertTrue(Reason.MALFORMED_CODE.in(reasons.get(4L)));
                assertEquals(VerifyResponse.HOLD, outcomes.get(5L));
                assertTrue(Reason.INVALID_REQUEST.in(reasons.get(5L)));

                // the connection is still open: a PING gets its PONG
                byte[] ping = new byte[GateFrame.BODY_OFFSET];
                GateFrame.encodeEmpty(ping, 0, GateFrame.TYPE_PING, 77);
                sock.getOutputStream().write(ping);
                byte[] pong = RawGate.readFrame(in);
                assertEquals(GateFrame.TYPE_PONG, GateFrame.type(pong, 0));
                assertEquals(77, GateFrame.requestId(pong, 0));
            }
            assertEquals(0, s.node.metrics().protocolErrors());
        }
    }
}
