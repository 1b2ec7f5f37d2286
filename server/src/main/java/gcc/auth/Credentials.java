package gcc.auth;

import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The credentials in force: the {@code admin.token} principal plus the credentials file. Finds the
 * principal for a presented bearer token or client certificate. A token is compared by its
 * SHA-256 against every stored digest with {@link MessageDigest#isEqual} and without stopping at
 * a match, so the answer time does not depend on which digest matched or where they differ.
 *
 * <p>Immutable and thread-safe; a reload builds a new one. Cost: one SHA-256 and one 32-byte
 * comparison per stored token.
 */
public final class Credentials {
    private final List<Credential> listed;
    private final byte[][] tokenDigests;
    private final Principal[] tokenPrincipals;
    private final List<Credential> certificates;

    /**
     * @param adminTokenDigest SHA-256 of the admin token (the customs principal {@code admin}), or null for none
     * @param listed           the credentials file's entries
     */
    public Credentials(byte[] adminTokenDigest, List<Credential> listed) {
        this.listed = List.copyOf(listed);
        List<byte[]> digests = new ArrayList<>();
        List<Principal> owners = new ArrayList<>();
        List<Credential> certs = new ArrayList<>();
        if (adminTokenDigest != null) {
            digests.add(adminTokenDigest.clone());
            owners.add(Principal.ADMIN);
        }
        for (Credential c : this.listed) {
            switch (c.kind()) {
                case TOKEN_SHA256 -> {
                    digests.add(HexFormat.of().parseHex(c.value()));
                    owners.add(c.principal());
                }
                case CERT_SUBJECT, CERT_SHA256 -> certs.add(c);
            }
        }
        this.tokenDigests = digests.toArray(new byte[0][]);
        this.tokenPrincipals = owners.toArray(new Principal[0]);
        this.certificates = List.copyOf(certs);
    }

    /** The credentials file's entries (not the admin token). */
    public List<Credential> listed() {
        return listed;
    }

    /** The principal holding {@code token}, or {@code null}. */
    public Principal forToken(String token) {
        byte[] presented = Credential.sha256(token.getBytes(StandardCharsets.UTF_8));
        Principal found = null;
        for (int i = 0; i < tokenDigests.length; i++) {
            // Every digest is compared: the time spent does not say which one matched.
            if (MessageDigest.isEqual(presented, tokenDigests[i]) & found == null) {
                found = tokenPrincipals[i];
            }
        }
        return found;
    }

    /** The principal for a client certificate the listener verified, by fingerprint first, then by subject; or {@code null}. */
    public Principal forCertificate(X509Certificate cert) {
        String fingerprint;
        try {
            fingerprint = HexFormat.of().formatHex(Credential.sha256(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            return null;
        }
        X500Principal subject = cert.getSubjectX500Principal();
        Principal bySubject = null;
        for (Credential c : certificates) {
            switch (c.kind()) {
                case CERT_SHA256 -> {
                    if (c.value().equals(fingerprint)) {
                        return c.principal();
                    }
                }
                case CERT_SUBJECT -> {
                    if (bySubject == null && c.subject().equals(subject)) {
                        bySubject = c.principal();
                    }
                }
                case TOKEN_SHA256 -> {
                    // not a certificate credential
                }
            }
        }
        return bySubject;
    }
}
