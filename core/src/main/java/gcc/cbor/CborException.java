package gcc.cbor;

/**
 * Input is not acceptable CBOR for this project: malformed, non-deterministic, over a cap, or of
 * the wrong shape. Carries no stack trace, because hostile input can produce it at a high rate
 * and the message already says what was wrong.
 */
public class CborException extends Exception {
    private static final long serialVersionUID = 1L;

    public CborException(String message) {
        super(message, null, false, false);
    }
}
