package gcc.http;

import gcc.auth.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Every HTTP route and the roles that may call it: the one table the access check
 * ({@link AccessGate}), {@code docs/operations.md} (generated from {@link #markdownTable()} and
 * checked by a test) and the OpenAPI contract read. A route that is not listed here is not
 * routed by role: under {@code /v1/admin/} it needs a customs credential, elsewhere it is answered
 * 404 or 405 by the handler.
 *
 * <p>A route open to {@link Anonymous anonymous} callers is open only while its setting says so.
 */
public enum Route {
    VERIFY("POST", "/v1/verify", Anonymous.PREVALIDATION, true, "pre-validation: the decision with every reason",
            Role.CUSTOMS, Role.LAB, Role.FORWARDER),
    // A forwarder checks the report behind a code it pre-validates: never less than an anonymous caller gets.
    REPORT("GET", "/v1/reports/{id}", Anonymous.PREVALIDATION, true, "a registered report and its status",
            Role.CUSTOMS, Role.LAB, Role.FORWARDER),
    REPORT_REGISTER("POST", "/v1/admin/reports", Anonymous.NEVER, false,
            "register a report or a revision (a lab: its own, while on the trust list and accredited)", Role.CUSTOMS, Role.LAB),
    REPORT_REVOKE("POST", "/v1/admin/reports/{id}/revoke", Anonymous.NEVER, false,
            "revoke a report (a lab: withdraw its own)", Role.CUSTOMS, Role.LAB),
    REPORT_SUSPEND("POST", "/v1/admin/reports/{id}/suspend", Anonymous.NEVER, false, "suspend a report", Role.CUSTOMS),
    REPORT_REINSTATE("POST", "/v1/admin/reports/{id}/reinstate", Anonymous.NEVER, false, "reinstate a suspended report",
            Role.CUSTOMS),
    RECALL("POST", "/v1/admin/recalls/{kind}/{value}/{action}", Anonymous.NEVER, false,
            "revoke, suspend or lift every report of a lab, exporter or model", Role.CUSTOMS),
    EXPORTER("POST", "/v1/admin/exporters/{uscc}/{action}", Anonymous.NEVER, false, "suspend or reinstate an exporter",
            Role.CUSTOMS),
    TRUST_LIST("PUT", "/v1/admin/trust-list", Anonymous.NEVER, false, "load a signed trust list", Role.CUSTOMS),
    POLICY_RELOAD("POST", "/v1/admin/policy/reload", Anonymous.NEVER, false, "reload the policy", Role.CUSTOMS),
    CREDENTIALS("GET", "/v1/admin/credentials", Anonymous.NEVER, false, "the credentials in force (digests, never tokens)",
            Role.CUSTOMS),
    CREDENTIAL_ADD("POST", "/v1/admin/credentials", Anonymous.NEVER, false,
            "add a principal's credential (a new token is answered once)", Role.CUSTOMS),
    CREDENTIAL_REMOVE("DELETE", "/v1/admin/credentials/{principal}", Anonymous.NEVER, false,
            "remove a principal's credential", Role.CUSTOMS),
    CREDENTIALS_RELOAD("POST", "/v1/admin/credentials/reload", Anonymous.NEVER, false, "read the credentials file again",
            Role.CUSTOMS),
    AUDIT("GET", "/v1/audit", Anonymous.NEVER, false,
            "audited decisions by declaration, container, report, exporter, gate, outcome and time (a bounded page)",
            Role.CUSTOMS),
    METRICS("GET", "/metrics", Anonymous.PROBES, false, "Prometheus metrics", Role.OPERATIONS),
    HEALTH("GET", "/health", Anonymous.PROBES, false, "registry, trust list, policy and audit state", Role.OPERATIONS),
    READY("GET", "/ready", Anonymous.PROBES, false, "200 when ready, else 503", Role.OPERATIONS);

    /** When a caller without a credential may use a route. */
    public enum Anonymous {
        /** Never: a credential of an allowed role is needed. */
        NEVER,
        /** While {@code auth.anonymous-verify} is true (the default): gates, the demo, the Python client. */
        PREVALIDATION,
        /** While {@code auth.anonymous-probes} is true (the default): load balancers, a local Prometheus. */
        PROBES
    }

    private final String method;
    private final String template;
    private final String[] segments;
    private final Anonymous anonymous;
    private final boolean rateLimited;
    private final String summary;
    private final Set<Role> roles;

    Route(String method, String template, Anonymous anonymous, boolean rateLimited, String summary, Role... roles) {
        this.method = method;
        this.template = template;
        this.segments = template.substring(1).split("/");
        this.anonymous = anonymous;
        this.rateLimited = rateLimited;
        this.summary = summary;
        this.roles = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }

    public String method() {
        return method;
    }

    /** The path with {@code {name}} for each variable segment. */
    public String template() {
        return template;
    }

    public Anonymous anonymous() {
        return anonymous;
    }

    /** True if forwarders' calls are counted against their per-credential rate ({@code auth.forwarder-*}). */
    public boolean rateLimitedForForwarders() {
        return rateLimited;
    }

    public String summary() {
        return summary;
    }

    /** The roles that may call this route. */
    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    /** The route for a method and a decoded path, or {@code null}. */
    public static Route match(String method, String path) {
        for (Route r : values()) {
            if (r.method.equals(method) && r.matches(path)) {
                return r;
            }
        }
        return null;
    }

    /** The methods of the routes whose template matches {@code path}, comma-separated; empty for none. */
    public static String methodsFor(String path) {
        java.util.StringJoiner methods = new java.util.StringJoiner(", ");
        for (Route r : values()) {
            if (r.matches(path) && !methods.toString().contains(r.method)) {
                methods.add(r.method);
            }
        }
        return methods.toString();
    }

    private boolean matches(String path) {
        if (!path.startsWith("/")) {
            return false;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            boolean variable = segments[i].startsWith("{");
            if (variable ? parts[i].isEmpty() : !segments[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** The table of routes and roles as it stands in {@code docs/operations.md}. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| method and path | what | customs | lab | forwarder | operations | no credential |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Route r : values()) {
            StringJoiner row = new StringJoiner(" | ", "| ", " |\n");
            row.add("`" + r.method + " " + r.template + "`").add(r.summary);
            for (Role role : Role.values()) {
                row.add(!r.allows(role) ? "-" : role == Role.FORWARDER && r.rateLimited ? "yes, rate-limited"
                        : role == Role.LAB && r.template.startsWith("/v1/admin/reports") ? "own reports" : "yes");
            }
            row.add(switch (r.anonymous) {
                case NEVER -> "-";
                case PREVALIDATION -> "if `auth.anonymous-verify`";
                case PROBES -> "if `auth.anonymous-probes`";
            });
            sb.append(row);
        }
        return sb.toString();
    }
}
