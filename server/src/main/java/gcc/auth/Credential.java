package gcc.auth;

import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One credential and the principal it speaks for: the SHA-256 of a bearer token (the token itself
 * is never stored), or a client certificate named by its subject or by the SHA-256 fingerprint of
 * its DER encoding. Immutable.
 *
 * @param principal who the holder is
 * @param kind      what {@code value} is
 * @param value     64 lower-case hex digits for a digest, or an RFC 2253 subject
 */
public record Credential(Principal principal, Kind kind, String value) {

    /** How a credential is presented. */
    public enum Kind {
        /** {@code Authorization: Bearer TOKEN}; value is SHA-256(TOKEN) in hex. */
        TOKEN_SHA256("tokenSha256"),
        /** A client certificate (verified by the listener against {@code tls.http.client-ca}) with this subject. */
        CERT_SUBJECT("certSubject"),
        /** A client certificate whose DER encoding has this SHA-256 fingerprint. */
        CERT_SHA256("certSha256");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The field naming this kind in the credentials file. */
        public String field() {
            return field;
        }
    }

    public Credential {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        switch (kind) {
            case TOKEN_SHA256, CERT_SHA256 -> {
                if (!value.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(kind.field() + " must be 64 lower-case hex digits (a SHA-256)");
                }
            }
            case CERT_SUBJECT -> subject(value);
        }
    }

    /** A bearer-token credential: only the token's digest is kept. */
    public static Credential token(Principal principal, String token) {
        return new Credential(principal, Kind.TOKEN_SHA256, HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8))));
    }

    /** The subject as an X.500 name (compared in canonical form, so spacing and case of attribute names do not matter). */
    public X500Principal subject() {
        return kind == Kind.CERT_SUBJECT ? subject(value) : null;
    }

    private static X500Principal subject(String dn) {
        try {
            return new X500Principal(dn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("certSubject is not an X.500 name (like CN=samr-ningbo,O=GACC): '" + dn + "'");
        }
    }

    /** SHA-256 of {@code b}. */
    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
