package gcc.code;

/**
 * A code that cannot be decoded, and whether it is damaged or merely of a version this build
 * does not read. The codec knows nothing of decisions: the verifier turns the {@link Kind} into a
 * HOLD reason. Carries no stack trace: hostile input may produce it at a high rate.
 */
public final class MalformedCodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the code could not be read. */
    public enum Kind {
        /** The bytes do not follow the code format. */
        MALFORMED,
        /** A well-formed code of a format version this build does not read. */
        UNSUPPORTED_VERSION
    }

    private final Kind kind;

    public MalformedCodeException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public MalformedCodeException(String message) {
        this(Kind.MALFORMED, message);
    }

    public Kind kind() {
        return kind;
    }
}
