package gcc.code;

import gcc.decision.Reason;

/**
 * A code that cannot be decoded, with the reason a verifier reports for it
 * ({@link Reason#MALFORMED_CODE} or {@link Reason#UNSUPPORTED_VERSION}). Carries no stack trace:
 * hostile input may produce it at a high rate.
 */
public final class MalformedCodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    public MalformedCodeException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public MalformedCodeException(String message) {
        this(Reason.MALFORMED_CODE, message);
    }

    public Reason reason() {
        return reason;
    }
}
