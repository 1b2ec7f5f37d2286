package gcc.verify;

import gcc.decision.Decision;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.testkit.Tamper;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.TrustList;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The negative memo: a forged code scanned again is held from it, and it can never release anything. */
class RejectionMemoTest {
    private static Findings decide(TestWorld w, String code, Verifier.Scratch s) {
        byte[] text = code.getBytes(StandardCharsets.ISO_8859_1);
        return w.verifier.verifyInto(text, 0, text.length, gcc.rules.Declaration.of(TestWorld.EXPORTER, null),
                TestWorld.NOW.getEpochSecond(), s, new Findings());
    }

    @Test
    void shouldHoldATamperedCodeScannedAgainFromTheMemoWithTheSameAnswer() {
        TestWorld w = new TestWorld();
        var doc = TestWorld.report("NB26-100001");
        w.register(doc);
        String forged = Tamper.exporter(w.issue(doc, w.labA), TestWorld.OTHER_EXPORTER);
        Verifier.Scratch s = new Verifier.Scratch();
        Findings first = decide(w, forged, s);
        assertEquals(Outcome.HOLD, first.outcome());
        assertTrue(first.has(Reason.BAD_SIGNATURE));
        assertEquals(0, w.verifier.rejected().hits());

        Findings again = decide(w, forged, s);
        assertEquals(1, w.verifier.rejected().hits(), "the second scan is a negative-memo hit");
        assertEquals(first.reasons(), again.reasons());
        assertEquals(first.claims().reportId(), again.claims().reportId(), "the audit still gets the claimed report id");
        assertEquals(Outcome.HOLD, again.outcome());
    }

    @Test
    void shouldForgetRejectionsWhenANewTrustListComesInSoANewlyTrustedKeyReleases() {
        TestWorld w = new TestWorld();
        var doc = TestWorld.report("NB26-100002");
        w.register(doc);
        String foreign = w.issue(doc, w.unknownKey);
        Verifier.Scratch s = new Verifier.Scratch();
        assertTrue(decide(w, foreign, s).has(Reason.UNKNOWN_KEY));
        assertTrue(decide(w, foreign, s).has(Reason.UNKNOWN_KEY));
        assertEquals(1, w.verifier.rejected().hits());

        // version 2 trusts the formerly unknown key, in lab A (which may sign the standard)
        long from = java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = java.time.Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        Lab a = new Lab("L1234", "Ningbo Infant Product Testing Centre", "CNAS L1234", List.of(TestWorld.STANDARD),
                List.of(TestWorld.key(w.labA, from, to, KeyStatus.ACTIVE), TestWorld.key(w.unknownKey, from, to, KeyStatus.ACTIVE)));
        w.offerTrustList(new TrustList(2, TestWorld.NOW.getEpochSecond(), List.of(a)));

        Findings after = decide(w, foreign, s);
        assertEquals(Outcome.RELEASE, after.outcome(), "a stale rejection must not outlive its trust list: " + after.detail());
        assertEquals(1, w.verifier.rejected().hits(), "no hit under the new list");
    }

    @Test
    void shouldOnlyEverAddAHoldAndNeverHitAnotherText() {
        TestWorld w = new TestWorld();
        var doc = TestWorld.report("NB26-100003");
        w.register(doc);
        String good = w.issue(doc, w.labA);
        Verifier.Scratch s = new Verifier.Scratch();
        byte[] text = good.getBytes(StandardCharsets.ISO_8859_1);
        s.hash(text, 0, text.length);
        // poison the memo with the valid code's own hash: the worst a bug elsewhere could do
        w.verifier.rejected().reject(s.hash, w.trust.current(), Reason.BAD_SIGNATURE, null, null);
        Findings f = new Findings();
        assertTrue(w.verifier.rejected().holdIfRejected(s.hash, w.trust.current(), f));
        assertEquals(Outcome.HOLD, f.outcome(), "a hit is a HOLD, whatever it was for");

        Decision other = w.verifier.verify(w.issue(TestWorld.report("NB26-100003"), w.labB), TestWorld.EXPORTER, null, null);
        assertFalse(other.has(Reason.BAD_SIGNATURE), "a different text is never held from the memo: " + other);
        assertFalse(w.verifier.rejected().holdIfRejected(s.hash, null, new Findings()), "no trust list, no hit");
        assertThrows(IllegalArgumentException.class,
                () -> w.verifier.rejected().reject(s.hash, w.trust.current(), Reason.REPORT_REVOKED, null, null));
    }

    @Test
    void shouldStayBoundedWhateverItIsFed() {
        RejectionMemo m = new RejectionMemo(64);
        TestWorld w = new TestWorld();
        TrustList list = w.trust.current();
        byte[] h = new byte[32];
        for (int i = 0; i < 10_000; i++) {
            h[0] = (byte) i;
            h[1] = (byte) (i >>> 8);
            h[9] = (byte) (i * 31);
            m.reject(h, list, Reason.UNKNOWN_KEY, null, null);
        }
        assertEquals(64, m.capacity());
    }
}
