package gcc.http;

import gcc.admin.AdminActions;
import gcc.policy.Policy;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.transport.WorkerPool;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import static gcc.http.Replies.error;
import static gcc.http.Replies.expect;
import static gcc.http.Replies.json;
import static gcc.http.Replies.send;
import static gcc.http.Replies.text;

/**
 * The admin routes under {@code /v1/admin/}: authorizes the caller, parses the request on the
 * event loop, and runs the change on the single admin worker (changes are journaled and synced,
 * so they must not block a loop). A full admin queue is a 503.
 *
 * <pre>
 * POST /v1/admin/reports                 report JSON (with supersedes = a revision)
 * POST /v1/admin/reports/{id}/{suspend|reinstate|revoke}  {reason}
 * PUT  /v1/admin/trust-list              signed trust list bytes (application/cose)
 * POST /v1/admin/policy/reload
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class AdminRoutes {
    private final AdminAuth auth;
    private final AdminActions actions;
    private final WorkerPool adminPool;

    public AdminRoutes(AdminAuth auth, AdminActions actions, WorkerPool adminPool) {
        this.auth = auth;
        this.actions = actions;
        this.adminPool = adminPool;
    }

    /** Routes {@code op} (the path after {@code /v1/admin/}). */
    void route(ChannelHandlerContext ctx, FullHttpRequest req, String op, boolean keepAlive) {
        String actor = auth.authorize(ctx.channel(), req.headers().get(HttpHeaderNames.AUTHORIZATION),
                req.headers().get("X-Actor"));
        if (actor == null) {
            FullHttpResponse r = error(HttpResponseStatus.UNAUTHORIZED,
                    "admin API needs a bearer token or a client certificate from the configured CA");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            send(ctx, keepAlive, r);
            return;
        }
        Runnable task = task(ctx, req, op, actor, keepAlive);
        if (!adminPool.trySubmit(task)) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin queue full: retry shortly");
        }
    }

    private Runnable task(ChannelHandlerContext ctx, FullHttpRequest req, String op, String actor, boolean keepAlive) {
        byte[] body = ByteBufUtil.getBytes(req.content());
        HttpMethod m = req.method();
        if (op.equals("reports")) {
            expect(m, HttpMethod.POST);
            RegistryEvent e = RegistryEvent.register(report(body), actor);
            return () -> registryChange(ctx, keepAlive, e, HttpResponseStatus.CREATED);
        } else if (op.startsWith("reports/")) {
            expect(m, HttpMethod.POST);
            RegistryEvent e = statusChange(op.substring("reports/".length()), body, actor);
            return () -> registryChange(ctx, keepAlive, e, HttpResponseStatus.OK);
        } else if (op.equals("trust-list")) {
            expect(m, HttpMethod.PUT);
            return () -> trustList(ctx, keepAlive, body, actor);
        } else if (op.equals("policy/reload")) {
            expect(m, HttpMethod.POST);
            return () -> reloadPolicy(ctx, keepAlive, actor);
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "no admin route " + op);
    }

    private static ReportDocument report(byte[] body) {
        try {
            return ReportJson.fromJson(Json.parse(body));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "invalid report: " + e.getMessage());
        }
    }

    private static RegistryEvent statusChange(String idAndAction, byte[] body, String actor) {
        String[] parts = idAndAction.split("/");
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
        return RegistryEvent.status(type, parts[0], reason, actor);
    }

    private void registryChange(ChannelHandlerContext ctx, boolean keepAlive, RegistryEvent e, HttpResponseStatus ok) {
        try {
            String refusal = actions.submit(e);
            if (refusal == null) {
                send(ctx, keepAlive, json(ok, Json.object().put("reportId", e.reportId()).put("change", e.type().name())
                        .put("lastSequence", actions.lastSequence())));
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

    private void trustList(ChannelHandlerContext ctx, boolean keepAlive, byte[] body, String actor) {
        try {
            TrustList t = actions.loadTrustList(body, actor);
            send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.object().put("trustListVersion", t.version())
                    .put("labs", t.labs().size()).put("keys", t.keys().size())));
        } catch (TrustListException e) {
            send(ctx, keepAlive, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        } catch (Exception e) {
            send(ctx, keepAlive, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot store trust list: " + e));
        }
    }

    private void reloadPolicy(ChannelHandlerContext ctx, boolean keepAlive, String actor) {
        try {
            Policy p = actions.reloadPolicy(actor);
            send(ctx, keepAlive, json(HttpResponseStatus.OK, Json.object().put("policyVersion", p.version())));
        } catch (Exception e) {
            send(ctx, keepAlive, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, "policy kept; new one refused: "
                    + e.getMessage()));
        }
    }
}
