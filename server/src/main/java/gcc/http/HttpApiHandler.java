package gcc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.decision.Decision;
import gcc.metrics.PrometheusText;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.server.GateNode;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One HTTP API step: routes a complete request to its operation and writes one JSON (or
 * Prometheus text) response. Work that may block or do curve math runs on the node's worker
 * pools and writes back on the channel; the event loop only parses, routes and reads the
 * off-heap registry. Every failure is a JSON error with a 4xx/5xx status and a message.
 *
 * <p>Routes (schema in {@code docs/operations.md}):
 * <pre>
 * POST /v1/verify                        {code, exporter, product?, at?}  decision with every reason
 * GET  /v1/reports/{id}                  registry record and status
 * POST /v1/admin/reports                 report JSON (with supersedes = a revision)      [admin]
 * POST /v1/admin/reports/{id}/{suspend|reinstate|revoke}  {reason}                      [admin]
 * PUT  /v1/admin/trust-list              signed trust list bytes (application/cose)       [admin]
 * POST /v1/admin/policy/reload                                                           [admin]
 * GET  /metrics   GET /health   GET /ready
 * </pre>
 */
@ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String JSON = "application/json";
    private final GateNode node;

    public HttpApiHandler(GateNode node) {
        this.node = node;
    }

    /** A request failure with its HTTP status. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpResponseStatus status;

        ApiException(HttpResponseStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            send(ctx, keepAlive, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        try {
            route(ctx, req, path, keepAlive);
        } catch (ApiException e) {
            send(ctx, keepAlive, error(e.status, e.getMessage()));
        } catch (IllegalArgumentException e) {
            send(ctx, keepAlive, error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (RuntimeException e) {
            send(ctx, keepAlive, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path, boolean keepAlive) {
        HttpMethod m = req.method();
        if (path.equals("/v1/verify")) {
            expect(m, HttpMethod.POST);
            verify(ctx, req, keepAlive);
        } else if (path.startsWith("/v1/reports/")) {
            expect(m, HttpMethod.GET);
            report(ctx, path.substring("/v1/reports/".length()), keepAlive);
        } else if (path.startsWith("/v1/admin/")) {
            String actor = node.adminAuth().authorize(ctx.channel(), req.headers().get(HttpHeaderNames.AUTHORIZATION),
                    req.headers().get("X-Actor"));
            if (actor == null) {
                FullHttpResponse r = error(HttpResponseStatus.UNAUTHORIZED,
                        "admin API needs a bearer token or a client certificate from the configured CA");
                r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
                send(ctx, keepAlive, r);
                return;
            }
            admin(ctx, req, path.substring("/v1/admin/".length()), actor, keepAlive);
        } else if (path.equals("/metrics")) {
            expect(m, HttpMethod.GET);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(PrometheusText.render(node).getBytes(StandardCharsets.UTF_8)));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            send(ctx, keepAlive, r);
        } else if (path.equals("/health")) {
            expect(m, HttpMethod.GET);
            send(ctx, keepAlive, json(HttpResponseStatus.OK, health()));
        } else if (path.equals("/ready")) {
            expect(m, HttpMethod.GET);
            boolean ready = node.ready();
            send(ctx, keepAlive, json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    health().put("ready", ready)));
        } else {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no route " + path);
        }
    }

    private static void expect(HttpMethod actual, HttpMethod wanted) {
        if (!actual.equals(wanted)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + wanted);
        }
    }

    private ObjectNode health() {
        ObjectNode n = Json.object();
        n.put("status", node.stopping() ? "stopping" : "up");
        n.put("registryReady", node.registry().ready());
        n.put("registryEntries", node.registry().entries());
        n.put("registryLastSequence", node.registry().lastSequence());
        TrustList t = node.trust().current();
        n.put("trustListVersion", t == null ? 0 : t.version());
        n.put("policyVersion", node.policy().get().version());
        n.put("auditHealthy", node.audit().healthy());
        n.put("startedAt", node.startedAt().toString());
        return n;
    }

    // ------------------------------------------------------------------ verify

    private void verify(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
        VerifyBody body = VerifyBody.parse(ByteBufUtil.getBytes(req.content()));
        String code = body.code();
        String exporter = body.exporter();
        String product = body.product();
        Instant at = at(body.at());
        node.inFlight().incrementAndGet();
        boolean accepted = node.workers().trySubmit(() -> {
            try {
                long[] micros = new long[1];
                Decision d = node.verifyForHttp(code, exporter, product, at, micros);
                send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.decision(d, micros[0])));
            } catch (RuntimeException e) {
                send(ctx, keepAlive, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e));
            } finally {
                node.inFlight().decrementAndGet();
            }
        });
        if (!accepted) {
            node.inFlight().decrementAndGet();
            node.metrics().busy();
            FullHttpResponse r = error(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy: retry shortly");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            send(ctx, keepAlive, r);
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        return VerifyBody.text(body, field, required);
    }

    /** {@code at}: a date (that day at 00:00 in the policy's zone) or an ISO instant. */
    private Instant at(String at) {
        if (at == null) {
            return null;
        }
        try {
            if (at.length() == 10) {
                return LocalDate.parse(at).atStartOfDay(node.policy().get().zone()).toInstant();
            }
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'at' must be a date YYYY-MM-DD or an ISO instant: " + at);
        }
    }

    // ------------------------------------------------------------------ reports

    private void report(ChannelHandlerContext ctx, String id, boolean keepAlive) {
        if (id.isEmpty() || id.length() > ReportDocument.MAX_ID) {
            throw new IllegalArgumentException("report id must be 1.." + ReportDocument.MAX_ID + " characters");
        }
        if (!node.registry().ready()) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "registry is not ready");
        }
        ReportRecord r = new ReportRecord();
        if (!node.registry().get(id, r)) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no registered report " + id);
        }
        send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.record(r)));
    }

    // ------------------------------------------------------------------ admin

    private void admin(ChannelHandlerContext ctx, FullHttpRequest req, String op, String actor, boolean keepAlive) {
        byte[] body = ByteBufUtil.getBytes(req.content());
        HttpMethod m = req.method();
        Runnable task;
        if (op.equals("reports")) {
            expect(m, HttpMethod.POST);
            ReportDocument doc;
            try {
                doc = ReportJson.fromJson(Json.parse(body));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "invalid report: " + e.getMessage());
            }
            RegistryEvent e = RegistryEvent.register(doc, actor);
            task = () -> registryChange(ctx, keepAlive, e, HttpResponseStatus.CREATED);
        } else if (op.startsWith("reports/")) {
            expect(m, HttpMethod.POST);
            String[] parts = op.substring("reports/".length()).split("/");
            if (parts.length != 2) {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "use /v1/admin/reports/{id}/{suspend|reinstate|revoke}");
            }
            RegistryEvent.Type type = switch (parts[1]) {
                case "suspend" -> RegistryEvent.Type.SUSPEND;
                case "reinstate" -> RegistryEvent.Type.REINSTATE;
                case "revoke" -> RegistryEvent.Type.REVOKE;
                default -> throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown report action " + parts[1]);
            };
            String reason = body.length == 0 ? "" : text(Json.parse(body), "reason", false);
            RegistryEvent e = RegistryEvent.status(type, parts[0], reason, actor);
            task = () -> registryChange(ctx, keepAlive, e, HttpResponseStatus.OK);
        } else if (op.equals("trust-list")) {
            expect(m, HttpMethod.PUT);
            task = () -> {
                try {
                    TrustList t = node.loadTrustList(body, actor);
                    send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.object().put("trustListVersion", t.version())
                            .put("labs", t.labs().size()).put("keys", t.keys().size())));
                } catch (TrustListException e) {
                    send(ctx, keepAlive, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
                } catch (Exception e) {
                    send(ctx, keepAlive, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot store trust list: " + e));
                }
            };
        } else if (op.equals("policy/reload")) {
            expect(m, HttpMethod.POST);
            task = () -> {
                try {
                    var p = node.reloadPolicy(actor);
                    send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.object().put("policyVersion", p.version())));
                } catch (Exception e) {
                    send(ctx, keepAlive, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, "policy kept; new one refused: "
                            + e.getMessage()));
                }
            };
        } else {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no admin route " + op);
        }
        if (!node.adminPool().trySubmit(task)) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin queue full: retry shortly");
        }
    }

    private void registryChange(ChannelHandlerContext ctx, boolean keepAlive, RegistryEvent e, HttpResponseStatus ok) {
        try {
            String refusal = node.submit(e);
            if (refusal == null) {
                send(ctx, keepAlive, json(ok, Json.object().put("reportId", e.reportId()).put("change", e.type().name())
                        .put("lastSequence", node.registry().lastSequence())));
            } else {
                HttpResponseStatus status = refusal.contains("is not registered") ? HttpResponseStatus.NOT_FOUND
                        : refusal.startsWith("invalid report") ? HttpResponseStatus.UNPROCESSABLE_ENTITY
                        : HttpResponseStatus.CONFLICT;
                send(ctx, keepAlive, error(status, refusal));
            }
        } catch (RuntimeException ex) {
            send(ctx, keepAlive, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "registry change not made: " + ex.getMessage()));
        }
    }

    // ------------------------------------------------------------------ responses

    private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(Json.bytes(body)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        return r;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, Json.error(status.code(), message));
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse r) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
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
        ctx.close();
    }
}
