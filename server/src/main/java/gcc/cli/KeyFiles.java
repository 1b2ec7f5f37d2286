package gcc.cli;

import gcc.crypto.Keys;
import gcc.crypto.Signer;
import gcc.io.DurableFile;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Key files as gatectl reads and writes them: PKCS#8 "PRIVATE KEY" and SPKI "PUBLIC KEY" PEM. */
public final class KeyFiles {
    private KeyFiles() {
    }

    static Signer signer(Path privatePem) throws IOException {
        if (!Files.exists(privatePem)) {
            throw new IllegalArgumentException("key file not found: " + privatePem);
        }
        return new Signer(Keys.privateFromPkcs8(Keys.fromPem("PRIVATE KEY", Files.readString(privatePem))), new SecureRandom());
    }

    static byte[] publicSpki(Path publicPem) throws IOException {
        if (!Files.exists(publicPem)) {
            throw new IllegalArgumentException("public key file not found: " + publicPem);
        }
        byte[] spki = Keys.fromPem("PUBLIC KEY", Files.readString(publicPem));
        Keys.publicFromSpki(spki);
        return spki;
    }

    public static void writePrivate(Path file, AsymmetricKeyParameter key) throws IOException {
        DurableFile.replaceOwnerOnly(file, Keys.toPem("PRIVATE KEY", Keys.pkcs8(key)).getBytes(StandardCharsets.US_ASCII));
    }

    public static void writePublic(Path file, byte[] spki) throws IOException {
        DurableFile.replace(file, Keys.toPem("PUBLIC KEY", spki).getBytes(StandardCharsets.US_ASCII));
    }

    static Path sibling(Path prefix, String suffix) {
        Path parent = prefix.toAbsolutePath().getParent();
        return parent.resolve(prefix.getFileName() + suffix);
    }
}
