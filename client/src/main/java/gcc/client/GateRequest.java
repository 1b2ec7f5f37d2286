package gcc.client;

import gcc.gate.RequestFields;
import gcc.gate.VerifyRequest;

import java.nio.charset.StandardCharsets;

/**
 * What a gate asks: the scanned code text, the declaring exporter's USCC, optionally the product,
 * and which gate and lane ask. Immutable; the byte forms are computed once.
 *
 * <p>Construction never throws: fields that cannot be sent (null or empty, too long, not
 * printable ASCII, an exporter that is not a valid USCC, a lane out of range) are kept as a
 * {@link #problem()}, and {@link GateClient} answers such a request with a local HOLD carrying
 * that reason without sending anything. Surrounding white space of the code (a scanner's line
 * end) is trimmed.
 *
 * <p>A request given a customs declaration number or a container number is sent as protocol
 * version 2 (both shapes are checked here: 18 digits; ISO 6346 with its check digit); one
 * without either as version 1, byte for byte what older clients send.
 */
public final class GateRequest {
    private static final byte[] NONE = new byte[0];

    final byte[] code;
    final byte[] exporter;
    final byte[] product;
    final byte[] gateId;
    final int lane;
    /** Null when not given; either non-null makes the request version 2. */
    final byte[] declaration;
    final byte[] container;
    private final RequestFields.Problem problem;

    public GateRequest(String code, String exporter, String product, String gateId, int lane) {
        this(code, exporter, product, gateId, lane, null, null);
    }

    /**
     * A request carrying the shipment's customs declaration number and/or container number
     * ({@code null} or empty: not given).
     */
    public GateRequest(String code, String exporter, String product, String gateId, int lane, String declaration,
                       String container) {
        String trimmed = code == null ? null : code.trim();
        String decl = declaration == null ? "" : declaration.trim();
        String cont = container == null ? "" : container.trim();
        this.problem = RequestFields.check(trimmed, exporter, product, gateId, lane, decl, cont);
        boolean ok = problem == null;
        this.code = ok ? trimmed.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.exporter = ok ? exporter.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.product = ok && product != null && !product.isEmpty() ? product.getBytes(StandardCharsets.UTF_8) : null;
        this.gateId = ok ? gateId.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.lane = lane;
        this.declaration = ok && !decl.isEmpty() ? decl.getBytes(StandardCharsets.US_ASCII) : null;
        this.container = ok && !cont.isEmpty() ? cont.getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** True when the request goes out as protocol version 2 (it carries a shipment reference). */
    public boolean version2() {
        return declaration != null || container != null;
    }

    /** The declaration number as sent, or null. */
    public String declaration() {
        return declaration == null ? null : new String(declaration, StandardCharsets.US_ASCII);
    }

    /** The container number as sent, or null. */
    public String container() {
        return container == null ? null : new String(container, StandardCharsets.US_ASCII);
    }

    /** A request from gate {@code gateId} lane 0 without a product. */
    public static GateRequest of(String code, String exporter, String gateId) {
        return new GateRequest(code, exporter, null, gateId, 0);
    }

    /** The declaring exporter as sent (empty when the request is invalid). */
    public String exporter() {
        return new String(exporter, StandardCharsets.US_ASCII);
    }

    /** The gate id as sent (empty when the request is invalid). */
    public String gateId() {
        return new String(gateId, StandardCharsets.US_ASCII);
    }

    /** The code text as sent (empty when the request is invalid). */
    public String codeText() {
        return new String(code, StandardCharsets.US_ASCII);
    }

    /** Bytes the request frame takes on the wire (0 when it cannot be sent). */
    public int frameBytes() {
        return problem != null ? 0
                : VerifyRequest.VARIABLE_OFFSET + gateId.length + (product == null ? 0 : product.length) + code.length
                + (version2() ? VerifyRequest.TRAILER_LENGTHS + (declaration == null ? 0 : declaration.length)
                + (container == null ? 0 : container.length) : 0);
    }

    /** True when the request can be sent; otherwise {@link #problem()} says why not. */
    public boolean valid() {
        return problem == null;
    }

    /** Why this request cannot be sent (the reason to hold and a sentence), or null. */
    public RequestFields.Problem problem() {
        return problem;
    }
}
