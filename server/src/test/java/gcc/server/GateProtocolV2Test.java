package gcc.server;

import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.decision.Language;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ReasonDetail;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol version 2 through a real server: the declaration link reaches the audit, details reach the gate, v1 stays v1. */
class GateProtocolV2Test {
    static final String DECLARATION = "310420261000123456";
    static final String CONTAINER = "CSQU3054383";

    @TempDir
    Path dir;

    @Test
    void shouldAuditTheDeclarationLinkAndExplainTheHoldPerReason() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument failed = gcc.testkit.Reports.report("NB26-V20001", TestWorld.STANDARD, EXPORTER, 21, 9,
                    LocalDate.of(2026, 5, 2));
            s.register(failed);
            String code = s.world.issue(failed, s.world.labA);
            GateRequest linked = new GateRequest(code, EXPORTER, null, "NGB-G09", 4, DECLARATION, CONTAINER);
            assertEquals(2, linked.version());
            VerifyAnswer a = c.verify(linked);
            assertEquals(Outcome.HOLD, a.outcome());
            ReasonDetail d = a.reasonDetails().stream().filter(x -> x.reason() == Reason.ITEM_FAILED).findFirst().orElseThrow();
            assertEquals(1 << 8, d.items(), "item 9 failed");
            assertTrue(a.details(Language.ZH).contains("有检测项目不合格：不合格项目：9"), a.details(Language.ZH).toString());
            assertTrue(a.details(Language.EN).contains("item failed: failed items 9"), a.details(Language.EN).toString());

            ReportDocument good = TestWorld.report("NB26-V20002");
            s.register(good);
            String goodCode = s.world.issue(good, s.world.labA);
            assertEquals(Outcome.RELEASE, c.verify(new GateRequest(goodCode, EXPORTER, null, "NGB-G09", 4, null, CONTAINER))
                    .outcome(), "a container alone is enough for version 2");
            assertEquals(Outcome.RELEASE, s.verify(c, goodCode, EXPORTER).outcome(), "a v1 request on the same server");

            assertEquals(200, s.post("/v1/admin/recalls/lab/L1234/revoke", "{\"reason\":\"accreditation withdrawn\"}", s.token)
                    .statusCode());
            VerifyAnswer recalled = c.verify(new GateRequest(goodCode, EXPORTER, null, "NGB-G09", 4, DECLARATION, null));
            ReasonDetail r = recalled.reasonDetails().stream().filter(x -> x.reason() == Reason.REPORT_REVOKED).findFirst()
                    .orElseThrow(() -> new AssertionError(recalled.toString()));
            assertEquals("LAB:L1234", r.ref());
            assertTrue(r.text(Language.ZH).contains("检测机构 L1234 的全部报告被撤销"), r.text(Language.ZH));

            List<AuditRecord> byDeclaration = new ArrayList<>();
            AuditQuery.scan(s.data.resolve("audit"), new AuditQuery.Filter(null, null, null, null, null, null, DECLARATION, null),
                    100, byDeclaration::add);
            assertEquals(2, byDeclaration.size(), byDeclaration.toString());
            assertEquals("NB26-V20001", byDeclaration.get(0).reportId());
            assertEquals(CONTAINER, byDeclaration.get(0).container());
            assertEquals("NGB-G09", byDeclaration.get(0).gate());
            List<AuditRecord> byContainer = new ArrayList<>();
            AuditQuery.scan(s.data.resolve("audit"), new AuditQuery.Filter(null, null, null, 1, null, null, null, CONTAINER),
                    100, byContainer::add);
            assertEquals(1, byContainer.size(), "the container-only release");
            assertEquals("", byContainer.get(0).declaration());
        }
    }

    @Test
    void shouldAnswerEachVersionInItsOwnAndHoldAMistypedNumberWithoutClosing() throws Exception {
        try (ServerFixture s = new ServerFixture(dir);
             Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
            ReportDocument good = TestWorld.report("NB26-V20003");
            s.register(good);
            byte[] code = s.world.issue(good, s.world.labA).getBytes(StandardCharsets.US_ASCII);
            byte[] exporter = EXPORTER.getBytes(StandardCharsets.US_ASCII);
            byte[] gate = "NGB-G10".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = sock.getOutputStream();
            DataInputStream in = new DataInputStream(sock.getInputStream());
            byte[] b = new byte[VerifyRequest.MAX_FRAME];
            VerifyResponse resp = new VerifyResponse();

            out.write(b, 0, VerifyRequest.encode(b, 0, 1, 1, exporter, gate, null, code));
            byte[] v1 = RawGate.readFrame(in);
            assertEquals(GateFrame.OK, resp.wrap(v1, 0, v1.length));
            assertEquals(1, resp.version(), "a v1 gate is answered in v1");
            assertEquals(VerifyResponse.RELEASE, resp.outcome());
            assertEquals(0, v1[VerifyResponse.RESERVED_OFFSET] | v1[VerifyResponse.RESERVED_OFFSET + 1]);

            out.write(b, 0, VerifyRequest.encodeV2(b, 0, 2, 1, exporter, gate, null, code,
                    DECLARATION.getBytes(StandardCharsets.US_ASCII), "CSQU3054384".getBytes(StandardCharsets.US_ASCII)));
            byte[] bad = RawGate.readFrame(in);
            assertEquals(GateFrame.OK, resp.wrap(bad, 0, bad.length));
            assertEquals(2, resp.version());
            assertEquals(VerifyResponse.HOLD, resp.outcome(), "a wrong check digit never releases");
            assertTrue(Reason.INVALID_REQUEST.in(resp.reasons()));

            out.write(b, 0, VerifyRequest.encodeV2(b, 0, 3, 1, exporter, gate, null, code,
                    DECLARATION.getBytes(StandardCharsets.US_ASCII), CONTAINER.getBytes(StandardCharsets.US_ASCII)));
            byte[] ok = RawGate.readFrame(in);
            assertEquals(GateFrame.OK, resp.wrap(ok, 0, ok.length));
            assertEquals(3, resp.requestId());
            assertEquals(VerifyResponse.RELEASE, resp.outcome(), "the connection survived the mistyped container");

            out.write(b, 0, GateFrame.encodeEmpty(b, 0, GateFrame.VERSION_2, GateFrame.TYPE_PING, 4));
            byte[] pong = RawGate.readFrame(in);
            assertEquals(2, GateFrame.version(pong, 0));
            assertEquals(GateFrame.TYPE_PONG, GateFrame.type(pong, 0));

            int n = VerifyRequest.encodeV2(b, 0, 5, 1, exporter, gate, null, code, null, null);
            b[VerifyRequest.CONTAINER_LENGTH_OFFSET] = 5; // a length no container number has
            b[3] += 5;
            out.write(b, 0, n + 5);
            byte[] err = RawGate.readFrame(in);
            assertEquals(GateFrame.TYPE_PROTOCOL_ERROR, GateFrame.type(err, 0));
            assertEquals(GateFrame.ERROR_MALFORMED, gcc.gate.ProtocolError.code(err, 0));
        }
    }

    @Test
    void shouldHoldAMistypedNumberInTheSdkWithoutSendingIt() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            VerifyAnswer a = c.verify(new GateRequest("GCC1:X", EXPORTER, null, "NGB-G11", 0, "31042026", null));
            assertTrue(a.decidedLocally() && a.has(Reason.INVALID_REQUEST), a.toString());
            assertTrue(a.detail().contains("18 digits"), a.detail());
            VerifyAnswer b = c.verify(new GateRequest("GCC1:X", EXPORTER, null, "NGB-G11", 0, null, "CSQU3054384"));
            assertTrue(b.decidedLocally() && b.has(Reason.INVALID_REQUEST), b.toString());
        }
    }
}
