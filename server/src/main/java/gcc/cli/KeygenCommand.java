package gcc.cli;

import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatectl keygen}: a new signing key pair for a lab or for customs. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a key pair: PREFIX.key.pem (PKCS#8, mode 600) and PREFIX.pub.pem (SPKI); prints the kid.")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--alg", required = true, description = "ed25519, es256 or sm2")
    String alg;

    @Option(names = "--out", required = true, description = "path prefix of the two files")
    Path out;

    @Option(names = "--force", description = "overwrite existing files")
    boolean force;

    @Override
    public Integer call() throws Exception {
        SignatureAlgorithm a = SignatureAlgorithm.ofName(alg);
        Path priv = KeyFiles.sibling(out, ".key.pem");
        Path pub = KeyFiles.sibling(out, ".pub.pem");
        if (!force && (Files.exists(priv) || Files.exists(pub))) {
            throw new IllegalArgumentException(priv + " or " + pub + " exists; use --force to overwrite");
        }
        Files.createDirectories(priv.getParent());
        AsymmetricCipherKeyPair kp = Keys.generate(a, Keys.random());
        byte[] spki = Keys.spki(kp.getPublic());
        KeyFiles.writePrivate(priv, kp.getPrivate());
        KeyFiles.writePublic(pub, spki);
        System.out.println("alg  " + a.cliName() + " (COSE " + a.coseId() + ")");
        System.out.println("kid  " + Keys.kidHex(Keys.kid(spki)));
        System.out.println("private " + priv);
        System.out.println("public  " + pub);
        return GateCtl.EXIT_OK;
    }
}
