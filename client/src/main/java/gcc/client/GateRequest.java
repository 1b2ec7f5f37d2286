package gcc.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a gate asks: the scanned code text, the declaring exporter's USCC, optionally the product,
 * and which gate and lane ask. Immutable; the byte forms are computed once.
 */
public final class GateRequest {
    final byte[] code;
    final byte[] exporter;
    final byte[] product;
    final byte[] gateId;
    final int lane;

    public GateRequest(String code, String exporter, String product, String gateId, int lane) {
        this.code = Objects.requireNonNull(code, "code").trim().getBytes(StandardCharsets.ISO_8859_1);
        this.exporter = Objects.requireNonNull(exporter, "exporter").getBytes(StandardCharsets.US_ASCII);
        this.product = product == null || product.isEmpty() ? null : product.getBytes(StandardCharsets.UTF_8);
        this.gateId = Objects.requireNonNull(gateId, "gateId").getBytes(StandardCharsets.US_ASCII);
        this.lane = lane;
    }

    /** A request from gate {@code gateId} lane 0 without a product. */
    public static GateRequest of(String code, String exporter, String gateId) {
        return new GateRequest(code, exporter, null, gateId, 0);
    }

    public String exporter() {
        return new String(exporter, StandardCharsets.US_ASCII);
    }

    public String gateId() {
        return new String(gateId, StandardCharsets.US_ASCII);
    }

    /** The code text as sent. */
    public String codeText() {
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    /** Bytes the request frame takes on the wire. */
    public int frameBytes() {
        return gcc.gate.VerifyRequest.VARIABLE_OFFSET + gateId.length + (product == null ? 0 : product.length) + code.length;
    }

    /** Why this request cannot be sent as it is, or null. */
    String problem() {
        if (exporter.length != 18) {
            return "the exporter must be an 18-character USCC";
        }
        if (code.length < 1 || code.length > gcc.gate.VerifyRequest.MAX_CODE) {
            return "the code text must be 1.." + gcc.gate.VerifyRequest.MAX_CODE + " characters";
        }
        if (gateId.length < 1 || gateId.length > gcc.gate.VerifyRequest.MAX_GATE) {
            return "the gate id must be 1.." + gcc.gate.VerifyRequest.MAX_GATE + " characters";
        }
        if (product != null && product.length > gcc.gate.VerifyRequest.MAX_PRODUCT) {
            return "the product must be at most " + gcc.gate.VerifyRequest.MAX_PRODUCT + " bytes";
        }
        if (lane < 0 || lane > 0xffff) {
            return "the lane must be 0..65535";
        }
        return null;
    }
}
