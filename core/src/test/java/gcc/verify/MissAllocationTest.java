package gcc.verify;

import gcc.code.ClearanceCode;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.decision.Findings;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a first-sight code allocates beyond the bare signature check (issue 12: at most 1 kB).
 * Deterministic, not timed: the thread's allocated bytes (HotSpot's per-thread counter) over
 * {@value #ROUNDS} miss steps ({@link Verifier#probe} and {@link Verifier#check}: hash, decode every
 * layer, verify, remember) on distinct codes, minus the same over the bare
 * {@link SignatureVerifier#verify} of the same Sig_structures and signatures, both after warm-up on
 * this thread. The difference is the decoding plus the verified result the memo keeps (the claims,
 * a {@code VerifiedCode} with its copy of the key, the memo entry): about 0.9 kB.
 */
class MissAllocationTest {
    static final int CODES = 64;
    static final int ROUNDS = 2_000;
    static final long LIMIT = 1024;

    private final TestWorld w = new TestWorld();

    @Test
    void shouldAllocateAtMostOneKilobyteBeyondTheBareVerifyPerFirstSightEd25519Code() throws MalformedCodeException {
        assertWithinLimit(SignatureAlgorithm.ED25519);
    }

    @Test
    void shouldAllocateAtMostOneKilobyteBeyondTheBareVerifyPerFirstSightEs256Code() throws MalformedCodeException {
        assertWithinLimit(SignatureAlgorithm.ES256);
    }

    @Test
    void shouldAllocateAtMostOneKilobyteBeyondTheBareVerifyPerFirstSightSm2Code() throws MalformedCodeException {
        assertWithinLimit(SignatureAlgorithm.SM2);
    }

    private void assertWithinLimit(SignatureAlgorithm alg) throws MalformedCodeException {
        Signer signer = switch (alg) {
            case ED25519 -> w.labA;
            case ES256 -> w.labAes;
            case SM2 -> w.labAsm2;
        };
        byte[][] codes = new byte[CODES][];
        byte[][] toBeSigned = new byte[CODES][];
        byte[][] signatures = new byte[CODES][];
        for (int i = 0; i < CODES; i++) {
            ReportDocument doc = TestWorld.report("NB26-ALLOC-" + alg.name() + "-" + i);
            w.register(doc);
            codes[i] = w.issue(doc, signer).getBytes(StandardCharsets.US_ASCII);
            CoseSign1 s = ClearanceCode.decode(codes[i], 0, codes[i].length).sign1();
            toBeSigned[i] = s.toBeSigned();
            signatures[i] = s.signature();
        }
        SignatureVerifier bare = w.trust.current().key(ClearanceCode.decode(codes[0], 0, codes[0].length).sign1().kidAsLong())
                .verifier();
        Verifier v = w.verifier;
        Verifier.Scratch s = new Verifier.Scratch();
        Findings f = new Findings();
        for (int i = 0; i < ROUNDS; i++) {
            miss(v, codes[i % CODES], s, f);
            assertTrue(bare.verify(toBeSigned[i % CODES], signatures[i % CODES]));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            miss(v, codes[i % CODES], s, f);
        }
        long missBytes = mx.getCurrentThreadAllocatedBytes() - start;
        start = mx.getCurrentThreadAllocatedBytes();
        boolean all = true;
        for (int i = 0; i < ROUNDS; i++) {
            all &= bare.verify(toBeSigned[i % CODES], signatures[i % CODES]);
        }
        long bareBytes = mx.getCurrentThreadAllocatedBytes() - start;
        assertTrue(all);
        long beyond = (missBytes - bareBytes) / ROUNDS;
        System.out.printf("miss allocation %s: %d B per miss, %d B per bare verify, %d B beyond%n",
                alg.cliName(), missBytes / ROUNDS, bareBytes / ROUNDS, beyond);
        assertTrue(beyond <= LIMIT, alg.cliName() + " first-sight code allocated " + beyond
                + " bytes beyond the bare signature check (limit " + LIMIT + ")");
    }

    /** The miss steps of the gate: probe (no hit, the memo is cleared), then decode and verify. */
    private static void miss(Verifier v, byte[] code, Verifier.Scratch s, Findings f) {
        v.memo().clear();
        assertNull(v.probe(code, 0, code.length, s));
        f.reset();
        assertNotNull(v.check(code, 0, code.length, s, f), () -> "fixture code refused: " + f.reasons());
    }
}
