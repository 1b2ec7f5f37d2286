package gcc.registry;

/** Lifecycle state of a registered report, with a stable one-byte code for storage. */
public enum ReportStatus {
    ACTIVE(1), SUSPENDED(2), REVOKED(3), SUPERSEDED(4);

    private final int code;

    ReportStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this code, or {@code null} for an unknown code (treat as unusable). */
    public static ReportStatus ofCode(int code) {
        switch (code) {
            case 1:
                return ACTIVE;
            case 2:
                return SUSPENDED;
            case 3:
                return REVOKED;
            case 4:
                return SUPERSEDED;
            default:
                return null;
        }
    }
}
