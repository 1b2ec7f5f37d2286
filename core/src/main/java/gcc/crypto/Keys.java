package gcc.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Key generation, encoding (DER SubjectPublicKeyInfo, PKCS#8, PEM) and key ids.
 *
 * <p>A key id (kid) is the first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo; it is
 * also handled as a big-endian {@code long} for allocation-free lookups. Public EC keys are
 * rebuilt on BouncyCastle's custom curve implementations (much faster field arithmetic than the
 * generic curves).
 *
 * <p>Stateless and thread-safe.
 */
public final class Keys {
    /** Bytes of a key id. */
    public static final int KID_LENGTH = 8;

    private static final ASN1ObjectIdentifier P256 = X9ObjectIdentifiers.prime256v1;
    private static final ASN1ObjectIdentifier SM2P256 = GMObjectIdentifiers.sm2p256v1;
    /** id-Ed25519 (RFC 8410). */
    private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

    private Keys() {
    }

    /** A new key pair for {@code alg}. */
    public static AsymmetricCipherKeyPair generate(SignatureAlgorithm alg, SecureRandom random) {
        return switch (alg) {
            case ED25519 -> {
                Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
                g.init(new Ed25519KeyGenerationParameters(random));
                yield g.generateKeyPair();
            }
            case ES256, SM2 -> {
                ECKeyPairGenerator g = new ECKeyPairGenerator();
                g.init(new ECKeyGenerationParameters(domain(alg), random));
                yield g.generateKeyPair();
            }
        };
    }

    /** The named custom-curve domain for an EC algorithm. */
    static ECNamedDomainParameters domain(SignatureAlgorithm alg) {
        ASN1ObjectIdentifier oid = alg == SignatureAlgorithm.SM2 ? SM2P256 : P256;
        X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
        return new ECNamedDomainParameters(oid, x9);
    }

    /** The algorithm a key belongs to. */
    public static SignatureAlgorithm algorithmOf(AsymmetricKeyParameter key) {
        if (key instanceof Ed25519PublicKeyParameters || key instanceof Ed25519PrivateKeyParameters) {
            return SignatureAlgorithm.ED25519;
        }
        ECDomainParameters d = key instanceof ECPublicKeyParameters p ? p.getParameters()
                : key instanceof ECPrivateKeyParameters q ? q.getParameters() : null;
        if (d instanceof ECNamedDomainParameters n) {
            if (n.getName().equals(P256)) {
                return SignatureAlgorithm.ES256;
            }
            if (n.getName().equals(SM2P256)) {
                return SignatureAlgorithm.SM2;
            }
        }
        throw new IllegalArgumentException("unsupported key: only Ed25519, P-256 and SM2 keys are accepted");
    }

    /** DER SubjectPublicKeyInfo of a public key. */
    public static byte[] spki(AsymmetricKeyParameter publicKey) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode public key", e);
        }
    }

    /** Parses a DER SubjectPublicKeyInfo into a verification-ready public key. */
    public static AsymmetricKeyParameter publicFromSpki(byte[] der) {
        try {
            AsymmetricKeyParameter k = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(der));
            if (k instanceof ECPublicKeyParameters ec && ec.getParameters() instanceof ECNamedDomainParameters n) {
                SignatureAlgorithm alg = n.getName().equals(SM2P256) ? SignatureAlgorithm.SM2
                        : n.getName().equals(P256) ? SignatureAlgorithm.ES256 : null;
                if (alg == null) {
                    throw new IllegalArgumentException("unsupported EC curve " + n.getName());
                }
                ECNamedDomainParameters fast = domain(alg);
                return new ECPublicKeyParameters(fast.getCurve().decodePoint(ec.getQ().getEncoded(false)), fast);
            }
            algorithmOf(k);
            return k;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a supported public key (DER SubjectPublicKeyInfo): " + e.getMessage(), e);
        }
    }

    /**
     * PKCS#8 DER of a private key. Ed25519 keys are written as version-1 PrivateKeyInfo without
     * the optional public key: BouncyCastle's default (OneAsymmetricKey with the public key) is
     * refused by OpenSSL 3.0, which labs use to handle their keys.
     */
    public static byte[] pkcs8(AsymmetricKeyParameter privateKey) {
        try {
            if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
                return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(ED25519_OID),
                        new org.bouncycastle.asn1.DEROctetString(ed.getEncoded())).getEncoded("DER");
            }
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode private key", e);
        }
    }

    /** Parses PKCS#8 DER into a private key. */
    public static AsymmetricKeyParameter privateFromPkcs8(byte[] der) {
        try {
            AsymmetricKeyParameter k = PrivateKeyFactory.createKey(der);
            if (k instanceof ECPrivateKeyParameters ec && ec.getParameters() instanceof ECNamedDomainParameters n) {
                SignatureAlgorithm alg = n.getName().equals(SM2P256) ? SignatureAlgorithm.SM2
                        : n.getName().equals(P256) ? SignatureAlgorithm.ES256 : null;
                if (alg == null) {
                    throw new IllegalArgumentException("unsupported EC curve " + n.getName());
                }
                return new ECPrivateKeyParameters(ec.getD(), domain(alg));
            }
            algorithmOf(k);
            return k;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a supported private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    /** The public half of a private key. */
    public static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter privateKey) {
        if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
            return ed.generatePublicKey();
        }
        if (privateKey instanceof ECPrivateKeyParameters ec) {
            ECDomainParameters d = ec.getParameters();
            return new ECPublicKeyParameters(d.getG().multiply(ec.getD()).normalize(), d);
        }
        throw new IllegalArgumentException("not a private key");
    }

    /** The 8-byte key id of a DER SubjectPublicKeyInfo. */
    public static byte[] kid(byte[] spki) {
        try {
            return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(spki), KID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A key id as a big-endian long. */
    public static long kidAsLong(byte[] kid, int off) {
        long v = 0;
        for (int i = 0; i < KID_LENGTH; i++) {
            v = (v << 8) | (kid[off + i] & 0xff);
        }
        return v;
    }

    /** A key id as 16 lower-case hex digits. */
    public static String kidHex(byte[] kid) {
        return java.util.HexFormat.of().formatHex(kid);
    }

    public static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER inside the first PEM block of {@code type}. */
    public static byte[] fromPem(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no PEM block of type " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    /** Cryptographically strong randomness for key generation and SM2 nonces. */
    public static SecureRandom random() {
        return new SecureRandom();
    }
}
