package gcc.crypto;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Signs bytes with a private key, producing the raw signature COSE carries. ES256 uses RFC 6979
 * deterministic nonces, so Ed25519 and ES256 signatures are reproducible test vectors; SM2 draws
 * its nonce from a {@link SecureRandom}.
 *
 * <p>Thread-safe: each call builds its own BouncyCastle signer.
 */
public final class Signer {
    /** The SM2 signer identity (GM/T 0009 default), pinned for signing and verifying. */
    public static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private final SignatureAlgorithm algorithm;
    private final AsymmetricKeyParameter privateKey;
    private final byte[] spki;
    private final byte[] kid;
    private final SecureRandom random;

    public Signer(AsymmetricKeyParameter privateKey, SecureRandom random) {
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("a signer needs a private key");
        }
        this.algorithm = Keys.algorithmOf(privateKey);
        this.privateKey = privateKey;
        this.spki = Keys.spki(Keys.publicOf(privateKey));
        this.kid = Keys.kid(spki);
        this.random = random;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The DER SubjectPublicKeyInfo of the matching public key. */
    public byte[] publicKeySpki() {
        return spki.clone();
    }

    public byte[] kid() {
        return kid.clone();
    }

    /** The raw signature over {@code message}. */
    public byte[] sign(byte[] message) {
        return switch (algorithm) {
            case ED25519 -> signEd25519(message);
            case ES256 -> signEs256(message);
            case SM2 -> signSm2(message);
        };
    }

    private byte[] signEd25519(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, privateKey);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    private byte[] signEs256(byte[] message) {
        SHA256Digest d = new SHA256Digest();
        byte[] hash = new byte[32];
        d.update(message, 0, message.length);
        d.doFinal(hash, 0);
        ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        s.init(true, privateKey);
        BigInteger[] rs = s.generateSignature(hash);
        byte[] out = new byte[64];
        BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
        BigIntegers.asUnsignedByteArray(rs[1], out, 32, 32);
        return out;
    }

    private byte[] signSm2(byte[] message) {
        SM2Signer s = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        s.init(true, new ParametersWithID(new ParametersWithRandom((ECPrivateKeyParameters) privateKey, random), SM2_USER_ID));
        s.update(message, 0, message.length);
        try {
            return s.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }
}
