package gcc.client;

import gcc.gate.GateFrame;
import gcc.gate.RequestFields;
import gcc.gate.VerifyRequest;

import java.nio.charset.StandardCharsets;

/**
 * What a gate asks: the scanned code text, the declaring exporter's USCC, optionally the product,
 * which gate and lane ask, and optionally the customs declaration number and container number
 * the consignment travels under (then the request goes as protocol version 2 and the audit links
 * the decision to the shipment). Immutable; the byte forms are computed once.
 *
 * <p>Construction never throws: fields that cannot be sent (null or empty, too long, not
 * printable ASCII, an exporter that is not a valid USCC, a lane out of range, a declaration number
 * that is not 18 digits, a container number that is not ISO 6346 with its check digit) are kept as a
 * {@link #problem()}, and {@link GateClient} answers such a request with a local HOLD carrying
 * that reason without sending anything. Surrounding white space of the code (a scanner's line
 * end) is trimmed.
 */
public final class GateRequest {
    private static final byte[] NONE = new byte[0];

    final byte[] code;
    final byte[] exporter;
    final byte[] product;
    final byte[] gateId;
    final int lane;
    /** Null when not given. */
    final byte[] declaration;
    /** Null when not given. */
    final byte[] container;
    private final RequestFields.Problem problem;

    public GateRequest(String code, String exporter, String product, String gateId, int lane) {
        this(code, exporter, product, gateId, lane, null, null);
    }

    /**
     * A request linked to its shipment.
     *
     * @param declaration the customs declaration (entry) number, 18 digits, or null / empty for none
     * @param container   the container number (ISO 6346, e.g. {@code CSQU3054383}), or null / empty for none
     */
    public GateRequest(String code, String exporter, String product, String gateId, int lane, String declaration,
                       String container) {
        String trimmed = code == null ? null : code.trim();
        this.problem = RequestFields.check(trimmed, exporter, product, gateId, lane, declaration, container);
        boolean ok = problem == null;
        this.code = ok ? trimmed.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.exporter = ok ? exporter.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.product = ok && product != null && !product.isEmpty() ? product.getBytes(StandardCharsets.UTF_8) : null;
        this.gateId = ok ? gateId.getBytes(StandardCharsets.US_ASCII) : NONE;
        this.lane = lane;
        this.declaration = ok && declaration != null && !declaration.isEmpty()
                ? declaration.getBytes(StandardCharsets.US_ASCII) : null;
        this.container = ok && container != null && !container.isEmpty() ? container.getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** The declaration number as sent, or null. */
    public String declaration() {
        return declaration == null ? null : new String(declaration, StandardCharsets.US_ASCII);
    }

    /** The container number as sent, or null. */
    public String container() {
        return container == null ? null : new String(container, StandardCharsets.US_ASCII);
    }

    /** The protocol version this request goes in: 2 when it carries a declaration or container number, else 1. */
    public int version() {
        return declaration != null || container != null ? GateFrame.VERSION_2 : GateFrame.VERSION;
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
                : VerifyRequest.frameLength(version(), gateId.length, product == null ? 0 : product.length, code.length,
                declaration == null ? 0 : declaration.length, container == null ? 0 : container.length);
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
