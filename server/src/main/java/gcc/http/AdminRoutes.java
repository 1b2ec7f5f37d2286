package gcc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.admin.AdminActions;
import gcc.admin.LabScope;
import gcc.auth.Credential;
import gcc.auth.CredentialStore;
import gcc.auth.Principal;
import gcc.policy.Policy;
import gcc.registry.RecallScopes;
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

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

import static gcc.http.Replies.error;
import static gcc.http.Replies.expect;
import static gcc.http.Replies.json;
import static gcc.http.Replies.send;
import static gcc.http.Replies.text;

/**
 * The admin routes under {@code /v1/admin/}: takes the caller {@link AccessGate} admitted (its
 * principal is the actor of the change; no header names another), parses the request on the
 * event loop, and runs the change on the single admin worker (changes are journaled and synced,
 * so they must not block a loop). A lab's change is confined by {@link LabScope} on that worker,
 * right before it is made. A full admin queue is a 503. Which role may call which route:
 * {@link Route}.
 *
 * <pre>
 * POST /v1/admin/reports                 report JSON (with supersedes = a revision)
 * POST /v1/admin/reports/{id}/{suspend|reinstate|revoke}  {reason}
 * PUT  /v1/admin/trust-list              signed trust list bytes (application/cose)
 * POST /v1/admin/policy/reload
 * POST /v1/admin/recalls/{lab|exporter|model}/{value}/{revoke|suspend|lift}  {reason}
 * POST /v1/admin/exporters/{uscc}/{suspend|reinstate}                      {reason}
 * GET  /v1/admin/credentials             the credentials in force (digests and subjects)
 * POST /v1/admin/credentials             {principal, role, certSubject? | certSha256?}  (else a new token, answered once)
 * DELETE /v1/admin/credentials/{principal}
 * POST /v1/admin/credentials/reload      read the credentials file again
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class AdminRoutes {
    private final CredentialStore credentials;
    private final AdminActions actions;
    private final LabScope labs;
    private final WorkerPool adminPool;

    public AdminRoutes(CredentialStore credentials, AdminActions actions, LabScope labs, WorkerPool adminPool) {
        this.credentials = credentials;
        this.actions = actions;
        this.labs = labs;
        this.adminPool = adminPool;
    }

    /** Routes {@code op} (the path after {@code /v1/admin/}). */
    void route(ChannelHandlerContext ctx, FullHttpRequest req, String op, Exchange ex) {
        Principal caller = AccessGate.caller(ctx);
        if (caller == null) {
            // AccessGate admits no anonymous admin call; this guards a pipeline built without it.
            FullHttpResponse r = error(HttpResponseStatus.UNAUTHORIZED, "admin API needs a credential");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            send(ctx, ex, r);
            return;
        }
        Runnable task = task(ctx, req, op, caller, ex);
        if (!adminPool.trySubmit(task)) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin queue full: retry shortly");
        }
    }

    private Runnable task(ChannelHandlerContext ctx, FullHttpRequest req, String op, Principal caller, Exchange ex) {
        byte[] body = ByteBufUtil.getBytes(req.content());
        HttpMethod m = req.method();
        String actor = caller.name();
        if (op.equals("reports")) {
            expect(m, HttpMethod.POST);
            ReportDocument doc = report(body);
            RegistryEvent e = RegistryEvent.register(doc, actor);
            return () -> registryChange(ctx, ex, e, HttpResponseStatus.CREATED, () -> labs.register(caller, doc));
        } else if (op.startsWith("reports/")) {
            expect(m, HttpMethod.POST);
            RegistryEvent e = statusChange(op.substring("reports/".length()), body, actor);
            return () -> registryChange(ctx, ex, e, HttpResponseStatus.OK, () -> labs.withdraw(caller, e.reportId()));
        } else if (op.equals("credentials") && m.equals(HttpMethod.POST)) {
            NewCredential c = credential(body);
            return () -> addCredential(ctx, ex, c, actor);
        } else if (op.equals("credentials")) {
            expect(m, HttpMethod.GET);
            return () -> listCredentials(ctx, ex);
        } else if (op.startsWith("credentials/") && !op.equals("credentials/reload")) {
            expect(m, HttpMethod.DELETE);
            String principal = op.substring("credentials/".length());
            return () -> removeCredential(ctx, ex, principal, actor);
        } else if (op.equals("credentials/reload")) {
            expect(m, HttpMethod.POST);
            return () -> reloadCredentials(ctx, ex);
        } else if (op.equals("trust-list")) {
            expect(m, HttpMethod.PUT);
            return () -> trustList(ctx, ex, body, actor);
        } else if (op.startsWith("recalls/") || op.startsWith("exporters/")) {
            expect(m, HttpMethod.POST);
            RegistryEvent e = recall(op, body, actor);
            return () -> registryChange(ctx, ex, e, HttpResponseStatus.OK, () -> null);
        } else if (op.equals("policy/reload")) {
            expect(m, HttpMethod.POST);
            return () -> reloadPolicy(ctx, ex, actor);
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

    /**
     * A recall reaching every report of a lab, manufacturer or model, or an exporter suspension:
     * one journaled event with its scope, which the rules check at every decision.
     */
    private static RegistryEvent recall(String op, byte[] body, String actor) {
        String[] parts = op.split("/");
        String reason = body.length == 0 ? "" : text(Json.parse(body), "reason", false);
        if (parts[0].equals("exporters")) {
            if (parts.length != 3) {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "use /v1/admin/exporters/{uscc}/{suspend|reinstate}");
            }
            RegistryEvent.Type type = switch (parts[2]) {
                case "suspend" -> RegistryEvent.Type.SCOPE_SUSPEND;
                case "reinstate" -> RegistryEvent.Type.SCOPE_LIFT;
                default -> throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown exporter action " + parts[2]);
            };
            if (RecallScopes.parse(RecallScopes.Kind.DECLARANT + ":" + parts[1], false, 0, reason) == null) {
                throw new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "not a valid USCC: " + parts[1]);
            }
            return RegistryEvent.scope(type, RecallScopes.Kind.DECLARANT + ":" + parts[1], reason, actor);
        }
        if (parts.length != 4) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND,
                    "use /v1/admin/recalls/{lab|exporter|model}/{value}/{revoke|suspend|lift}");
        }
        RecallScopes.Kind kind = switch (parts[1]) {
            case "lab" -> RecallScopes.Kind.LAB;
            case "exporter" -> RecallScopes.Kind.EXPORTER;
            case "model" -> RecallScopes.Kind.MODEL;
            default -> throw new ApiException(HttpResponseStatus.NOT_FOUND, "recalls reach a lab, exporter or model, not " + parts[1]);
        };
        RegistryEvent.Type type = switch (parts[3]) {
            case "revoke" -> RegistryEvent.Type.SCOPE_REVOKE;
            case "suspend" -> RegistryEvent.Type.SCOPE_SUSPEND;
            case "lift" -> RegistryEvent.Type.SCOPE_LIFT;
            default -> throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown recall action " + parts[3]);
        };
        String value = io.netty.handler.codec.http.QueryStringDecoder.decodeComponent(parts[2]);
        if (RecallScopes.parse(kind + ":" + value, false, 0, reason) == null) {
            throw new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "not a valid " + parts[1] + ": " + value);
        }
        return RegistryEvent.scope(type, kind + ":" + value, reason, actor);
    }

    private void registryChange(ChannelHandlerContext ctx, Exchange ex, RegistryEvent e, HttpResponseStatus ok,
                                Supplier<LabScope.Refusal> scope) {
        try {
            LabScope.Refusal outOfScope = scope.get();
            if (outOfScope != null) {
                send(ctx, ex, error(HttpResponseStatus.valueOf(outOfScope.status()), outOfScope.message()));
                return;
            }
            String refusal = actions.submit(e);
            if (refusal == null) {
                send(ctx, ex, json(ok, Json.object().put(e.isScope() ? "scope" : "reportId", e.reportId())
                        .put("change", e.type().name()).put("lastSequence", actions.lastSequence())));
            } else {
                HttpResponseStatus status = refusal.contains("is not registered") ? HttpResponseStatus.NOT_FOUND
                        : refusal.startsWith("invalid report") ? HttpResponseStatus.UNPROCESSABLE_ENTITY
                        : HttpResponseStatus.CONFLICT;
                send(ctx, ex, error(status, refusal));
            }
        } catch (Throwable failure) {
            // Not journaled (a full disk, an I/O error) or not attributable (the audit is down):
            // nothing changed, and the caller must hear so rather than wait for an answer.
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "registry change not made: " + failure.getMessage()));
        }
    }

    private void listCredentials(ChannelHandlerContext ctx, Exchange ex) {
        ObjectNode n = Json.object();
        n.put("file", credentials.file().getFileName().toString());
        ArrayNode list = n.putArray("credentials");
        list.addObject().put("principal", Principal.ADMIN.name()).put("role", Principal.ADMIN.roleText())
                .put("kind", "admin.token");
        for (Credential c : credentials.current().listed()) {
            list.addObject().put("principal", c.principal().name()).put("role", c.principal().roleText())
                    .put("kind", c.kind().field()).put("value", c.value());
        }
        send(ctx, ex, json(HttpResponseStatus.OK, n));
    }

    /** A credential to add, and the new token it was made from (only for a token credential; answered once). */
    private record NewCredential(Credential credential, String token) {
    }

    /** The credential a customs caller asks to add: a listed certificate, or else a new random token. */
    private static NewCredential credential(byte[] body) {
        JsonNode n = Json.parse(body);
        try {
            Principal p = Principal.of(text(n, "principal", true), text(n, "role", true));
            if (p.name().equals(Principal.ADMIN.name())) {
                throw new IllegalArgumentException("principal 'admin' is the admin.token setting's");
            }
            String subject = text(n, "certSubject", false);
            String fingerprint = text(n, "certSha256", false);
            subject = subject == null ? "" : subject;
            fingerprint = fingerprint == null ? "" : fingerprint;
            if (!subject.isEmpty() && !fingerprint.isEmpty()) {
                throw new IllegalArgumentException("give certSubject or certSha256, not both");
            }
            if (!subject.isEmpty()) {
                return new NewCredential(new Credential(p, Credential.Kind.CERT_SUBJECT, subject), null);
            }
            if (!fingerprint.isEmpty()) {
                return new NewCredential(new Credential(p, Credential.Kind.CERT_SHA256, fingerprint), null);
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            return new NewCredential(Credential.token(p, token), token);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "invalid credential: " + e.getMessage());
        }
    }

    private void addCredential(ChannelHandlerContext ctx, Exchange ex, NewCredential c, String actor) {
        Principal p = c.credential().principal();
        try {
            actions.audited(actor, "credential added: " + p.name() + " (" + p.roleText() + ", " + c.credential().kind().field() + ")",
                    () -> {
                        credentials.add(c.credential());
                        return true;
                    });
            ObjectNode n = Json.object().put("principal", p.name()).put("role", p.roleText())
                    .put("kind", c.credential().kind().field());
            if (c.token() != null) {
                n.put("token", c.token());
            }
            send(ctx, ex, json(HttpResponseStatus.CREATED, n));
        } catch (IllegalStateException e) {
            send(ctx, ex, error(HttpResponseStatus.CONFLICT, e.getMessage()));
        } catch (IllegalArgumentException e) {
            send(ctx, ex, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        } catch (Throwable e) {
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "credential not added: " + e.getMessage()));
        }
    }

    private void removeCredential(ChannelHandlerContext ctx, Exchange ex, String principal, String actor) {
        try {
            boolean removed = actions.audited(actor, "credential removed: " + principal, () -> credentials.remove(principal));
            send(ctx, ex, removed ? json(HttpResponseStatus.OK, Json.object().put("removed", principal))
                    : error(HttpResponseStatus.NOT_FOUND, "no credential for principal " + principal));
        } catch (IllegalArgumentException e) {
            send(ctx, ex, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        } catch (Throwable e) {
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "credential not removed: " + e.getMessage()));
        }
    }

    private void reloadCredentials(ChannelHandlerContext ctx, Exchange ex) {
        try {
            int n = credentials.reload();
            send(ctx, ex, json(HttpResponseStatus.OK, Json.object().put("credentials", n)));
        } catch (IllegalArgumentException e) {
            send(ctx, ex, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage() + "; the credentials in force stay"));
        } catch (Throwable e) {
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "credentials not reloaded: " + e));
        }
    }

    private void trustList(ChannelHandlerContext ctx, Exchange ex, byte[] body, String actor) {
        try {
            TrustList t = actions.loadTrustList(body, actor);
            send(ctx, ex, json(HttpResponseStatus.OK, Json.object().put("trustListVersion", t.version())
                    .put("labs", t.labs().size()).put("keys", t.keys().size())));
        } catch (TrustListException e) {
            send(ctx, ex, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        } catch (Throwable e) {
            send(ctx, ex, error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "trust list not stored; the previous one stays in force: " + e.getMessage()));
        }
    }

    private void reloadPolicy(ChannelHandlerContext ctx, Exchange ex, String actor) {
        try {
            Policy p = actions.reloadPolicy(actor);
            send(ctx, ex, json(HttpResponseStatus.OK, Json.object().put("policyVersion", p.version())));
        } catch (Throwable e) {
            send(ctx, ex, error(HttpResponseStatus.UNPROCESSABLE_ENTITY, "policy kept; new one refused: "
                    + e.getMessage()));
        }
    }
}
