package gcc.trust;

import gcc.crypto.SignatureVerifier;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustStoreTest {
    private final TestWorld w = new TestWorld();

    @Test
    void shouldRefuseUnsignedBadlySignedOlderAndMalformedListsAndKeepTheCurrentOne() {
        TrustList current = w.trust.current();
        TrustList next = w.trustList(2, KeyStatus.REVOKED);
        assertThrows(TrustListException.class, () -> w.trust.offer(next.encode()), "unsigned payload");
        assertThrows(TrustListException.class, () -> w.trust.offer(next.sign(w.labA)), "signed by a lab, not customs");
        byte[] signed = next.sign(w.root);
        byte[] tampered = signed.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThrows(TrustListException.class, () -> w.trust.offer(tampered), "tampered");
        assertThrows(TrustListException.class, () -> w.trust.offer(w.trustList(1, KeyStatus.REVOKED).sign(w.root)), "same version");
        assertThrows(TrustListException.class, () -> w.trust.offer(Arrays.copyOf(signed, 10)), "truncated");
        assertThrows(TrustListException.class, () -> w.trust.offer(new byte[0]), "empty");
        assertSame(current, w.trust.current());
    }

    @Test
    void shouldAcceptANewerListAndForgetWhatARevokedKeyVerified() throws Exception {
        var doc = TestWorld.report("R-TRUST");
        w.register(doc);
        String code = w.issue(doc, w.labA);
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, TestWorld.EXPORTER, null, null).outcome());
        assertEquals(1, w.memo.size());

        long from = TestWorld.NOW.minusSeconds(86400).getEpochSecond();
        long to = TestWorld.NOW.plusSeconds(86400 * 400).getEpochSecond();
        TrustList revoked = new TrustList(5, 0, List.of(new Lab("L1234", "Lab A", "CNAS L1234",
                List.of(TestWorld.STANDARD), List.of(TestWorld.key(w.labA, from, to, KeyStatus.REVOKED)))));
        w.trust.offer(revoked.sign(w.root));
        assertEquals(0, w.memo.size(), "the memo forgets codes of a revoked key");
        var d = w.verifier.verify(code, TestWorld.EXPORTER, null, null);
        assertTrue(d.has(Reason.KEY_REVOKED), d.toString());
        assertEquals(5, w.trust.current().version());
    }

    @Test
    void shouldRejectAKidThatDoesNotMatchItsKey() {
        byte[] payload = w.trustList(3, KeyStatus.ACTIVE).encode();
        // the first kid in the payload: flip one of its bytes (kid bstr follows "a6 01 48")
        for (int i = 0; i + 3 < payload.length; i++) {
            if ((payload[i] & 0xff) == 0xa6 && payload[i + 1] == 0x01 && (payload[i + 2] & 0xff) == 0x48) {
                payload[i + 3] ^= 1;
                break;
            }
        }
        assertThrows(TrustListException.class, () -> TrustList.decode(payload));
    }

    @Test
    void shouldVerifyWithTheRootKeyOnly() throws Exception {
        byte[] signed = w.trustList(9, KeyStatus.ACTIVE).sign(w.root);
        assertEquals(9, TrustList.verify(signed, SignatureVerifier.ofSpki(w.root.publicKeySpki())).version());
        assertThrows(TrustListException.class,
                () -> TrustList.verify(signed, SignatureVerifier.ofSpki(w.labB.publicKeySpki())));
    }
}
