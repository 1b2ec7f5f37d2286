package gcc.registry;

import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The recalls in force: revocations and suspensions that reach every report of a lab, of a
 * manufacturer or of a product model, and suspensions of an exporter as a declarant. Each is one
 * journaled registry event ({@link RegistryEvent.Type#SCOPE_REVOKE}, {@code SCOPE_SUSPEND},
 * {@code SCOPE_LIFT}) that the rules check at every decision, instead of millions of record
 * rewrites; a scope reaches reports registered before and after it while it is in force.
 *
 * <p>Immutable: every change builds a new instance that the registry publishes in one volatile
 * write, so a decision sees a recall at once and never half of one. Lookups are allocation-free
 * loops over a handful of byte arrays.
 */
public final class RecallScopes {
    /** What a scope reaches. */
    public enum Kind {
        /** Every report the lab issued. */
        LAB,
        /** Every report whose manufacturer (the exporter a code names) is this USCC. */
        EXPORTER,
        /** Every report whose product series has this model. */
        MODEL,
        /** This USCC may not declare goods under any report (exporter suspension). */
        DECLARANT
    }

    /** One recall in force. */
    public record Scope(Kind kind, String value, boolean revoke, long sequence, String reason) {
        public Scope {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(reason, "reason");
        }

        /** The key a scope event carries in its report-id field: {@code KIND:value}. */
        public String key() {
            return kind.name() + ":" + value;
        }

        @Override
        public String toString() {
            return (revoke ? "revocation" : "suspension") + " of " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
        }
    }

    public static final RecallScopes NONE = new RecallScopes(List.of());

    private final List<Scope> scopes;
    private final Scope[] array;
    private final byte[][] values;

    private RecallScopes(List<Scope> scopes) {
        this.scopes = List.copyOf(scopes);
        this.array = this.scopes.toArray(Scope[]::new);
        this.values = new byte[array.length][];
        for (int i = 0; i < array.length; i++) {
            values[i] = array[i].value().getBytes(StandardCharsets.UTF_8);
        }
    }

    public List<Scope> scopes() {
        return scopes;
    }

    /** Parses {@code KIND:value}; {@code null} with no valid kind or value. */
    public static Scope parse(String key, boolean revoke, long sequence, String reason) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Kind kind;
        try {
            kind = Kind.valueOf(key.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String value = key.substring(colon + 1);
        boolean ok = switch (kind) {
            case LAB -> !value.isEmpty() && value.length() <= 16;
            case EXPORTER, DECLARANT -> Uscc.isValid(value);
            case MODEL -> !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= 32 && value.indexOf('/') < 0;
        };
        return ok ? new Scope(kind, value, revoke, sequence, reason == null ? "" : reason) : null;
    }

    /** Why {@code e} (a scope event) may not be journaled now, or {@code null}. */
    public String refusal(RegistryEvent e) {
        boolean revoke = e.type() == RegistryEvent.Type.SCOPE_REVOKE;
        Scope s = parse(e.reportId(), revoke, 0, e.reason());
        if (s == null) {
            return "scope must be LAB:<lab id>, EXPORTER:<USCC>, MODEL:<model> or DECLARANT:<USCC>: " + e.reportId();
        }
        Scope current = find(s.kind(), s.value());
        return switch (e.type()) {
            case SCOPE_REVOKE -> s.kind() == Kind.DECLARANT ? "an exporter is suspended as a declarant, not revoked"
                    : current != null && current.revoke() ? s + " is already in force" : null;
            case SCOPE_SUSPEND -> current != null ? current + " is already in force" : null;
            case SCOPE_LIFT -> current == null ? "no recall of " + e.reportId() + " is in force"
                    : current.revoke() ? current + " is final and cannot be lifted" : null;
            case REGISTER, REVISE, SUSPEND, REINSTATE, REVOKE -> "not a scope event: " + e.type();
        };
    }

    /** The scopes after {@code e}; this instance when {@code e} is no scope event or changes nothing. */
    public RecallScopes apply(RegistryEvent e) {
        return switch (e.type()) {
            case REGISTER, REVISE, SUSPEND, REINSTATE, REVOKE -> this;
            case SCOPE_REVOKE, SCOPE_SUSPEND -> {
                Scope s = parse(e.reportId(), e.type() == RegistryEvent.Type.SCOPE_REVOKE, e.sequence(), e.reason());
                if (s == null) {
                    yield this;
                }
                List<Scope> next = new ArrayList<>(scopes);
                // A revocation replaces a suspension of the same scope.
                next.removeIf(x -> x.kind() == s.kind() && x.value().equals(s.value()));
                next.add(s);
                yield new RecallScopes(next);
            }
            case SCOPE_LIFT -> {
                List<Scope> next = new ArrayList<>(scopes);
                next.removeIf(x -> !x.revoke() && x.key().equals(e.reportId()));
                yield next.size() == scopes.size() ? this : new RecallScopes(next);
            }
        };
    }

    /** The scope of this kind and value, or {@code null}. */
    public Scope find(Kind kind, String value) {
        for (Scope s : array) {
            if (s.kind() == kind && s.value().equals(value)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The recall reaching this registered report, revocations before suspensions, or
     * {@code null}. Allocation-free.
     */
    public Scope reaching(ReportRecord r) {
        Scope suspended = null;
        for (int i = 0; i < array.length; i++) {
            Scope s = array[i];
            byte[] v = values[i];
            boolean hit = switch (s.kind()) {
                case LAB -> r.labIdEquals(v, 0, v.length);
                case EXPORTER -> r.manufacturerEquals(v, 0, v.length);
                case MODEL -> r.coversModel(v, 0, v.length);
                case DECLARANT -> false;
            };
            if (hit) {
                if (s.revoke()) {
                    return s;
                }
                suspended = s;
            }
        }
        return suspended;
    }

    /** The suspension of this declaring exporter (ASCII bytes), or {@code null}. Allocation-free. */
    public Scope declarantSuspension(byte[] exporter, int off, int len) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].kind() == Kind.DECLARANT && values[i].length == len
                    && Arrays.equals(values[i], 0, len, exporter, off, off + len)) {
                return array[i];
            }
        }
        return null;
    }
}
