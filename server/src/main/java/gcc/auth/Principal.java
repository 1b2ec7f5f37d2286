package gcc.auth;

import java.util.Objects;

/**
 * Who a credential speaks for: a name (the actor in the journal and the audit), a role and, for a
 * lab, the lab id on the trust list. Immutable.
 *
 * @param name  1..64 characters of {@code A-Z a-z 0-9 . _ @ -}
 * @param role  what the principal may do
 * @param labId the lab's id for {@link Role#LAB}, otherwise {@code null}
 */
public record Principal(String name, Role role, String labId) {
    /** The principal behind the {@code admin.token} setting. */
    public static final Principal ADMIN = new Principal("admin", Role.CUSTOMS, null);
    /** Longest principal name. */
    public static final int MAX_NAME = 64;
    /** Longest lab id (as on the trust list and in reports). */
    public static final int MAX_LAB_ID = 16;

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (!validName(name)) {
            throw new IllegalArgumentException("principal name must be 1.." + MAX_NAME
                    + " characters of A-Z a-z 0-9 . _ @ -: '" + name + "'");
        }
        if ((role == Role.LAB) != (labId != null)) {
            throw new IllegalArgumentException("a lab principal names its lab (lab:ID), no other role does");
        }
        if (labId != null && (labId.isEmpty() || labId.length() > MAX_LAB_ID
                || !labId.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("lab id must be 1.." + MAX_LAB_ID + " printable ASCII characters: '" + labId + "'");
        }
    }

    /** Parses a role as written in the credentials file and on the command line: customs, lab:ID, forwarder, operations. */
    public static Principal of(String name, String role) {
        if (role.startsWith("lab:")) {
            return new Principal(name, Role.LAB, role.substring(4));
        }
        for (Role r : Role.values()) {
            if (r != Role.LAB && r.label().equals(role)) {
                return new Principal(name, r, null);
            }
        }
        throw new IllegalArgumentException("role must be customs, lab:LAB_ID, forwarder or operations, not '" + role + "'");
    }

    /** The role as written in the credentials file: {@code lab:L1234} for a lab. */
    public String roleText() {
        return role == Role.LAB ? "lab:" + labId : role.label();
    }

    private static boolean validName(String s) {
        if (s.isEmpty() || s.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '@' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
