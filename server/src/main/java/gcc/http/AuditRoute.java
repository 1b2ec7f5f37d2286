package gcc.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.audit.AuditJson;
import gcc.audit.AuditQuery;
import gcc.transport.WorkerPool;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gcc.http.Replies.error;
import static gcc.http.Replies.json;
import static gcc.http.Replies.send;

/**
 * {@code GET /v1/audit}: post-clearance inspection finds the decisions for a shipment in this
 * port's audit journal, by declaration, container, report, exporter, gate, outcome and time window,
 * one bounded page at a time (oldest first; {@code limit} 1..{@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}; {@code after} = the previous page's {@code next}). Customs only (the
 * {@link Route} table). The journal is scanned on the admin pool, never on the event loop or a
 * gate's decision worker: a query reads from the start (or the cursor) until the page is full.
 *
 * <p>Answer: {@code {"records": [...], "count": n, "more": bool, "next": "cursor"|null}}, each record as
 * {@link AuditJson} writes it. A parameter it does not know, a value too long for the audited
 * field or a time that is not a date or ISO instant is a 400 with a message.
 */
final class AuditRoute {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("declaration", "container", "report", "exporter", "gate", "outcome",
            "from", "to", "limit", "after");

    private final Path auditDir;
    private final WorkerPool pool;

    AuditRoute(Path auditDir, WorkerPool pool) {
        this.auditDir = auditDir;
        this.pool = pool;
    }

    void query(ChannelHandlerContext ctx, String uri, Exchange ex) {
        Map<String, List<String>> q = new QueryStringDecoder(uri).parameters();
        for (String name : q.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown audit query parameter '" + name + "': use " + String.join(", ",
                        new java.util.TreeSet<>(PARAMETERS)));
            }
        }
        Integer outcome = switch (one(q, "outcome", 7) == null ? "" : one(q, "outcome", 7)) {
            case "" -> null;
            case "RELEASE" -> 1;
            case "HOLD" -> 2;
            case "BUSY" -> 3;
            default -> throw new IllegalArgumentException("outcome must be RELEASE, HOLD or BUSY");
        };
        AuditQuery.Filter f = new AuditQuery.Filter(one(q, "report", 32), one(q, "exporter", 18), one(q, "gate", 32), outcome,
                AuditQuery.micros(one(q, "from", 40)), AuditQuery.micros(one(q, "to", 40)), one(q, "declaration", 18),
                one(q, "container", 11));
        int limit = number(one(q, "limit", 9), DEFAULT_LIMIT, 1, MAX_LIMIT, "limit");
        long after = q.containsKey("after") ? number(one(q, "after", 20), 0, 0, Long.MAX_VALUE, "after") : -1;
        if (!pool.trySubmit(() -> {
            try {
                // One more than the page tells whether there is a next page without a second scan.
                List<AuditQuery.Indexed> found = AuditQuery.page(auditDir, f, after, limit + 1);
                boolean more = found.size() > limit;
                List<AuditQuery.Indexed> page = more ? found.subList(0, limit) : found;
                ObjectNode body = Json.object();
                ArrayNode records = body.putArray("records");
                page.forEach(i -> records.add(AuditJson.of(i.record())));
                body.put("count", page.size()).put("more", more);
                if (more) {
                    body.put("next", Long.toString(page.get(page.size() - 1).index()));
                } else {
                    body.putNull("next");
                }
                send(ctx, ex, json(HttpResponseStatus.OK, body));
            } catch (RuntimeException | Error e) {
                send(ctx, ex, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error reading the audit: " + e));
            }
        })) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy: retry shortly");
        }
    }

    /** The single value of {@code name}, or null; printable ASCII of at most {@code max} characters. */
    private static String one(Map<String, List<String>> q, String name, int max) {
        List<String> v = q.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() != 1) {
            throw new IllegalArgumentException("give " + name + " once");
        }
        String s = v.get(0);
        if (s.isEmpty() || s.length() > max || !s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException(name + " must be 1.." + max + " printable ASCII characters");
        }
        return s;
    }

    private static long number(String s, long absent, long min, long max, String name) {
        if (s == null) {
            return absent;
        }
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number " + min + ".." + max);
        }
    }

    private static int number(String s, int absent, int min, int max, String name) {
        return (int) number(s, (long) absent, min, max, name);
    }
}
