package gcc.http;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * Who may call the admin API: a request carrying the bearer token (compared in constant time,
 * so response timing leaks nothing about it), or one over TLS whose client certificate the
 * listener verified against the configured client CA. Returns the actor name for the journal and
 * audit, or {@code null} if refused.
 *
 * <p>Thread-safe and immutable.
 */
public final class AdminAuth {
    private final byte[] tokenDigest;

    /** @param token the bearer token; at least 16 characters */
    public AdminAuth(String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the admin token must have at least 16 characters");
        }
        this.tokenDigest = sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The actor for an admin request, or {@code null} if it is not authorized.
     *
     * @param authorization the Authorization header, may be null
     * @param actorHeader   an optional X-Actor header naming the person or system behind a token
     */
    public String authorize(Channel channel, String authorization, String actorHeader) {
        String cert = clientCertificateSubject(channel);
        if (cert != null) {
            return "cert:" + cert;
        }
        if (authorization != null && authorization.startsWith("Bearer ")) {
            byte[] presented = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
            // Comparing digests with MessageDigest.isEqual takes the same time wherever they differ.
            if (MessageDigest.isEqual(presented, tokenDigest)) {
                return "token:" + (actorHeader == null || actorHeader.isBlank() ? "admin" : sanitize(actorHeader));
            }
        }
        return null;
    }

    private static String sanitize(String s) {
        String t = s.trim();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length() && sb.length() < 64; i++) {
            char c = t.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return sb.toString();
    }

    private static String clientCertificateSubject(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                return x.getSubjectX500Principal().getName();
            }
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        return null;
    }
}
