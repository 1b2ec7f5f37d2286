package gcc.gate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.testkit.Mutations;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the gate frame flyweights as a receiver uses them: header check, then the body of its
 * type. Invariants: no exception (they return error codes); a frame they accept has every field
 * inside the frame and re-encodes to exactly the received bytes.
 */
class GateFrameFuzzTest {
    private final VerifyRequest request = new VerifyRequest();
    private final VerifyResponse response = new VerifyResponse();

    @FuzzTest(maxDuration = "10m")
    void frames(byte[] input) {
        int len = input.length;
        byte[] b = Arrays.copyOf(input, Math.max(len, GateFrame.BODY_OFFSET)); // receivers hold a whole frame
        if (GateFrame.checkHeader(b, 0, len) != GateFrame.OK) {
            return;
        }
        long id = GateFrame.requestId(b, 0);
        switch (GateFrame.type(b, 0)) {
            case GateFrame.TYPE_VERIFY_REQUEST -> {
                if (request.wrap(b, 0, len) == GateFrame.OK) {
                    assertTrue(request.containerOffset() + request.containerLength() == len);
                    byte[] product = request.productLength() == 0 ? null
                            : Arrays.copyOfRange(b, request.productOffset(), request.productOffset() + request.productLength());
                    byte[] out = new byte[VerifyRequest.MAX_FRAME];
                    byte[] exporter = Arrays.copyOfRange(b, request.exporterOffset(), request.exporterOffset() + 18);
                    byte[] gate = Arrays.copyOfRange(b, request.gateIdOffset(), request.gateIdOffset() + request.gateIdLength());
                    byte[] code = Arrays.copyOfRange(b, request.codeOffset(), request.codeOffset() + request.codeLength());
                    int n = request.version() == GateFrame.VERSION
                            ? VerifyRequest.encode(out, 0, id, request.lane(), exporter, gate, product, code)
                            : VerifyRequest.encodeV2(out, 0, id, request.lane(), exporter, gate, product, code,
                            request.declarationLength() == 0 ? null : Arrays.copyOfRange(b, request.declarationOffset(),
                                    request.declarationOffset() + request.declarationLength()),
                            request.containerLength() == 0 ? null : Arrays.copyOfRange(b, request.containerOffset(),
                                    request.containerOffset() + request.containerLength()));
                    assertArrayEquals(input, Arrays.copyOf(out, n));
                }
            }
            case GateFrame.TYPE_VERIFY_RESPONSE -> {
                if (response.wrap(b, 0, len) == GateFrame.OK && response.version() == GateFrame.VERSION_2) {
                    assertTrue(response.details().size() <= ReasonDetails.MAX_ENTRIES);
                } else if (response.wrap(b, 0, len) == GateFrame.OK) {
                    byte[] out = new byte[VerifyResponse.MAX_FRAME];
                    int n = VerifyResponse.encode(out, 0, id, response.outcome(), response.reasons(), response.micros(),
                            b, response.reportIdOffset(), response.reportIdLength());
                    if (b[VerifyResponse.RESERVED_OFFSET] == 0 && b[VerifyResponse.RESERVED_OFFSET + 1] == 0) {
                        assertArrayEquals(input, Arrays.copyOf(out, n));
                    }
                }
            }
            case GateFrame.TYPE_PROTOCOL_ERROR -> {
                String m = ProtocolError.message(b, 0, len);
                if (m != null) {
                    assertEquals(len, ProtocolError.MESSAGE_OFFSET + m.length());
                }
            }
            default -> assertEquals(GateFrame.BODY_OFFSET <= len, true);
        }
    }

    @Test
    void shouldSurviveABoundedPassOfMutants() {
        Mutations.run(Mutations.corpus(getClass(), "frames"), 50_000, 4, this::frames);
    }
}
