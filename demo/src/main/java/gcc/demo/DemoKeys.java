package gcc.demo;

import gcc.cli.KeyFiles;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.testkit.Reports;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The demos' cast of keys, fresh every run and written as PEM files to {@code DIR/keys}: the
 * customs root, the Ningbo lab's keys of every algorithm plus a retired (revoked) one, the
 * Shanghai lab's key, and a key on no list.
 */
record DemoKeys(Signer root, Signer labEd, Signer labEs, Signer labSm2, Signer retired, Signer labB, Signer stranger) {

    static DemoKeys write(Path dir) throws IOException {
        return new DemoKeys(key(dir, "customs-root", SignatureAlgorithm.ED25519),
                key(dir, "lab-ningbo-ed25519", SignatureAlgorithm.ED25519),
                key(dir, "lab-ningbo-es256", SignatureAlgorithm.ES256),
                key(dir, "lab-ningbo-sm2", SignatureAlgorithm.SM2),
                key(dir, "lab-ningbo-retired", SignatureAlgorithm.ED25519),
                key(dir, "lab-shanghai-ed25519", SignatureAlgorithm.ED25519),
                key(dir, "not-on-the-list", SignatureAlgorithm.ED25519));
    }

    private static Signer key(Path dir, String name, SignatureAlgorithm alg) throws IOException {
        var kp = Keys.generate(alg, Keys.random());
        KeyFiles.writePrivate(dir.resolve("keys/" + name + ".key.pem"), kp.getPrivate());
        KeyFiles.writePublic(dir.resolve("keys/" + name + ".pub.pem"), Keys.spki(kp.getPublic()));
        return new Signer(kp.getPrivate(), Keys.random());
    }

    /** Version 1 of the trust list: both labs, every key valid from {@code from} to {@code to} (epoch seconds). */
    TrustList trustList(long issuedAt, long from, long to) {
        return new TrustList(1, issuedAt, List.of(
                new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(Reports.STANDARD, Reports.LEGACY),
                        List.of(key(labEd, from, to, KeyStatus.ACTIVE), key(labEs, from, to, KeyStatus.ACTIVE),
                                key(labSm2, from, to, KeyStatus.ACTIVE), key(retired, from, to, KeyStatus.REVOKED))),
                new Lab("L5678", "Shanghai Textile and Toy Laboratory", "CNAS L5678", List.of(Reports.STANDARD),
                        List.of(key(labB, from, to, KeyStatus.ACTIVE)))));
    }

    private static LabKey key(Signer s, long from, long to, KeyStatus status) {
        return new LabKey(s.algorithm(), s.publicKeySpki(), from, to, status);
    }
}
