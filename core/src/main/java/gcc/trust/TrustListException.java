package gcc.trust;

/** A trust list that was refused: unsigned, badly signed, malformed, or not newer than the current one. */
public final class TrustListException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustListException(String message) {
        super(message);
    }
}
