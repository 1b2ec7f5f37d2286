package gcc.registry;

import gcc.report.ReportDocument;

import java.util.Objects;

/**
 * One entry of the registry journal, the registry's source of truth: the records are what
 * applying every event in sequence order produces ({@link RegistryTransitions#apply}).
 *
 * @param sequence   position in the journal, strictly increasing from 1
 * @param timeMillis when it was accepted, epoch milliseconds
 * @param actor      who asked for it (a lab, a regulator, an operator), for the audit trail
 * @param type       what happened
 * @param reportId   the report it concerns (for REGISTER and REVISE, the new report's id)
 * @param document   the registered document for REGISTER and REVISE, else {@code null}
 * @param reason     free text for SUSPEND, REINSTATE and REVOKE (may be empty), else {@code null}
 */
public record RegistryEvent(long sequence, long timeMillis, String actor, Type type, String reportId,
                            ReportDocument document, String reason) {

    /** Kinds of registry change, with stable one-byte codes for storage. */
    public enum Type {
        REGISTER(1), REVISE(2), SUSPEND(3), REINSTATE(4), REVOKE(5),
        /** Revoke every report a scope reaches ({@link RecallScopes}); final. The report-id field holds {@code KIND:value}. */
        SCOPE_REVOKE(6),
        /** Suspend every report a scope reaches, or an exporter as a declarant, until lifted. */
        SCOPE_SUSPEND(7),
        /** Lift a scope suspension. */
        SCOPE_LIFT(8);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    public RegistryEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reportId, "reportId");
        boolean carriesDocument = type == Type.REGISTER || type == Type.REVISE;
        if (carriesDocument != (document != null)) {
            throw new IllegalArgumentException(type + (carriesDocument ? " needs" : " takes no") + " document");
        }
        if (document != null && !document.reportId().equals(reportId)) {
            throw new IllegalArgumentException("reportId differs from the document's");
        }
    }

    public static RegistryEvent register(ReportDocument doc, String actor) {
        return new RegistryEvent(0, 0, actor, doc.supersedes() == null ? Type.REGISTER : Type.REVISE,
                doc.reportId(), doc, null);
    }

    /** A recall event: {@code scopeKey} is {@code KIND:value} ({@link RecallScopes.Scope#key()}). */
    public static RegistryEvent scope(Type type, String scopeKey, String reason, String actor) {
        return new RegistryEvent(0, 0, actor, type, scopeKey, null, reason == null ? "" : reason);
    }

    /** True for SCOPE_REVOKE, SCOPE_SUSPEND and SCOPE_LIFT. */
    public boolean isScope() {
        return type == Type.SCOPE_REVOKE || type == Type.SCOPE_SUSPEND || type == Type.SCOPE_LIFT;
    }

    public static RegistryEvent status(Type type, String reportId, String reason, String actor) {
        return new RegistryEvent(0, 0, actor, type, reportId, null, reason == null ? "" : reason);
    }

    /** The same event placed at {@code sequence} and {@code timeMillis} in a journal. */
    public RegistryEvent at(long sequence, long timeMillis) {
        return new RegistryEvent(sequence, timeMillis, actor, type, reportId, document, reason);
    }
}
