package gcc.crypto;

import gcc.testkit.TestWorld;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeysTest {
    @Test
    void shouldRoundTripEveryAlgorithmThroughPkcs8AndSpki() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            var kp = Keys.generate(alg, TestWorld.seeded(alg.ordinal()));
            byte[] der = Keys.pkcs8(kp.getPrivate());
            Signer back = new Signer(Keys.privateFromPkcs8(der), TestWorld.seeded(1));
            assertEquals(alg, back.algorithm());
            assertArrayEquals(Keys.spki(kp.getPublic()), back.publicKeySpki(), alg + " key survives PKCS#8");
        }
    }

    @Test
    void shouldWriteEd25519AsPlainPkcs8ThatOpenSslReads() {
        var kp = Keys.generate(SignatureAlgorithm.ED25519, TestWorld.seeded(3));
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(Keys.pkcs8(kp.getPrivate()));
        assertEquals(0, info.getVersion().intValueExact(), "version 1 PrivateKeyInfo (v0 on the wire)");
        assertNull(info.getPublicKeyData(), "no optional public key: OpenSSL 3.0 refuses BouncyCastle's form of it");
    }
}
