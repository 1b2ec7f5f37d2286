package gcc.trust;

/** Whether a lab key may still sign codes. Revocation is final for that key. */
public enum KeyStatus {
    ACTIVE(1), REVOKED(2);

    private final int code;

    KeyStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static KeyStatus ofCode(long code) {
        return code == 1 ? ACTIVE : code == 2 ? REVOKED : null;
    }
}
