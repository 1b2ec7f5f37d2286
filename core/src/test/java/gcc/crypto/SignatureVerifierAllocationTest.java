package gcc.crypto;

import gcc.testkit.TestWorld;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link SignatureVerifier} adds nothing per call to BouncyCastle's own verification with a
 * prepared key and one reused signer: no key, point, signer or digest made per check (a point made
 * per check would lose BouncyCastle's cached precomputation and rebuild it, several kilobytes).
 * Deterministic, not timed: the thread's allocated bytes over {@value #ROUNDS} verifications of
 * {@value #MESSAGES} distinct signatures, ours against BouncyCastle driven directly.
 */
class SignatureVerifierAllocationTest {
    static final int MESSAGES = 32;
    static final int ROUNDS = 2_000;
    /**
     * Bytes per verification ours may allocate beyond BouncyCastle's: measured 0 (ES256) and about
     * 80 (SM2, out of 158 kB: the JIT's escape analysis differs between the two loops); a signer
     * and digest made per check cost about 450 B, a point per check kilobytes.
     */
    static final long LIMIT = 256;

    private final TestWorld w = new TestWorld();

    @Test
    void shouldAllocateNoMoreThanBouncyCastleWithAPreparedKeyPerEs256Check() {
        Signed s = signed(w.labAes);
        ECPublicKeyParameters key = (ECPublicKeyParameters) Keys.publicFromSpki(w.labAes.publicKeySpki());
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        SHA256Digest sha256 = new SHA256Digest();
        byte[] hash = new byte[32];
        assertWithinLimit("es256", s, i -> {
            sha256.update(s.messages[i], 0, s.messages[i].length);
            sha256.doFinal(hash, 0);
            return ecdsa.verifySignature(hash, new BigInteger(1, s.signatures[i], 0, 32),
                    new BigInteger(1, s.signatures[i], 32, 32));
        });
    }

    @Test
    void shouldAllocateNoMoreThanBouncyCastleWithAPreparedKeyPerSm2Check() {
        Signed s = signed(w.labAsm2);
        SM2Signer sm2 = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        sm2.init(false, new ParametersWithID(Keys.publicFromSpki(w.labAsm2.publicKeySpki()), Signer.SM2_USER_ID));
        assertWithinLimit("sm2", s, i -> {
            sm2.reset();
            sm2.update(s.messages[i], 0, s.messages[i].length);
            return sm2.verifySignature(s.signatures[i]);
        });
    }

    private record Signed(SignatureVerifier verifier, byte[][] messages, byte[][] signatures) {
    }

    private Signed signed(Signer signer) {
        byte[][] messages = new byte[MESSAGES][];
        byte[][] signatures = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = new byte[200 + i];
            w.random.nextBytes(messages[i]);
            signatures[i] = signer.sign(messages[i]);
        }
        return new Signed(SignatureVerifier.ofSpki(signer.publicKeySpki()), messages, signatures);
    }

    private static void assertWithinLimit(String alg, Signed s, IntPredicate bouncyCastle) {
        IntPredicate ours = i -> s.verifier.verify(s.messages[i], s.signatures[i]);
        for (int i = 0; i < ROUNDS; i++) {
            assertTrue(ours.test(i % MESSAGES) && bouncyCastle.test(i % MESSAGES), "fixture signature does not verify");
        }
        long oursBytes = allocated(ours);
        long bcBytes = allocated(bouncyCastle);
        long beyond = (oursBytes - bcBytes) / ROUNDS;
        System.out.printf("verify allocation %s: %d B ours, %d B BouncyCastle direct, %d B beyond%n",
                alg, oursBytes / ROUNDS, bcBytes / ROUNDS, beyond);
        assertTrue(beyond <= LIMIT, alg + " verifier allocated " + beyond + " bytes per check beyond BouncyCastle's (limit "
                + LIMIT + ")");
    }

    private static long allocated(IntPredicate verify) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadAllocatedBytes();
        boolean all = true;
        for (int i = 0; i < ROUNDS; i++) {
            all &= verify.test(i % MESSAGES);
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - start;
        assertTrue(all, "a signature stopped verifying");
        return bytes;
    }
}
