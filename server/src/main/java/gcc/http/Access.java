package gcc.http;

import gcc.auth.CredentialStore;
import gcc.auth.Principal;
import gcc.auth.RateLimiter;
import gcc.auth.Role;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * Who is calling and whether they may: identifies the caller (a client certificate the TLS
 * listener verified and the credentials list, else a bearer token, else nobody), then checks the
 * {@link Route} table, the anonymous settings and a forwarder's rate. The actor of every change is
 * the principal found here; no header can name another.
 *
 * <p>Thread-safe.
 */
public final class Access {
    private final CredentialStore credentials;
    private final boolean anonymousVerify;
    private final boolean anonymousProbes;
    private final RateLimiter forwarders;

    /**
     * @param credentials     the credentials in force (reloaded as the file changes)
     * @param anonymousVerify whether callers without a credential may pre-validate and look up reports
     * @param anonymousProbes whether callers without a credential may read metrics, health and readiness
     * @param forwarders      the per-credential rate of forwarders' pre-validations
     */
    public Access(CredentialStore credentials, boolean anonymousVerify, boolean anonymousProbes, RateLimiter forwarders) {
        this.credentials = credentials;
        this.anonymousVerify = anonymousVerify;
        this.anonymousProbes = anonymousProbes;
        this.forwarders = forwarders;
    }

    /**
     * The outcome of the check: the caller ({@code null} for nobody) when admitted, else the status
     * and message to refuse with ({@code retryAfterSeconds} for a 429).
     */
    record Verdict(Principal caller, HttpResponseStatus refusal, String message, long retryAfterSeconds) {
        static Verdict admit(Principal p) {
            return new Verdict(p, null, null, 0);
        }

        static Verdict refuse(HttpResponseStatus status, String message) {
            return new Verdict(null, status, message, 0);
        }

        boolean admitted() {
            return refusal == null;
        }
    }

    /** Checks one request head: {@code path} decoded, {@code authorization} the header or null. */
    Verdict check(Channel channel, String method, String path, String authorization) {
        Principal caller = certificateHolder(channel);
        if (caller == null && authorization != null) {
            caller = authorization.startsWith("Bearer ") ? credentials.current().forToken(authorization.substring(7).trim()) : null;
            if (caller == null) {
                return Verdict.refuse(HttpResponseStatus.UNAUTHORIZED,
                        "credential not recognized: send Authorization: Bearer TOKEN with a token issued by gatectl credentials add");
            }
        }
        Route route = Route.match(method, path);
        if (route == null) {
            // Not in the table: the handler answers 404 or 405; an unlisted admin path is customs-only.
            if (!path.startsWith("/v1/admin/")) {
                return Verdict.admit(caller);
            }
            return caller == null ? unauthenticated() : caller.role() == Role.CUSTOMS ? Verdict.admit(caller)
                    : forbidden(caller, method + " " + path, "customs");
        }
        if (caller == null) {
            boolean open = switch (route.anonymous()) {
                case NEVER -> false;
                case PREVALIDATION -> anonymousVerify;
                case PROBES -> anonymousProbes;
            };
            return open ? Verdict.admit(null) : unauthenticated();
        }
        if (!route.allows(caller.role())) {
            return forbidden(caller, route.method() + " " + route.template(), roles(route));
        }
        if (caller.role() == Role.FORWARDER && route.rateLimitedForForwarders()) {
            long wait = forwarders.acquire(caller.name());
            if (wait > 0) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
                return new Verdict(null, HttpResponseStatus.TOO_MANY_REQUESTS,
                        "forwarder " + caller.name() + " is over its rate: retry in " + seconds + " s", seconds);
            }
        }
        return Verdict.admit(caller);
    }

    private static Verdict unauthenticated() {
        return Verdict.refuse(HttpResponseStatus.UNAUTHORIZED,
                "this route needs a credential: a bearer token or a client certificate listed for a role that may call it");
    }

    private static Verdict forbidden(Principal caller, String what, String roles) {
        return Verdict.refuse(HttpResponseStatus.FORBIDDEN, "principal " + caller.name() + " (role " + caller.roleText()
                + ") may not call " + what + ": allowed for " + roles);
    }

    private static String roles(Route r) {
        StringBuilder sb = new StringBuilder();
        for (Role role : r.roles()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(role.label());
        }
        return sb.toString();
    }

    /** The listed holder of the client certificate the listener verified, or {@code null} (no TLS, no or unlisted certificate). */
    private Principal certificateHolder(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                return credentials.current().forCertificate(x);
            }
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        return null;
    }
}
