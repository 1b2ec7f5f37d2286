package gcc.gate;

import gcc.decision.Reason;
import gcc.report.ContainerNumber;
import gcc.report.DeclarationNumber;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;

/**
 * What a VERIFY_REQUEST's fields may hold, checked on text before anything is encoded: a gate SDK
 * turns a failed check into a local HOLD instead of sending the request. The limits are those of
 * the frame ({@link VerifyRequest}); a code that fits them may still be malformed, which the
 * server decides (and audits).
 *
 * <p>Stateless and thread-safe; allocates only for a problem's message.
 */
public final class RequestFields {
    /** Why a request cannot be sent: the reason to hold and a sentence for the operator. */
    public record Problem(Reason reason, String detail) {
    }

    private RequestFields() {
    }

    /**
     * The first problem of a request's fields, or {@code null} when it can be sent.
     *
     * @param code     the scanned text, already trimmed of surrounding white space
     * @param product  {@code null} or empty for none
     */
    public static Problem check(String code, String exporter, String product, String gateId, int lane) {
        if (code == null || code.isEmpty()) {
            return new Problem(Reason.MALFORMED_CODE, "no code text was scanned");
        }
        if (code.length() > VerifyRequest.MAX_CODE) {
            return new Problem(Reason.MALFORMED_CODE, "the code text is " + code.length() + " characters, over "
                    + VerifyRequest.MAX_CODE);
        }
        int bad = firstNotPrintable(code);
        if (bad >= 0) {
            return new Problem(Reason.MALFORMED_CODE, "the code text holds a character that is not printable ASCII at "
                    + "position " + bad + " (a scanner in the wrong keyboard or code-page mode?)");
        }
        if (exporter == null || exporter.isEmpty()) {
            return new Problem(Reason.INVALID_REQUEST, "no declaring exporter was given");
        }
        if (exporter.length() != Uscc.LENGTH || firstNotPrintable(exporter) >= 0 || !Uscc.isValid(exporter)) {
            return new Problem(Reason.INVALID_REQUEST, "the declaring exporter must be an 18-character Unified Social "
                    + "Credit Code with a correct check character");
        }
        if (gateId == null || gateId.isEmpty() || gateId.length() > VerifyRequest.MAX_GATE || firstNotPrintable(gateId) >= 0) {
            return new Problem(Reason.INVALID_REQUEST, "the gate id must be 1.." + VerifyRequest.MAX_GATE
                    + " printable ASCII characters");
        }
        if (product != null && !product.isEmpty() && !validProduct(product)) {
            return new Problem(Reason.INVALID_REQUEST, "the product must be at most " + VerifyRequest.MAX_PRODUCT
                    + " bytes of UTF-8 text without control characters");
        }
        if (lane < 0 || lane > 0xffff) {
            return new Problem(Reason.INVALID_REQUEST, "the lane must be 0..65535: " + lane);
        }
        return null;
    }

    /**
     * As {@link #check(String, String, String, String, int)}, plus the declaration link of
     * protocol version 2: {@code null} or empty for none.
     */
    public static Problem check(String code, String exporter, String product, String gateId, int lane, String declaration,
                                String container) {
        Problem p = check(code, exporter, product, gateId, lane);
        if (p != null) {
            return p;
        }
        if (declaration != null && !declaration.isEmpty() && !DeclarationNumber.isValid(declaration)) {
            return new Problem(Reason.INVALID_REQUEST, DECLARATION_PROBLEM);
        }
        if (container != null && !container.isEmpty() && !ContainerNumber.isValid(container)) {
            return new Problem(Reason.INVALID_REQUEST, CONTAINER_PROBLEM);
        }
        return null;
    }

    /** The detail of INVALID_REQUEST for a declaration number of the wrong shape (server and SDK). */
    public static final String DECLARATION_PROBLEM = "the declaration number must be 18 digits";
    /** The detail of INVALID_REQUEST for a container number that is not ISO 6346 (server and SDK). */
    public static final String CONTAINER_PROBLEM = "the container number must be ISO 6346: 4 capital letters (the 4th U, J "
            + "or Z), 6 digits and a correct check digit";

    private static int firstNotPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return i;
            }
        }
        return -1;
    }

    private static boolean validProduct(String p) {
        if (p.length() > VerifyRequest.MAX_PRODUCT) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isSurrogate(c)) { // only whole pairs encode to UTF-8
                if (!Character.isHighSurrogate(c) || i + 1 >= p.length() || !Character.isLowSurrogate(p.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return p.getBytes(StandardCharsets.UTF_8).length <= VerifyRequest.MAX_PRODUCT;
    }
}
