package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.decision.Language;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ShipmentRefs;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.report.ReportDocument;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The declaration link through a real server: a version 2 gate request carries the declaration and
 * container numbers, the answer a detail per reason, the audit both numbers, and {@code GET
 * /v1/admin/audit} (customs) finds the decision by them; version 1 frames are answered as before.
 */
class DeclarationLinkServerTest {
    private static final String DECLARATION = "310420261000123456";
    private static final String CONTAINER = "CSQU3054383";
    private static final byte[] ASCII_EXPORTER = EXPORTER.getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldCarryTheShipmentToTheAuditAndFindItThere() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument good = TestWorld.report("NB26-DL0001");
            ReportDocument failing = Reports.report("NB26-DL0002", TestWorld.STANDARD, EXPORTER, 21, 9, LocalDate.of(2026, 5, 2));
            s.register(good);
            s.register(failing);
            String goodCode = s.world.issue(good, s.world.labA);
            String failingCode = s.world.issue(failing, s.world.labA);

            GateRequest scan = new GateRequest(goodCode, EXPORTER, null, "NGB-G07", 2, DECLARATION, CONTAINER);
            assertTrue(scan.version2());
            VerifyAnswer released = c.verify(scan);
            assertEquals(Outcome.RELEASE, released.outcome(), released.toString());
            assertEquals(List.of(), released.details());

            VerifyAnswer held = c.verify(new GateRequest(failingCode, EXPORTER, null, "NGB-G07", 2, DECLARATION, null));
            assertEquals(Outcome.HOLD, held.outcome());
            VerifyAnswer.Detail failed = held.details().stream().filter(d -> d.reason() == Reason.ITEM_FAILED).findFirst()
                    .orElseThrow(() -> new AssertionError("no ITEM_FAILED detail: " + held.details()));
            assertEquals(1L << 8, failed.a(), "item 9 failed");
            assertTrue(held.explanations(Language.ZH).stream().anyMatch(l -> l.contains("项目 9")), held.explanations(Language.ZH).toString());
            assertTrue(held.explanations(Language.EN).stream().anyMatch(l -> l.contains("items 9")), held.explanations(Language.EN).toString());

            VerifyAnswer typo = c.verify(new GateRequest(goodCode, EXPORTER, null, "NGB-G07", 2, null, "CSQU3054384"));
            assertTrue(typo.decidedLocally() && typo.has(Reason.INVALID_REQUEST), "the SDK holds a bad container: " + typo);

            String token = s.token;
            JsonNode found = audit(s, "/v1/admin/audit?declaration=" + DECLARATION + "&container=" + CONTAINER, token, 200);
            assertEquals(1, found.get("count").asInt(), found.toString());
            JsonNode r = found.get("records").get(0);
            assertEquals("RELEASE", r.get("outcome").asText());
            assertEquals("NB26-DL0001", r.get("report").asText());
            assertEquals("NGB-G07", r.get("gate").asText());
            assertEquals(CONTAINER, r.get("container").asText());
            assertEquals(2, audit(s, "/v1/admin/audit?declaration=" + DECLARATION + "&gate=NGB-G07", token, 200).get("count").asInt());
            JsonNode page = audit(s, "/v1/admin/audit?declaration=" + DECLARATION + "&limit=1", token, 200);
            assertTrue(page.get("truncated").asBoolean(), page.toString());
            assertEquals(0, audit(s, "/v1/admin/audit?declaration=" + DECLARATION + "&to=2020-01-01T00:00:00Z", token, 200)
                    .get("count").asInt());
            assertEquals(1, audit(s, "/v1/admin/audit?report=NB26-DL0002&exporter=" + EXPORTER, token, 200).get("count").asInt());
            audit(s, "/v1/admin/audit?declaration=" + DECLARATION, null, 401);
            audit(s, "/v1/admin/audit?limit=0", token, 400);
            audit(s, "/v1/admin/audit?limit=1001", token, 400);
            audit(s, "/v1/admin/audit?from=yesterday", token, 400);
            audit(s, "/v1/admin/audit?bill=1", token, 400);
        }
    }

    @Test
    void shouldHoldABadReferenceAndAnswerVersion1InKind() throws Exception {
        try (ServerFixture s = new ServerFixture(dir);
             Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
            ReportDocument good = TestWorld.report("NB26-DL0003");
            s.register(good);
            byte[] code = s.world.issue(good, s.world.labA).getBytes(StandardCharsets.US_ASCII);
            byte[] gate = "NGB-G07".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = sock.getOutputStream();
            DataInputStream in = new DataInputStream(sock.getInputStream());
            byte[] frame = new byte[VerifyRequest.MAX_FRAME];

            int n = VerifyRequest.encode(frame, 0, 11, 1, ASCII_EXPORTER, gate, null, code, null,
                    "CSQU3054384".getBytes(StandardCharsets.US_ASCII));
            out.write(frame, 0, n);
            byte[] answer = read(in);
            VerifyResponse resp = new VerifyResponse();
            assertEquals(GateFrame.OK, resp.wrap(answer, 0, answer.length));
            assertEquals(GateFrame.VERSION_2, GateFrame.version(answer, 0));
            assertEquals(VerifyResponse.HOLD, resp.outcome());
            assertTrue(Reason.INVALID_REQUEST.in(resp.reasons()));
            assertEquals(1, resp.detailCount());
            assertEquals(ShipmentRefs.FIELD_CONTAINER, resp.detailA(0));
            assertEquals(ShipmentRefs.BAD_CHECK_DIGIT, resp.detailB(0));

            n = VerifyRequest.encode(frame, 0, 12, 1, ASCII_EXPORTER, gate, null, code, "12345".getBytes(StandardCharsets.US_ASCII), null);
            out.write(frame, 0, n);
            answer = read(in);
            assertEquals(GateFrame.OK, resp.wrap(answer, 0, answer.length), "the connection stays after a bad reference");
            assertEquals(ShipmentRefs.FIELD_DECLARATION, resp.detailA(0));
            assertEquals(ShipmentRefs.BAD_SHAPE, resp.detailB(0));

            n = VerifyRequest.encode(frame, 0, 13, 1, ASCII_EXPORTER, gate, null, code);
            out.write(frame, 0, n);
            answer = read(in);
            assertEquals(GateFrame.VERSION, GateFrame.version(answer, 0), "a v1 request gets a v1 answer");
            assertEquals(GateFrame.OK, resp.wrap(answer, 0, answer.length));
            assertEquals(VerifyResponse.RELEASE, resp.outcome());
            assertEquals(0, answer[VerifyResponse.RESERVED_OFFSET], "v1 reserved bytes stay 0");
            assertFalse(answer.length > VerifyResponse.REPORT_ID_OFFSET + resp.reportIdLength(), "no details in v1");
        }
    }

    private static byte[] read(DataInputStream in) throws Exception {
        int len = in.readInt();
        byte[] b = new byte[4 + len];
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        in.readFully(b, 4, len);
        return b;
    }

    private static JsonNode audit(ServerFixture s, String path, String token, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        JsonNode n = new ObjectMapper().readTree(r.body());
        if (status != 200) {
            assertTrue(n.has("error"), r.body());
        }
        return n;
    }
}
