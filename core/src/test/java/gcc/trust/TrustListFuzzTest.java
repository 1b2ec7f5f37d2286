package gcc.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.crypto.SignatureVerifier;
import gcc.testkit.Mutations;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the trust-list parser. Input: the first byte chooses what the rest is: even, a signed
 * list offered to a {@link TrustStore}; odd, an unsigned payload for {@link TrustList#decode}.
 * Invariants: only {@link TrustListException} leaves them; a signed list is accepted only if its
 * signed structure is byte-identical to the one the world's customs root signed (nobody else can
 * sign); an accepted payload re-encodes to the same bytes and keeps within {@link TrustListLimits}.
 */
class TrustListFuzzTest {
    private static final TestWorld WORLD = new TestWorld(7);
    private static final byte[] SIGNED = WORLD.trustList(9, KeyStatus.REVOKED).sign(WORLD.root);
    private static final SignatureVerifier ROOT = SignatureVerifier.ofSpki(WORLD.root.publicKeySpki());

    @FuzzTest(maxDuration = "10m")
    void trustList(byte[] input) throws MalformedCodeException {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 0) {
            TrustStore store = new TrustStore(ROOT);
            try {
                TrustList t = store.offer(rest);
                CoseSign1 got = CoseSign1.parse(rest, TrustListLimits.ENVELOPE);
                CoseSign1 issued = CoseSign1.parse(SIGNED, TrustListLimits.ENVELOPE);
                assertArrayEquals(issued.toBeSigned(), got.toBeSigned(), "accepted a list the root never signed");
                assertEquals(9, t.version());
            } catch (TrustListException expected) {
                // the documented refusal
            }
        } else {
            try {
                TrustList t = TrustList.decode(rest);
                assertArrayEquals(rest, t.encode(), "an accepted payload that does not re-encode to itself");
                assertTrue(t.labs().size() <= TrustListLimits.MAX_LABS);
            } catch (TrustListException expected) {
                // the documented refusal
            }
        }
    }

    @Test
    void shouldAcceptTheSeedListAndSurviveABoundedPassOfMutants() throws Exception {
        assertEquals(9, new TrustStore(ROOT).offer(SIGNED).version());
        Mutations.run(Mutations.corpus(getClass(), "trustList"), 5_000, 3, input -> {
            try {
                trustList(input);
            } catch (MalformedCodeException e) {
                throw new AssertionError(e);
            }
        });
    }
}
