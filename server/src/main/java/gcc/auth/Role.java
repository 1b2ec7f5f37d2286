package gcc.auth;

/**
 * What a principal may do. The HTTP route table ({@code gcc.http.Route}) names, for each route,
 * the roles allowed to call it; a lab principal is further confined to its own reports.
 */
public enum Role {
    /** Trust list, policy, every suspension, revocation and recall, audit queries, credentials. */
    CUSTOMS,
    /** Registers, revises and withdraws its own lab's reports, while the lab is on the trust list in force. */
    LAB,
    /** Pre-validation ({@code POST /v1/verify}) only, rate-limited per credential. */
    FORWARDER,
    /** Metrics, health and readiness. */
    OPERATIONS;

    /** The name used in the credentials file and the docs: {@code customs}, {@code lab}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
