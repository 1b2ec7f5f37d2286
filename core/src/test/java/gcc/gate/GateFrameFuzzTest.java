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
                    boolean v2 = request.version() == GateFrame.VERSION_2;
                    int end = v2 ? request.containerOffset() + request.containerLength() : request.codeOffset() + request.codeLength();
                    assertTrue(end == len);
                    byte[] product = request.productLength() == 0 ? null
                            : Arrays.copyOfRange(b, request.productOffset(), request.productOffset() + request.productLength());
                    byte[] exporter = Arrays.copyOfRange(b, request.exporterOffset(), request.exporterOffset() + 18);
                    byte[] gate = Arrays.copyOfRange(b, request.gateIdOffset(), request.gateIdOffset() + request.gateIdLength());
                    byte[] code = Arrays.copyOfRange(b, request.codeOffset(), request.codeOffset() + request.codeLength());
                    byte[] out = new byte[VerifyRequest.MAX_FRAME];
                    int n = v2 ? VerifyRequest.encode(out, 0, id, request.lane(), exporter, gate, product, code,
                            Arrays.copyOfRange(b, request.declarationOffset(), request.declarationOffset() + request.declarationLength()),
                            Arrays.copyOfRange(b, request.containerOffset(), request.containerOffset() + request.containerLength()))
                            : VerifyRequest.encode(out, 0, id, request.lane(), exporter, gate, product, code);
                    assertArrayEquals(input, Arrays.copyOf(out, n));
                }
            }
            case GateFrame.TYPE_VERIFY_RESPONSE -> {
                if (response.wrap(b, 0, len) == GateFrame.OK) {
                    byte[] out = new byte[VerifyResponse.MAX_FRAME];
                    int version = GateFrame.version(b, 0);
                    ReasonDetails d = new ReasonDetails();
                    for (int i = 0; i < response.detailCount(); i++) {
                        d.add(response.detailReason(i), response.detailA(i), response.detailB(i));
                    }
                    int n = VerifyResponse.encode(out, 0, version, id, response.outcome(), response.reasons(), response.micros(),
                            b, response.reportIdOffset(), response.reportIdLength(), d);
                    boolean reservedZero = (version == GateFrame.VERSION_2 || b[VerifyResponse.RESERVED_OFFSET] == 0)
                            && b[VerifyResponse.RESERVED_OFFSET + 1] == 0;
                    boolean detailPadZero = true;
                    for (int i = 0; i < response.detailCount(); i++) {
                        detailPadZero &= b[response.reportIdOffset() + response.reportIdLength() + i * ReasonDetails.ENTRY + 1] == 0;
                    }
                    if (reservedZero && detailPadZero) {
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
