package gcc.gate;

import java.nio.charset.StandardCharsets;

/**
 * The shape of the two shipment references a version 2 VERIFY_REQUEST may carry: the customs
 * declaration (entry) number, 18 ASCII digits, and the container number of ISO 6346 (owner code of
 * three capital letters, category letter U, J or Z, six-digit serial, check digit). A reference of
 * the wrong shape is a HOLD for that request ({@code INVALID_REQUEST}, with the field and the
 * problem as its detail), never a protocol error: it is what an operator typed.
 *
 * <p>Stateless; the byte forms allocate nothing.
 */
public final class ShipmentRefs {
    public static final int DECLARATION_LENGTH = 18;
    public static final int CONTAINER_LENGTH = 11;

    /** Detail argument a of INVALID_REQUEST: which field. */
    public static final int FIELD_DECLARATION = 1;
    public static final int FIELD_CONTAINER = 2;
    /** Detail argument b of INVALID_REQUEST: what is wrong with it. */
    public static final int OK = 0;
    public static final int BAD_SHAPE = 1;
    public static final int BAD_CHECK_DIGIT = 2;

    private ShipmentRefs() {
    }

    /** {@link #OK} when {@code len} bytes at {@code off} are 18 ASCII digits, else {@link #BAD_SHAPE}. */
    public static int checkDeclaration(byte[] b, int off, int len) {
        if (len != DECLARATION_LENGTH) {
            return BAD_SHAPE;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] < '0' || b[off + i] > '9') {
                return BAD_SHAPE;
            }
        }
        return OK;
    }

    /** {@link #OK}, {@link #BAD_SHAPE} or {@link #BAD_CHECK_DIGIT} for an ISO 6346 container number. */
    public static int checkContainer(byte[] b, int off, int len) {
        if (len != CONTAINER_LENGTH) {
            return BAD_SHAPE;
        }
        for (int i = 0; i < 4; i++) {
            if (b[off + i] < 'A' || b[off + i] > 'Z') {
                return BAD_SHAPE;
            }
        }
        byte category = b[off + 3];
        if (category != 'U' && category != 'J' && category != 'Z') {
            return BAD_SHAPE;
        }
        for (int i = 4; i < CONTAINER_LENGTH; i++) {
            if (b[off + i] < '0' || b[off + i] > '9') {
                return BAD_SHAPE;
            }
        }
        return b[off + 10] - '0' == containerCheckDigit(b, off) ? OK : BAD_CHECK_DIGIT;
    }

    /**
     * ISO 6346 check digit of the first ten characters: letters count 10 upwards skipping the
     * multiples of 11 (A=10, B=12 … Z=38), digits count as themselves; each is weighted 2^position,
     * the sum taken mod 11, and a remainder of 10 is written 0.
     */
    static int containerCheckDigit(byte[] b, int off) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int c = b[off + i];
            int v = c >= 'A' && c <= 'Z' ? letterValue(c) : c - '0';
            sum += v << i;
        }
        return sum % 11 % 10;
    }

    private static int letterValue(int c) {
        // 11, 22 and 33 are skipped: no letter may share a value with a multiple of the modulus.
        int v = 10 + (c - 'A');
        if (v >= 11) {
            v++;
        }
        if (v >= 22) {
            v++;
        }
        if (v >= 33) {
            v++;
        }
        return v;
    }

    /** String form for the SDKs: {@code null} or empty counts as not given (OK). */
    public static int checkDeclaration(String s) {
        if (s == null || s.isEmpty()) {
            return OK;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return checkDeclaration(b, 0, b.length);
    }

    /** String form for the SDKs: {@code null} or empty counts as not given (OK). */
    public static int checkContainer(String s) {
        if (s == null || s.isEmpty()) {
            return OK;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return checkContainer(b, 0, b.length);
    }

    /** An English sentence for a problem, for the operator and the audit (a constant: no allocation). */
    public static String problem(int field, int problem) {
        if (field == FIELD_DECLARATION) {
            return problem == BAD_CHECK_DIGIT ? "the declaration number's check digit is wrong"
                    : "the declaration number must be 18 digits";
        }
        return problem == BAD_CHECK_DIGIT ? "the container number's ISO 6346 check digit is wrong"
                : "the container number must be an ISO 6346 number: owner code, U/J/Z, six digits, check digit";
    }
}
