package gcc.code;

import gcc.crypto.Keys;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code docs/code-format.md} and the code in step: every layer of the fixed Ed25519 and
 * ES256 vectors is regenerated from the fixed keys and report and must equal the document's hex,
 * and the SM2 vector (randomized signature) must decode and verify as written.
 *
 * <p>On a deliberate format change, copy {@code core/target/code-format-vectors.md} into the document.
 */
class CodeFormatVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 section 7.1 TEST 1 secret key. */
    static final String ED25519_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    /** RFC 6979 appendix A.2.5 P-256 private key. */
    static final String P256_D = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    /** SM2 private key of the GM/T 0003.5 signature example. */
    static final String SM2_D = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";

    /** The report of every vector: lab L1234, tested 2026-05-02, issued 2026-05-20. */
    static ReportDocument vectorReport() {
        return TestWorld.report("NB26-000123");
    }

    static Signer signer(String alg) {
        switch (alg) {
            case "ed25519":
                return new Signer(new Ed25519PrivateKeyParameters(HEX.parseHex(ED25519_SEED)), null);
            case "es256":
                return new Signer(new ECPrivateKeyParameters(new BigInteger(P256_D, 16),
                        domain(gcc.crypto.SignatureAlgorithm.ES256)), null);
            default:
                return new Signer(new ECPrivateKeyParameters(new BigInteger(SM2_D, 16),
                        domain(gcc.crypto.SignatureAlgorithm.SM2)), TestWorld.seeded(1));
        }
    }

    private static org.bouncycastle.crypto.params.ECNamedDomainParameters domain(gcc.crypto.SignatureAlgorithm alg) {
        var key = Keys.generate(alg, TestWorld.seeded(0)).getPrivate();
        return (org.bouncycastle.crypto.params.ECNamedDomainParameters) ((ECPrivateKeyParameters) key).getParameters();
    }

    static ClearanceClaims vectorClaims() {
        ReportDocument doc = vectorReport();
        return ClearanceClaims.of(doc, TestWorld.earliestExpiry(doc, TestWorld.provisionalPolicy()));
    }

    /** The markdown block for one algorithm, as the document must show it. */
    static String block(String alg, ClearanceCode.Layers l, Signer s) {
        StringBuilder b = new StringBuilder();
        b.append("<!-- vector:").append(alg).append(":begin -->\n```text\n");
        b.append("public key (SPKI DER) ").append(HEX.formatHex(s.publicKeySpki())).append('\n');
        b.append("kid                   ").append(HEX.formatHex(s.kid())).append('\n');
        b.append("payload (CBOR)        ").append(HEX.formatHex(l.sign1().payload())).append('\n');
        b.append("protected header      ").append(HEX.formatHex(l.sign1().protectedBytes())).append('\n');
        b.append("Sig_structure         ").append(HEX.formatHex(l.sign1().toBeSigned())).append('\n');
        b.append("signature (raw)       ").append(HEX.formatHex(l.sign1().signature())).append('\n');
        b.append("COSE_Sign1 (tag 18)   ").append(HEX.formatHex(l.cose())).append('\n');
        b.append("zlib                  ").append(HEX.formatHex(l.compressed())).append('\n');
        b.append("text (").append(l.text().length()).append(" chars)").append(" ".repeat(Math.max(1, 9 - String.valueOf(l.text().length()).length())))
                .append(l.text()).append('\n');
        b.append("```\n<!-- vector:").append(alg).append(":end -->");
        return b.toString();
    }

    static Path repoFile(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + System.getProperty("user.dir"));
        }
        return dir.resolve(relative);
    }

    private static String documented(String doc, String alg) {
        Matcher m = Pattern.compile("<!-- vector:" + alg + ":begin -->.*?<!-- vector:" + alg + ":end -->", Pattern.DOTALL)
                .matcher(doc);
        return m.find() ? m.group() : "(no " + alg + " vector in docs/code-format.md)";
    }

    private static String field(String block, String name) {
        for (String line : block.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.trim().split("\\s+");
                return parts[parts.length - 1];
            }
        }
        throw new AssertionError("no line '" + name + "' in " + block);
    }

    @Test
    void shouldReproduceTheDocumentedDeterministicVectors() throws IOException {
        String doc = Files.readString(repoFile("docs/code-format.md"));
        String[] algs = {"ed25519", "es256"};
        String[] blocks = new String[algs.length];
        for (int i = 0; i < algs.length; i++) {
            Signer s = signer(algs[i]);
            blocks[i] = block(algs[i], ClearanceCode.issueLayers(vectorClaims(), s), s);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/code-format-vectors.md"), String.join("\n\n", blocks) + "\n\n" + sm2Block());
        for (int i = 0; i < algs.length; i++) {
            assertEquals(blocks[i], documented(doc, algs[i]),
                    "docs/code-format.md drifted from the code; regenerated blocks are in core/target/code-format-vectors.md");
        }
        assertEquals(HEX.formatHex(vectorReport().canonicalBytes()), field(documented(doc, "report"), "canonical"));
        assertEquals(HEX.formatHex(vectorReport().digest()), field(documented(doc, "report"), "digest"));
    }

    @Test
    void shouldDecodeAndVerifyTheDocumentedSm2Vector() throws Exception {
        String block = documented(Files.readString(repoFile("docs/code-format.md")), "sm2");
        String text = block.substring(block.indexOf("GCC1:"), block.indexOf('\n', block.indexOf("GCC1:")));
        ClearanceCode.Layers l = ClearanceCode.decode(text);
        Signer s = signer("sm2");
        assertEquals(field(block, "public key"), HEX.formatHex(s.publicKeySpki()));
        assertEquals(HEX.formatHex(vectorClaims().encode()), HEX.formatHex(l.sign1().payload()));
        assertEquals(field(block, "Sig_structure"), HEX.formatHex(l.sign1().toBeSigned()));
        assertTrue(SignatureVerifier.ofSpki(s.publicKeySpki()).verify(l.sign1().toBeSigned(), l.sign1().signature()));
        assertEquals(-65601, l.sign1().algorithm().coseId());
    }

    private static String sm2Block() {
        Signer s = signer("sm2");
        return block("sm2", ClearanceCode.issueLayers(vectorClaims(), s), s) + "\n\n<!-- vector:report:begin -->\n```text\n"
                + "canonical " + HEX.formatHex(vectorReport().canonicalBytes()) + "\ndigest    "
                + HEX.formatHex(vectorReport().digest()) + "\n```\n<!-- vector:report:end -->\n";
    }

    @Test
    void printableUsccOfTheVector() {
        assertTrue(gcc.report.Uscc.isValid(vectorReport().exporter()));
        assertEquals(StandardCharsets.US_ASCII.newEncoder().canEncode(vectorReport().exporter()), true);
    }
}
