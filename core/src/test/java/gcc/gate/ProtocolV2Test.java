package gcc.gate;

import gcc.decision.Language;
import gcc.decision.Reason;
import gcc.report.ContainerNumber;
import gcc.report.DeclarationNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Version 2 of the gate protocol: the declaration link in the request and the reason details in the answer. */
class ProtocolV2Test {

    @Test
    void shouldReadTheDeclarationLinkOfAV2Request() {
        byte[] req = ProtocolVectorsTest.vectors().get("v2-verify-request");
        assertEquals(GateFrame.OK, GateFrame.checkHeader(req, 0, req.length));
        VerifyRequest r = new VerifyRequest();
        assertEquals(GateFrame.OK, r.wrap(req, 0, req.length));
        assertEquals(2, r.version());
        assertEquals(4, r.requestId());
        assertEquals("NGB-G07", text(req, r.gateIdOffset(), r.gateIdLength()));
        assertEquals("8715001000/SX-200", text(req, r.productOffset(), r.productLength()));
        assertEquals("GCC1:NCF%90N10FFW", text(req, r.codeOffset(), r.codeLength()));
        assertEquals("310420261000123456", text(req, r.declarationOffset(), r.declarationLength()));
        assertEquals("CSQU3054383", text(req, r.containerOffset(), r.containerLength()));

        byte[] only = ProtocolVectorsTest.vectors().get("v2-verify-request-container-only");
        assertEquals(GateFrame.OK, r.wrap(only, 0, only.length));
        assertEquals(0, r.declarationLength());
        assertEquals("CSQU3054383", text(only, r.containerOffset(), r.containerLength()));

        byte[] v1 = ProtocolVectorsTest.vectors().get("verify-request");
        assertEquals(GateFrame.OK, r.wrap(v1, 0, v1.length));
        assertEquals(1, r.version());
        assertEquals(0, r.declarationLength());
        assertEquals(0, r.containerLength());
    }

    @Test
    void shouldRefuseADeclarationOrContainerOfAnotherLengthAsMalformed() {
        byte[] req = ProtocolVectorsTest.vectors().get("v2-verify-request");
        VerifyRequest r = new VerifyRequest();
        byte[] declLen = req.clone();
        declLen[VerifyRequest.DECLARATION_LENGTH_OFFSET] = 17;
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(declLen, 0, declLen.length));
        byte[] contLen = req.clone();
        contLen[VerifyRequest.CONTAINER_LENGTH_OFFSET] = 10;
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(contLen, 0, contLen.length));
        byte[] v3 = req.clone();
        v3[GateFrame.VERSION_OFFSET] = 3;
        assertEquals(GateFrame.ERROR_UNSUPPORTED_VERSION, GateFrame.checkHeader(v3, 0, v3.length));
        byte[] badDigits = req.clone();
        r.wrap(badDigits, 0, badDigits.length);
        badDigits[r.declarationOffset() + 3] = 'X';
        assertEquals(GateFrame.OK, r.wrap(badDigits, 0, badDigits.length), "content is the server's HOLD, not a frame error");
    }

    @Test
    void shouldCarryAndRenderReasonDetailsInBothLanguages() {
        byte[] hold = ProtocolVectorsTest.vectors().get("v2-hold");
        VerifyResponse resp = new VerifyResponse();
        assertEquals(GateFrame.OK, resp.wrap(hold, 0, hold.length));
        assertEquals(2, resp.version());
        assertEquals("NB26-000123", text(hold, resp.reportIdOffset(), resp.reportIdLength()));
        List<ReasonDetail> d = resp.details();
        assertEquals(3, d.size());
        assertEquals(new ReasonDetail(Reason.ITEM_FAILED.code(), 1 << 8 | 1 << 20, 0, ""), d.get(0));
        assertEquals(new ReasonDetail(Reason.ITEM_EXPIRED.code(), 1 << 2, ProtocolVectorsTest.EXPIRED_DAY, ""), d.get(1));
        assertEquals(new ReasonDetail(Reason.EXPORTER_MISMATCH.code(), 0, 0, "91330206MA2AXKQ71U"), d.get(2));
        assertEquals(LocalDate.of(2026, 5, 1), d.get(1).since());
        assertTrue(d.get(0).text(Language.EN).endsWith("failed items 9, 21"), d.get(0).text(Language.EN));
        assertTrue(d.get(0).text(Language.ZH).endsWith("不合格项目：9、21"), d.get(0).text(Language.ZH));
        assertTrue(d.get(1).text(Language.EN).endsWith("expired items 3, since 2026-05-01"), d.get(1).text(Language.EN));
        assertTrue(d.get(1).text(Language.ZH).contains("自 2026-05-01 起失效"), d.get(1).text(Language.ZH));
        assertTrue(d.get(2).text(Language.ZH).contains("91330206MA2AXKQ71U"));

        byte[] release = ProtocolVectorsTest.vectors().get("v2-release");
        assertEquals(GateFrame.OK, resp.wrap(release, 0, release.length));
        assertEquals(0, resp.detailLength());
        byte[] v1hold = ProtocolVectorsTest.vectors().get("hold");
        assertEquals(GateFrame.OK, resp.wrap(v1hold, 0, v1hold.length));
        assertTrue(resp.details().isEmpty(), "a v1 answer has no details");
    }

    @Test
    void shouldRefuseDetailsThatOverrunTheFrame() {
        byte[] hold = ProtocolVectorsTest.vectors().get("v2-hold");
        VerifyResponse resp = new VerifyResponse();
        resp.wrap(hold, 0, hold.length);
        byte[] overrun = hold.clone();
        overrun[resp.detailOffset() + ReasonDetails.REF_LENGTH_OFFSET] = 40; // first entry's ref past the block
        assertEquals(GateFrame.ERROR_MALFORMED, resp.wrap(overrun, 0, overrun.length));
        byte[] count = hold.clone();
        count[VerifyResponse.DETAIL_LENGTH_OFFSET + 1]++;
        assertEquals(GateFrame.ERROR_MALFORMED, resp.wrap(count, 0, count.length), "detail length disagrees with the frame");
    }

    @Test
    void shouldBoundTheDetailBlock() {
        gcc.decision.Findings f = new gcc.decision.Findings();
        byte[] long40 = "X".repeat(40).getBytes(StandardCharsets.US_ASCII);
        f.hold(Reason.INCOMPLETE_SCOPE).incompleteItems(-1).hold(Reason.ITEM_FAILED).failedItems(-1)
                .hold(Reason.ITEM_EXPIRED).expiredItem(32, 20_000).hold(Reason.REPORT_SUPERSEDED).supersededBy(long40, 40)
                .hold(Reason.EXPORTER_MISMATCH).registeredExporter(ProtocolVectorsTest.REGISTERED)
                .hold(Reason.NOT_APPLICABLE_REFUSED).notApplicableRefused(7, long40, 0, 16)
                .hold(Reason.PROFILE_NOT_IN_FORCE).missingProfile(long40, 0, 24);
        byte[] b = new byte[VerifyResponse.MAX_FRAME];
        int n = VerifyResponse.encode(b, 0, GateFrame.VERSION_2, 1, VerifyResponse.HOLD, f.reasons(), 1, long40, 0, 40, f);
        assertTrue(n <= VerifyResponse.MAX_FRAME);
        VerifyResponse resp = new VerifyResponse();
        assertEquals(GateFrame.OK, resp.wrap(b, 0, n));
        assertEquals(7, resp.details().size());
        assertEquals(32, resp.reportIdLength());
    }

    @Test
    void shouldCheckContainerAndDeclarationNumbers() {
        assertTrue(ContainerNumber.isValid("CSQU3054383"));
        assertTrue(ContainerNumber.isValid("MSKU9070323"));
        assertFalse(ContainerNumber.isValid("CSQU3054384"), "wrong check digit");
        assertFalse(ContainerNumber.isValid("CSQX3054383"), "category must be U, J or Z");
        assertFalse(ContainerNumber.isValid("CSQU305438"), "too short");
        assertFalse(ContainerNumber.isValid("csqu3054383"), "lower case");
        assertFalse(ContainerNumber.isValid(null));
        assertTrue(DeclarationNumber.isValid("310420261000123456"));
        assertFalse(DeclarationNumber.isValid("31042026100012345"));
        assertFalse(DeclarationNumber.isValid("31042026100012345X"));
        assertFalse(DeclarationNumber.isValid("３10420261000123456"));
        assertNull(RequestFields.check("GCC1:A", "91330200MA2H7K3Q16", null, "G", 0, "310420261000123456", "CSQU3054383"));
        assertEquals(RequestFields.CONTAINER_PROBLEM,
                RequestFields.check("GCC1:A", "91330200MA2H7K3Q16", null, "G", 0, null, "CSQU3054384").detail());
        assertEquals(RequestFields.DECLARATION_PROBLEM,
                RequestFields.check("GCC1:A", "91330200MA2H7K3Q16", null, "G", 0, "1234", null).detail());
    }

    @Test
    void shouldReadAV2RequestAndWriteAV2AnswerWithDetailsWithoutAllocating() {
        byte[] req = ProtocolVectorsTest.vectors().get("v2-verify-request");
        gcc.decision.Findings f = ProtocolVectorsTest.holdFindings();
        f.hold(Reason.REPORT_REVOKED).reportRecall(gcc.registry.RecallScopes.parse("LAB:L1234", true, 1, "withdrawn"));
        VerifyRequest r = new VerifyRequest();
        byte[] out = new byte[VerifyResponse.MAX_FRAME];
        byte[] rid = ProtocolVectorsTest.REPORT;
        Runnable step = () -> {
            r.wrap(req, 0, req.length);
            boolean ok = DeclarationNumber.isValid(req, r.declarationOffset(), r.declarationLength())
                    && ContainerNumber.isValid(req, r.containerOffset(), r.containerLength());
            VerifyResponse.encode(out, 0, r.version(), r.requestId(), ok ? VerifyResponse.HOLD : VerifyResponse.BUSY,
                    f.reasons(), 10, rid, 0, rid.length, f);
        };
        for (int i = 0; i < 20_000; i++) {
            step.run();
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            step.run();
        }
        long perOp = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        assertTrue(perOp <= 8, "v2 request read and detailed answer written allocated " + perOp + " bytes per request");
        VerifyResponse resp = new VerifyResponse();
        int len = VerifyResponse.encode(out, 0, 2, 1, VerifyResponse.HOLD, f.reasons(), 10, rid, 0, rid.length, f);
        assertEquals(GateFrame.OK, resp.wrap(out, 0, len));
        assertTrue(resp.details().contains(new ReasonDetail(Reason.REPORT_REVOKED.code(), 0, 0, "LAB:L1234")),
                resp.details().toString());
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
