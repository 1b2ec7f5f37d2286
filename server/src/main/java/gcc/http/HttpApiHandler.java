package gcc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.decision.Language;
import gcc.metrics.GateMetrics;
import gcc.metrics.NodeHealth;
import gcc.metrics.PrometheusText;
import gcc.policy.Policy;
import gcc.recorder.DecisionRecorder;
import gcc.registry.ReportRecord;
import gcc.registry.RegistryService;
import gcc.report.ReportDocument;
import gcc.transport.InFlight;
import gcc.transport.WorkerPool;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

import static gcc.http.Replies.error;
import static gcc.http.Replies.expect;
import static gcc.http.Replies.json;
import static gcc.http.Replies.send;
import static gcc.http.Replies.text;

/**
 * One HTTP API step: routes a complete request to its operation and writes one JSON (or
 * Prometheus text) response. Decisions run on the worker pool through the
 * {@link DecisionRecorder} and write back on the channel; admin changes go to
 * {@link AdminRoutes}; the event loop only parses, routes and reads the off-heap registry. Every
 * failure is a JSON error with a 4xx/5xx status and a message.
 *
 * <p>Routes (only those of {@link Route} are served, who may call each checked on the request
 * head by {@link AccessGate}; contract in {@code docs/openapi.yaml}):
 * <pre>
 * POST /v1/verify                        {code, exporter, product?, at?}  decision with every reason
 *                                        (summary and detail in the Accept-Language: zh or en)
 * GET  /v1/reports/{id}                  registry record and status
 * GET  /v1/audit?declaration=&container=&report=&exporter=&gate=&outcome=&from=&to=&limit=&after=
 *                                        a page of audited decisions ({@link AuditRoute})
 * /v1/admin/...                          see {@link AdminRoutes}
 * GET  /metrics   GET /health   GET /ready
 * </pre>
 */
@ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final DecisionRecorder recorder;
    private final WorkerPool workers;
    private final InFlight inFlight;
    private final GateMetrics metrics;
    private final RegistryService reports;
    private final Supplier<Policy> policy;
    private final NodeHealth health;
    private final PrometheusText prometheus;
    private final AdminRoutes admin;
    private final AtWindow atWindow;
    private final AuditRoute audit;

    /**
     * @param recorder   decides, records and counts {@code /v1/verify}
     * @param workers    where decisions run (a full queue is a 503)
     * @param inFlight   counts decisions under way for a graceful stop
     * @param metrics    counts BUSY answers
     * @param reports    read-only registry for {@code /v1/reports/{id}}
     * @param policy     the policy in force (its zone reads {@code at} dates)
     * @param health     {@code /health} and {@code /ready}
     * @param prometheus {@code /metrics}
     * @param admin      everything under {@code /v1/admin/}
     * @param clock      now, for the window of {@code at} dates
     * @param atBack     how far back an {@code at} date may lie
     * @param atAhead    how far ahead an {@code at} date may lie
     * @param auditDir   the audit journal {@code GET /v1/audit} reads
     * @param auditPool  where audit queries scan (not the decision workers)
     */
    public HttpApiHandler(DecisionRecorder recorder, WorkerPool workers, InFlight inFlight, GateMetrics metrics,
                          RegistryService reports, Supplier<Policy> policy, NodeHealth health, PrometheusText prometheus,
                          AdminRoutes admin, java.time.Clock clock, java.time.Duration atBack,
                          java.time.Duration atAhead, java.nio.file.Path auditDir, WorkerPool auditPool) {
        this.recorder = recorder;
        this.workers = workers;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.reports = reports;
        this.policy = policy;
        this.health = health;
        this.prometheus = prometheus;
        this.admin = admin;
        this.atWindow = new AtWindow(clock, atBack, atAhead);
        this.audit = new AuditRoute(auditDir, auditPool);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        Exchange ex = ResponseOrder.exchange(ctx, HttpUtil.isKeepAlive(req));
        if (!req.decoderResult().isSuccess()) {
            // The codec discards the rest of a connection after a malformed request: answer, close.
            Throwable cause = req.decoderResult().cause();
            send(ctx, ex.closing(), error(cause instanceof io.netty.handler.codec.TooLongFrameException
                            ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + (cause == null ? "unreadable" : cause.getMessage())));
            return;
        }
        String path = req.uri();
        try {
            // A bad percent-escape (%ZZ) is the client's error: a 400 below, never a dropped connection.
            path = new QueryStringDecoder(req.uri()).path();
            route(ctx, req, path, ex);
        } catch (ApiException e) {
            send(ctx, ex, error(e.status, e.getMessage()));
        } catch (IllegalArgumentException e) {
            send(ctx, ex, error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (RuntimeException | Error e) {
            recorder.internalError(req.method() + " " + path, e);
            send(ctx, ex, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path, Exchange ex) {
        HttpMethod m = req.method();
        if (Route.match(m.name(), path) == null) {
            // Only what the route table lists is served, so the table (and the OpenAPI contract
            // checked against it) is the whole API: add a route there first.
            String allowed = Route.methodsFor(path);
            throw allowed.isEmpty() ? new ApiException(HttpResponseStatus.NOT_FOUND, "no route " + path)
                    : new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + allowed);
        }
        if (path.equals("/v1/verify")) {
            expect(m, HttpMethod.POST);
            verify(ctx, req, ex);
        } else if (path.startsWith("/v1/reports/")) {
            expect(m, HttpMethod.GET);
            report(ctx, path.substring("/v1/reports/".length()), ex);
        } else if (path.equals("/v1/audit")) {
            expect(m, HttpMethod.GET);
            audit.query(ctx, req.uri(), ex);
        } else if (path.startsWith("/v1/admin/")) {
            admin.route(ctx, req, path.substring("/v1/admin/".length()), ex);
        } else if (path.equals("/metrics")) {
            expect(m, HttpMethod.GET);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(prometheus.render().getBytes(StandardCharsets.UTF_8)));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
            send(ctx, ex, r);
        } else if (path.equals("/health")) {
            expect(m, HttpMethod.GET);
            send(ctx, ex, json(HttpResponseStatus.OK, health()));
        } else if (path.equals("/ready")) {
            expect(m, HttpMethod.GET);
            java.util.List<gcc.metrics.Readiness> conditions = health.conditions();
            boolean ready = conditions.stream().allMatch(gcc.metrics.Readiness::ok);
            ObjectNode body = health().put("ready", ready);
            com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("conditions");
            conditions.forEach(c -> list.addObject().put("name", c.name()).put("ok", c.ok()).put("message", c.message()));
            send(ctx, ex, json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body));
        } else {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no route " + path);
        }
    }

    private ObjectNode health() {
        ObjectNode n = Json.object();
        n.put("status", health.stopping() ? "stopping" : "up");
        n.put("registryReady", health.registryReady());
        n.put("registryEntries", health.registryEntries());
        n.put("registryLastSequence", health.registryLastSequence());
        n.put("trustListVersion", health.trustListVersion());
        n.put("policyVersion", health.policyVersion());
        n.put("auditHealthy", health.auditHealthy());
        n.put("startedAt", health.startedAt().toString());
        gcc.registry.RegistryLink link = health.registryLink();
        if (link != null) {
            ObjectNode c = n.putObject("cluster");
            c.put("port", link.portId()).put("state", link.state()).put("openedAs", link.openedAs())
                    .put("appliedOffset", link.appliedOffset()).put("endOffset", link.endOffset()).put("lag", link.lag())
                    .put("lastContact", link.lastContactMillis() == 0 ? "never"
                            : java.time.Instant.ofEpochMilli(link.lastContactMillis()).toString())
                    .put("confirmedCurrentMillisAgo", link.freshnessAgeMillis()).put("stale", link.stale())
                    .put("stalenessBoundMillis", link.stalenessBoundMillis()).put("catchUpMillis", link.catchUpMillis())
                    .put("catchUpMessages", link.catchUpMessages()).put("appliedMessages", link.appliedMessages())
                    .put("undecodable", link.undecodable()).put("lastError", link.lastError());
        }
        return n;
    }

    // ------------------------------------------------------------------ verify

    private void verify(ChannelHandlerContext ctx, FullHttpRequest req, Exchange ex) {
        VerifyBody body = VerifyBody.parse(ByteBufUtil.getBytes(req.content()));
        String code = body.code();
        String exporter = body.exporter();
        String product = body.product();
        Instant at = at(body.at());
        Language lang = Language.fromAcceptLanguage(req.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE));
        inFlight.enter();
        boolean accepted = workers.trySubmit(() -> {
            try {
                DecisionRecorder.Verdict v = recorder.verify(code, exporter, product, at);
                FullHttpResponse r = json(HttpResponseStatus.OK, Json.decision(v.decision(), v.serverMicros(), lang));
                r.headers().set(HttpHeaderNames.CONTENT_LANGUAGE, lang.tag());
                send(ctx, ex, r);
            } catch (RuntimeException | Error e) {
                recorder.internalError("POST /v1/verify", e);
                send(ctx, ex, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e));
            } finally {
                inFlight.leave();
            }
        });
        if (!accepted) {
            inFlight.leave();
            metrics.busy();
            FullHttpResponse r = error(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy: retry shortly");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            send(ctx, ex, r);
        }
    }

    /** {@code at}: a date (that day at 00:00 in the policy's zone) or an ISO instant, inside the window. */
    private Instant at(String at) {
        if (at == null) {
            return null;
        }
        try {
            if (at.length() == 10) {
                return atWindow.check(LocalDate.parse(at).atStartOfDay(policy.get().zone()).toInstant());
            }
            return atWindow.check(Instant.parse(at));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'at' must be a date YYYY-MM-DD or an ISO instant: " + at);
        }
    }

    // ------------------------------------------------------------------ reports

    private void report(ChannelHandlerContext ctx, String id, Exchange ex) {
        if (id.isEmpty() || id.length() > ReportDocument.MAX_ID) {
            throw new IllegalArgumentException("report id must be 1.." + ReportDocument.MAX_ID + " characters");
        }
        if (!reports.ready()) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "registry is not ready");
        }
        ReportRecord r = new ReportRecord();
        if (!reports.get(id, r)) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no registered report " + id);
        }
        // The itemized figures live in the journal, not the index: read them off the event loop.
        if (!workers.trySubmit(() -> {
            try {
                send(ctx, ex, json(HttpResponseStatus.OK, Json.record(r, reports.document(id), reports.statusChange(id))));
            } catch (RuntimeException | Error e) {
                send(ctx, ex, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e));
            }
        })) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy: retry shortly");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only transport failures reach here (a reset, a TLS error): request errors are answered above.
        ctx.close();
    }
}
