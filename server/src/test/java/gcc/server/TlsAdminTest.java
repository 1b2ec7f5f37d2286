package gcc.server;

import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import gcc.auth.Principal;
import gcc.config.Setting;
import gcc.crypto.Keys;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on the HTTP listener with client certificates: a certificate from the configured CA stands
 * for the principal the credentials file lists it under (by subject or by fingerprint); an
 * unlisted one, another CA's or none is no credential.
 */
class TlsAdminTest {
    @TempDir
    Path dir;

    record Issued(KeyPair keys, X509Certificate cert) {
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Issued issue(String cn, Issued ca, boolean isCa) throws Exception {
        KeyPair kp = ecKeys();
        X500Name subject = new X500Name("CN=" + cn);
        X500Name issuer = ca == null ? subject : new X500Name(ca.cert().getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minusSeconds(3600)), Date.from(Instant.now().plusSeconds(86400)), subject, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca == null ? kp.getPrivate() : ca.keys().getPrivate())));
        return new Issued(kp, cert);
    }

    private static SSLContext client(X509Certificate trusted, Issued identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (identity != null) {
            ks.setKeyEntry("me", identity.keys().getPrivate(), "pw".toCharArray(), new X509Certificate[]{identity.cert()});
        }
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void shouldRefuseAdminCallsFromClientsWithoutTheRightCertificate() throws Exception {
        Issued ca = issue("gcc test CA", null, true);
        Issued server = issue("localhost", ca, false);
        Issued regulator = issue("samr-regulator", ca, false);
        Issued lab = issue("lab-l1234-client", ca, false);
        Issued unlisted = issue("someone-else", ca, false);
        Issued rogueCa = issue("rogue CA", null, true);
        Issued rogue = issue("rogue-client", rogueCa, false);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        Files.writeString(tls.resolve("server.crt"), Keys.toPem("CERTIFICATE", server.cert().getEncoded()));
        Files.writeString(tls.resolve("server.key"), Keys.toPem("PRIVATE KEY", server.keys().getPrivate().getEncoded()));
        Files.writeString(tls.resolve("ca.crt"), Keys.toPem("CERTIFICATE", ca.cert().getEncoded()));

        Files.createDirectories(dir.resolve("data"));
        CredentialFile.write(dir.resolve("data/credentials.json"), List.of(
                new Credential(Principal.of("samr-regulator", "customs"), Credential.Kind.CERT_SUBJECT, "CN=samr-regulator"),
                new Credential(Principal.of("lab-l1234", "lab:L1234"), Credential.Kind.CERT_SHA256,
                        HexFormat.of().formatHex(Credential.sha256(lab.cert().getEncoded())))));
        try (ServerFixture s = new ServerFixture(dir.resolve("data"), Map.of(
                Setting.TLS_HTTP_CERT, tls.resolve("server.crt").toString(),
                Setting.TLS_HTTP_KEY, tls.resolve("server.key").toString(),
                Setting.TLS_HTTP_CLIENT_CA, tls.resolve("ca.crt").toString()))) {
            URI admin = URI.create("https://127.0.0.1:" + s.node.httpPort() + "/v1/admin/reports");
            String body = ReportJson.toJson(TestWorld.report("NB26-700001")).toString();
            HttpRequest post = HttpRequest.newBuilder(admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();

            HttpClient anonymous = HttpClient.newBuilder().sslContext(client(ca.cert(), null)).connectTimeout(Duration.ofSeconds(30)).build();
            assertEquals(401, anonymous.send(post, HttpResponse.BodyHandlers.ofString()).statusCode(), "no certificate, no token");
            assertEquals(200, anonymous.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.node.httpPort() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "public routes still answer over TLS");

            HttpClient stranger = HttpClient.newBuilder().sslContext(client(ca.cert(), rogue)).connectTimeout(Duration.ofSeconds(30)).build();
            // The server only asks for certificates of its CA, so a client holding another CA's certificate
            // either presents none (and is refused as anonymous) or fails the handshake: never admitted.
            try {
                assertEquals(401, stranger.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (IOException handshakeRefused) {
                // refused before HTTP: also correct
            }

            HttpClient trusted = HttpClient.newBuilder().sslContext(client(ca.cert(), regulator)).connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> ok = trusted.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, ok.statusCode(), ok.body());

            HttpClient notListed = HttpClient.newBuilder().sslContext(client(ca.cert(), unlisted)).connectTimeout(Duration.ofSeconds(30)).build();
            assertEquals(401, notListed.send(post, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "a certificate of the CA that no credential lists is no credential");

            HttpClient labClient = HttpClient.newBuilder().sslContext(client(ca.cert(), lab)).connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest labPost = HttpRequest.newBuilder(admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ReportJson.toJson(TestWorld.report("NB26-700002")).toString())).build();
            HttpResponse<String> labOk = labClient.send(labPost, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, labOk.statusCode(), labOk.body());
            HttpResponse<String> labRefused = labClient.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + s.node.httpPort() + "/v1/admin/policy/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, labRefused.statusCode(), labRefused.body());
        }
    }
}
