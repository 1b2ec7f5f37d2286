package gcc.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.math.BigInteger;

/**
 * Verifies raw signatures with one public key. Built once per trust-list key and shared: the
 * prepared key keeps BouncyCastle's precomputation between calls.
 *
 * <p>Thread-safe. Cost: one curve verification (about 120-160 µs on the reference machine);
 * allocates BouncyCastle's working objects, which is why the gate memoizes verified codes.
 */
public final class SignatureVerifier {
    private final SignatureAlgorithm algorithm;
    private final AsymmetricKeyParameter publicKey;

    public SignatureVerifier(AsymmetricKeyParameter publicKey) {
        if (publicKey.isPrivate()) {
            throw new IllegalArgumentException("a verifier needs a public key");
        }
        this.algorithm = Keys.algorithmOf(publicKey);
        this.publicKey = publicKey;
    }

    /** A verifier for a DER SubjectPublicKeyInfo. */
    public static SignatureVerifier ofSpki(byte[] spki) {
        return new SignatureVerifier(Keys.publicFromSpki(spki));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** True if {@code signature} is this key's valid raw signature over {@code message}. Never throws for bad input. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            return switch (algorithm) {
                case ED25519 -> ((Ed25519PublicKeyParameters) publicKey).verify(Ed25519.Algorithm.Ed25519, null,
                        message, 0, message.length, signature, 0);
                case ES256 -> verifyEs256(message, signature);
                case SM2 -> verifySm2(message, signature);
            };
        } catch (RuntimeException e) {
            // BouncyCastle signals some malformed inputs with runtime exceptions: a bad signature.
            return false;
        }
    }

    private boolean verifyEs256(byte[] message, byte[] signature) {
        SHA256Digest d = new SHA256Digest();
        byte[] hash = new byte[32];
        d.update(message, 0, message.length);
        d.doFinal(hash, 0);
        ECDSASigner s = new ECDSASigner();
        s.init(false, publicKey);
        return s.verifySignature(hash, new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)));
    }

    private boolean verifySm2(byte[] message, byte[] signature) {
        SM2Signer s = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        s.init(false, new ParametersWithID((ECPublicKeyParameters) publicKey, Signer.SM2_USER_ID));
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }
}
