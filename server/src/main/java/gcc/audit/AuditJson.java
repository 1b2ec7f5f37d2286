package gcc.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One audit record as JSON, the same for {@code gatectl audit --format jsonl} and
 * {@code GET /v1/audit}: time, source, gate, lane, exporter, reportId, outcome, micros, reasons,
 * and when present declaration, container, the pre-check's date and the admin actor and action.
 * Stateless; allocates.
 */
public final class AuditJson {
    private AuditJson() {
    }

    public static ObjectNode of(AuditRecord r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("time", r.time().toString()).put("source", r.source().name()).put("gate", r.gate()).put("lane", r.lane())
                .put("exporter", r.exporter()).put("reportId", r.reportId()).put("outcome", r.outcomeName())
                .put("micros", r.micros());
        if (!r.declaration().isEmpty()) {
            o.put("declaration", r.declaration());
        }
        if (!r.container().isEmpty()) {
            o.put("container", r.container());
        }
        if (r.preCheck()) {
            o.put("preCheck", true).put("decidedFor", r.decidedFor() == 0 ? null : r.decidedForTime().toString());
        }
        ArrayNode reasons = o.putArray("reasons");
        r.reasonNames().forEach(reasons::add);
        if (!r.action().isEmpty()) {
            o.put("actor", r.actor()).put("action", r.action());
        }
        return o;
    }
}
