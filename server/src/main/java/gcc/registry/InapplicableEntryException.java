package gcc.registry;

/**
 * A whole, decodable journal entry that cannot be applied to the index (the index is full, the
 * entry contradicts the records). Never skipped silently: the registry refuses to open and names
 * it, and {@code gatectl registry repair} skips it on an operator's request.
 */
public final class InapplicableEntryException extends IllegalStateException {
    private final long sequence;

    InapplicableEntryException(RegistryEvent e, Throwable cause) {
        super("registry journal entry " + e.sequence() + " (" + e.type() + " " + e.reportId() + ") cannot be applied: "
                + cause + "; run `gatectl registry repair` to skip it (it stays in the journal, listed in journal.skip)",
                cause);
        this.sequence = e.sequence();
    }

    public long sequence() {
        return sequence;
    }
}
