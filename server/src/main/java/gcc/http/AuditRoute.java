package gcc.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.transport.WorkerPool;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gcc.http.Replies.error;
import static gcc.http.Replies.json;
import static gcc.http.Replies.send;

/**
 * {@code GET /v1/admin/audit}: finds decisions for post-clearance inspection by declaration, container,
 * report, exporter, gate and time window ({@code from} inclusive, {@code to} exclusive, ISO-8601
 * instants), oldest first, at most {@code limit} (1..{@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}) per page; {@code truncated} says more matched. Which roles may call it is
 * the {@link Route} table's ({@link Route#AUDIT}: customs). The scan reads the audit queue from
 * disk, so it runs on the admin worker, never on an event loop. An unknown parameter or a bad
 * value is a 400 with a JSON message.
 */
final class AuditRoute {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("declaration", "container", "report", "exporter", "gate", "from",
            "to", "limit");
    private static final int MAX_VALUE = 64;

    private final Path auditDir;
    private final WorkerPool pool;

    AuditRoute(Path auditDir, WorkerPool pool) {
        this.auditDir = auditDir;
        this.pool = pool;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest req, Exchange ex) {
        Map<String, List<String>> q = new QueryStringDecoder(req.uri()).parameters();
        for (String name : q.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "unknown parameter " + name + "; use " + PARAMETERS);
            }
        }
        Long from = instant(q, "from");
        Long to = instant(q, "to");
        if (from != null && to != null && from >= to) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "from must be before to");
        }
        String limitText = value(q, "limit");
        int limit;
        try {
            limit = limitText == null ? DEFAULT_LIMIT : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "limit must be a number 1.." + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        AuditQuery.Filter filter = new AuditQuery.Filter(value(q, "report"), value(q, "exporter"), value(q, "gate"), null,
                from, to, value(q, "declaration"), value(q, "container"));
        int page = limit;
        if (!pool.trySubmit(() -> answer(ctx, ex, filter, page))) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin queue full: retry shortly");
        }
    }

    private void answer(ChannelHandlerContext ctx, Exchange ex, AuditQuery.Filter filter, int limit) {
        try {
            List<AuditRecord> found = new ArrayList<>();
            AuditQuery.scan(auditDir, filter, limit + 1L, found::add);
            ObjectNode n = Json.object();
            boolean truncated = found.size() > limit;
            n.put("count", Math.min(found.size(), limit)).put("limit", limit).put("truncated", truncated);
            ArrayNode list = n.putArray("records");
            for (AuditRecord r : truncated ? found.subList(0, limit) : found) {
                list.add(toJson(r));
            }
            send(ctx, ex, json(HttpResponseStatus.OK, n));
        } catch (RuntimeException e) {
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "audit could not be read: " + e.getMessage()));
        }
    }

    static ObjectNode toJson(AuditRecord r) {
        ObjectNode o = Json.object();
        o.put("time", r.time().toString()).put("source", r.source().name());
        if (r.source() == gcc.audit.DecisionAudit.Source.ADMIN) {
            return o.put("actor", r.actor()).put("action", r.action());
        }
        o.put("gate", r.gate()).put("lane", r.lane()).put("exporter", r.exporter()).put("report", r.reportId())
                .put("outcome", r.outcomeName()).put("micros", r.micros())
                .put("declaration", r.declaration()).put("container", r.container());
        ArrayNode reasons = o.putArray("reasons");
        r.reasonNames().forEach(reasons::add);
        if (r.decidedForTime() != null) {
            o.put("decidedFor", r.decidedForTime().toString());
        }
        return o;
    }

    private static String value(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "parameter " + name + " given twice");
        }
        String s = v.get(0).trim();
        if (s.isEmpty() || s.length() > MAX_VALUE) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "parameter " + name + " must be 1.." + MAX_VALUE
                    + " characters");
        }
        return s;
    }

    private static Long instant(Map<String, List<String>> q, String name) {
        String s = value(q, name);
        if (s == null) {
            return null;
        }
        try {
            Instant t = Instant.parse(s);
            return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, name + " must be an ISO-8601 instant such as "
                    + "2026-06-01T00:00:00Z: " + s);
        }
    }
}
