package gcc.chaos;

import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.report.ReportDocument;
import gcc.testkit.Reports;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The chaos cast: a customs root, one lab key, a trust list valid around today, and passing
 * reports tested forty days ago with their codes. Writes what a data directory needs before the
 * first start (the root's public key and the signed trust list).
 *
 * <p>Thread-safe after construction.
 */
final class ChaosWorld {
    static final String EXPORTER = Reports.uscc("91330200MA2H7K3Q1");

    private final Signer root = new Signer(Keys.generate(SignatureAlgorithm.ED25519, Keys.random()).getPrivate(), Keys.random());
    private final Signer lab = new Signer(Keys.generate(SignatureAlgorithm.ED25519, Keys.random()).getPrivate(), Keys.random());
    private final Policy policy;
    /** Forty days ago: issued (tested plus about two weeks) before today, its items well inside their validity. */
    private final LocalDate tested = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(40);

    ChaosWorld() throws Exception {
        this.policy = PolicyJson.builtIn();
    }

    /** Makes {@code data} ready for a first start: root key and trust list. */
    void provision(Path data) throws IOException {
        Files.createDirectories(data.resolve("keys"));
        Files.writeString(data.resolve("keys/customs-root.pub.pem"), Keys.toPem("PUBLIC KEY", root.publicKeySpki()));
        Instant now = Instant.now();
        long from = now.minus(Duration.ofDays(200)).getEpochSecond();
        long to = now.plus(Duration.ofDays(800)).getEpochSecond();
        TrustList list = new TrustList(1, now.getEpochSecond(), List.of(new Lab("L1234", "Ningbo Infant Product Testing Centre",
                "CNAS L1234", List.of(Reports.STANDARD), List.of(new LabKey(lab.algorithm(), lab.publicKeySpki(), from, to,
                KeyStatus.ACTIVE)))));
        Files.write(data.resolve("trust-list.cose"), list.sign(root));
    }

    ReportDocument report(String id) {
        return Reports.passing(id, EXPORTER, tested);
    }

    String json(ReportDocument d) {
        return Reports.json(d);
    }

    String code(ReportDocument d) {
        return CodeIssuer.issue(d, policy, lab).text();
    }
}
