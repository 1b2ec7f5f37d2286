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

    /**
     * One page of {@code GET /v1/audit}: {@code {"records", "count", "more", "next"}}, up to
     * {@code limit} records after cursor {@code after} (-1: from the start) of the journal in {@code dir}.
     */
    public static ObjectNode page(java.nio.file.Path dir, AuditQuery.Filter filter, long after, int limit) {
        // One more than the page tells whether there is a next page without a second scan.
        java.util.List<AuditQuery.Indexed> found = AuditQuery.page(dir, filter, after, limit + 1);
        boolean more = found.size() > limit;
        java.util.List<AuditQuery.Indexed> page = more ? found.subList(0, limit) : found;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode records = body.putArray("records");
        page.forEach(i -> records.add(of(i.record())));
        body.put("count", page.size()).put("more", more);
        if (more) {
            body.put("next", Long.toString(page.get(page.size() - 1).index()));
        } else {
            body.putNull("next");
        }
        return body;
    }
}
