package gcc.registry;

/** A change could not be journaled (a full disk, an I/O error): nothing was changed, and the caller must say so. */
public final class JournalWriteException extends RuntimeException {
    JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
