package gcc.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Path;

/** Server TLS contexts from PEM files, as the listeners use them. */
public final class Tls {
    private Tls() {
    }

    /**
     * A server context from a PEM certificate chain and key; with {@code clientCa}, clients may
     * present a certificate issued by it (verified, optional), which the admin API accepts in
     * place of a token. A client presenting any other certificate fails the handshake.
     */
    public static SslContext server(Path certChain, Path key, Path clientCa) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(certChain.toFile(), key.toFile());
            if (clientCa != null) {
                b.trustManager(clientCa.toFile()).clientAuth(ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load TLS material (" + certChain + ", " + key
                    + (clientCa == null ? "" : ", " + clientCa) + "): " + e.getMessage(), e);
        }
    }
}
