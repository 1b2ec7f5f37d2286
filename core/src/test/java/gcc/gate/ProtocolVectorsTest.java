package gcc.gate;

import gcc.decision.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frames of {@code docs/protocol.md}, encoded from fixed inputs and decoded back; the
 * document's hex must equal the encoding, so it cannot drift. Regenerated blocks land in
 * {@code core/target/protocol-vectors.md}.
 */
class ProtocolVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] EXPORTER = "91330200MA2H7K3Q16".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GATE = "NGB-G07".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CODE = "GCC1:NCF%90N10FFW".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PRODUCT = "8715001000/SX-200".getBytes(StandardCharsets.US_ASCII);
    static final byte[] REPORT = "NB26-000123".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DECLARATION = "310420261000123456".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CONTAINER = "CSQU3054383".getBytes(StandardCharsets.US_ASCII);
    static final byte[] REGISTERED = "91330206MA2AXKQ71U".getBytes(StandardCharsets.US_ASCII);
    /** 2026-05-01, the day item 3 expired in the v2 HOLD vector. */
    static final int EXPIRED_DAY = (int) java.time.LocalDate.of(2026, 5, 1).toEpochDay();

    /** The findings behind the v2 HOLD vector: items 9 and 21 failed, item 3 expired, another exporter named. */
    static gcc.decision.Findings holdFindings() {
        gcc.decision.Findings f = new gcc.decision.Findings();
        f.hold(Reason.ITEM_FAILED).failedItems(1 << 8 | 1 << 20);
        f.hold(Reason.ITEM_EXPIRED).expiredItem(3, EXPIRED_DAY);
        f.hold(Reason.EXPORTER_MISMATCH).registeredExporter(REGISTERED);
        return f;
    }

    static Map<String, byte[]> vectors() {
        Map<String, byte[]> v = new LinkedHashMap<>();
        byte[] b = new byte[512];
        v.put("verify-request", slice(b, VerifyRequest.encode(b, 0, 1, 3, EXPORTER, GATE, null, CODE)));
        v.put("verify-request-with-product", slice(b, VerifyRequest.encode(b, 0, 2, 3, EXPORTER, GATE, PRODUCT, CODE)));
        v.put("release", slice(b, VerifyResponse.encode(b, 0, 1, VerifyResponse.RELEASE, 0, 180, REPORT, 0, REPORT.length)));
        v.put("hold", slice(b, VerifyResponse.encode(b, 0, 2, VerifyResponse.HOLD,
                Reason.ITEM_EXPIRED.bit() | Reason.EXPORTER_MISMATCH.bit() | Reason.REPORT_REVOKED.bit(), 95, REPORT, 0, REPORT.length)));
        v.put("busy", slice(b, VerifyResponse.encode(b, 0, 3, VerifyResponse.BUSY, Reason.SERVER_BUSY.bit(), 4, null, 0, 0)));
        v.put("protocol-error", slice(b, ProtocolError.encode(b, 0, 0, GateFrame.ERROR_FRAME_TOO_LARGE, "frame too large: 70000 > 4096")));
        v.put("v2-verify-request", slice(b, VerifyRequest.encodeV2(b, 0, 4, 3, EXPORTER, GATE, PRODUCT, CODE, DECLARATION,
                CONTAINER)));
        v.put("v2-verify-request-container-only", slice(b, VerifyRequest.encodeV2(b, 0, 5, 3, EXPORTER, GATE, null, CODE,
                null, CONTAINER)));
        v.put("v2-release", slice(b, VerifyResponse.encode(b, 0, GateFrame.VERSION_2, 4, VerifyResponse.RELEASE, 0, 180,
                REPORT, 0, REPORT.length, new gcc.decision.Findings().complete())));
        gcc.decision.Findings f = holdFindings();
        v.put("v2-hold", slice(b, VerifyResponse.encode(b, 0, GateFrame.VERSION_2, 5, VerifyResponse.HOLD, f.reasons(), 95,
                REPORT, 0, REPORT.length, f)));
        v.put("ping", slice(b, GateFrame.encodeEmpty(b, 0, GateFrame.TYPE_PING, 7)));
        v.put("pong", slice(b, GateFrame.encodeEmpty(b, 0, GateFrame.TYPE_PONG, 7)));
        return v;
    }

    private static byte[] slice(byte[] b, int len) {
        return java.util.Arrays.copyOf(b, len);
    }

    static String block(String name, byte[] frame) {
        return "<!-- frame:" + name + " -->\n```text\n" + HEX.formatHex(frame) + "\n```";
    }

    static Path repoFile(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found");
        }
        return dir.resolve(relative);
    }

    @Test
    void shouldEncodeExactlyTheDocumentedFrames() throws Exception {
        String doc = Files.readString(repoFile("docs/protocol.md"));
        List<String> blocks = new ArrayList<>();
        vectors().forEach((k, v) -> blocks.add(block(k, v)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/protocol-vectors.md"), String.join("\n\n", blocks) + "\n");
        for (Map.Entry<String, byte[]> e : vectors().entrySet()) {
            Matcher m = Pattern.compile("<!-- frame:" + Pattern.quote(e.getKey()) + " -->\\s*```text\\s*([0-9a-f]+)\\s*```").matcher(doc);
            assertTrue(m.find(), "docs/protocol.md lacks frame " + e.getKey() + " (see core/target/protocol-vectors.md)");
            assertEquals(HEX.formatHex(e.getValue()), m.group(1), e.getKey() + " drifted (see core/target/protocol-vectors.md)");
        }
    }

    @Test
    void shouldDecodeTheDocumentedFrames() {
        Map<String, byte[]> v = vectors();
        byte[] req = v.get("verify-request-with-product");
        assertEquals(GateFrame.OK, GateFrame.checkHeader(req, 0, req.length));
        VerifyRequest r = new VerifyRequest();
        assertEquals(GateFrame.OK, r.wrap(req, 0, req.length));
        assertEquals(2, r.requestId());
        assertEquals(3, r.lane());
        assertEquals("91330200MA2H7K3Q16", new String(req, r.exporterOffset(), 18, StandardCharsets.US_ASCII));
        assertEquals("NGB-G07", new String(req, r.gateIdOffset(), r.gateIdLength(), StandardCharsets.US_ASCII));
        assertEquals("8715001000/SX-200", new String(req, r.productOffset(), r.productLength(), StandardCharsets.US_ASCII));
        assertEquals("GCC1:NCF%90N10FFW", new String(req, r.codeOffset(), r.codeLength(), StandardCharsets.US_ASCII));
        byte[] noProduct = v.get("verify-request");
        assertEquals(GateFrame.OK, r.wrap(noProduct, 0, noProduct.length));
        assertEquals(0, r.productLength());

        byte[] hold = v.get("hold");
        VerifyResponse resp = new VerifyResponse();
        assertEquals(GateFrame.OK, resp.wrap(hold, 0, hold.length));
        assertEquals(VerifyResponse.HOLD, resp.outcome());
        assertTrue(Reason.ITEM_EXPIRED.in(resp.reasons()) && Reason.REPORT_REVOKED.in(resp.reasons()));
        assertEquals(95, resp.micros());
        assertEquals("NB26-000123", new String(hold, resp.reportIdOffset(), resp.reportIdLength(), StandardCharsets.US_ASCII));
        byte[] err = v.get("protocol-error");
        assertEquals(GateFrame.ERROR_FRAME_TOO_LARGE, ProtocolError.code(err, 0));
        assertEquals("frame too large: 70000 > 4096", ProtocolError.message(err, 0, err.length));
        assertEquals(GateFrame.TYPE_PONG, GateFrame.type(v.get("pong"), 0));
    }

    @Test
    void shouldRejectMalformedFrames() {
        byte[] good = vectors().get("verify-request");
        VerifyRequest r = new VerifyRequest();
        byte[] badMagic = good.clone();
        badMagic[4] = 'X';
        assertEquals(GateFrame.ERROR_BAD_MAGIC, GateFrame.checkHeader(badMagic, 0, badMagic.length));
        byte[] badVersion = good.clone();
        badVersion[6] = 9;
        assertEquals(GateFrame.ERROR_UNSUPPORTED_VERSION, GateFrame.checkHeader(badVersion, 0, badVersion.length));
        byte[] badType = good.clone();
        badType[7] = 42;
        assertEquals(GateFrame.ERROR_UNKNOWN_TYPE, GateFrame.checkHeader(badType, 0, badType.length));
        assertEquals(GateFrame.ERROR_MALFORMED, GateFrame.checkHeader(good, 0, good.length - 1), "length field disagrees");
        byte[] overrun = good.clone();
        overrun[VerifyRequest.CODE_LENGTH_OFFSET + 1] += 5;
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(overrun, 0, overrun.length), "code length overruns the frame");
        byte[] noGate = good.clone();
        noGate[VerifyRequest.GATE_LENGTH_OFFSET] = 0;
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(noGate, 0, noGate.length));
        byte[] control = good.clone();
        control[good.length - 1] = 0x07;
        assertEquals(GateFrame.OK, r.wrap(control, 0, control.length), "a non-printable code text is the verifier's HOLD");
        byte[] gateControl = good.clone();
        gateControl[VerifyRequest.VARIABLE_OFFSET] = (byte) 0xc3;
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(gateControl, 0, gateControl.length), "non-printable gate id");
        assertEquals(GateFrame.ERROR_MALFORMED, r.wrap(good, 0, 20), "truncated");
        byte[] resp = vectors().get("release");
        byte[] badOutcome = resp.clone();
        badOutcome[VerifyResponse.OUTCOME_OFFSET] = 9;
        assertEquals(GateFrame.ERROR_MALFORMED, new VerifyResponse().wrap(badOutcome, 0, badOutcome.length));
    }

    @Test
    void shouldNeverThrowOnRandomFrames() {
        Random rnd = new Random(5);
        VerifyRequest r = new VerifyRequest();
        VerifyResponse s = new VerifyResponse();
        byte[] good = vectors().get("verify-request-with-product");
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
            } else {
                b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length + 1));
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            int h = GateFrame.checkHeader(b, 0, b.length);
            if (h == GateFrame.OK) {
                int type = GateFrame.type(b, 0);
                if (type == GateFrame.TYPE_VERIFY_REQUEST && r.wrap(b, 0, b.length) == GateFrame.OK) {
                    assertTrue(r.codeOffset() + r.codeLength() <= b.length);
                } else if (type == GateFrame.TYPE_VERIFY_RESPONSE) {
                    s.wrap(b, 0, b.length);
                } else if (type == GateFrame.TYPE_PROTOCOL_ERROR) {
                    ProtocolError.message(b, 0, b.length);
                }
            } else {
                assertNotEquals(GateFrame.OK, h);
            }
        }
    }
}
