package gcc.code;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborLimits;
import gcc.decision.Decision;
import gcc.decision.Outcome;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Property tests: no corruption of a valid code releases, and no input escapes the decoder as an exception. */
class HostileInputTest {
    private final TestWorld w = new TestWorld();

    private String validCode(String id, gcc.crypto.Signer signer) {
        var doc = TestWorld.report(id);
        w.register(doc);
        String code = w.issue(doc, signer);
        assertEquals(Outcome.RELEASE, w.verifier.verify(code, TestWorld.EXPORTER, null, null).outcome());
        return code;
    }

    @Test
    void shouldNeverReleaseAnySingleBitFlipOfTheSignedStructure() throws Exception {
        for (var signer : new gcc.crypto.Signer[]{w.labA, w.labAes, w.labAsm2}) {
            String code = validCode("R-FLIP-" + signer.algorithm(), signer);
            byte[] cose = ClearanceCode.decode(code).cose();
            for (int bit = 0; bit < cose.length * 8; bit++) {
                byte[] flipped = cose.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                String text = ClearanceCode.PREFIX + Base45.encode(Zlib.deflate(flipped));
                Decision d = w.verifier.verify(text, TestWorld.EXPORTER, null, null);
                assertEquals(Outcome.HOLD, d.outcome(), "bit " + bit + " of " + signer.algorithm() + ": " + d);
            }
        }
    }

    @Test
    void shouldNeverReleaseACharacterChangeOrTruncationOfTheText() {
        String code = validCode("R-TEXT", w.labA);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        Random r = new Random(11);
        for (int i = 0; i < code.length(); i++) {
            char c;
            do {
                c = alphabet.charAt(r.nextInt(alphabet.length()));
            } while (c == code.charAt(i));
            String changed = code.substring(0, i) + c + code.substring(i + 1);
            assertNotEquals(Outcome.RELEASE, w.verifier.verify(changed, TestWorld.EXPORTER, null, null).outcome(), changed);
        }
        for (int len = 0; len < code.length(); len++) {
            assertEquals(Outcome.HOLD, w.verifier.verify(code.substring(0, len), TestWorld.EXPORTER, null, null).outcome());
        }
    }

    @Test
    void shouldNeverThrowOutOfTheDecodersOnRandomInput() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            if (i % 3 == 0 && b.length > 0) {
                b[0] = (byte) (i % 2 == 0 ? 0xd2 : 0x84); // look like COSE to reach deeper layers
            }
            try {
                Cbor.decode(b, CborLimits.CODE);
            } catch (CborException expected) {
                // fine: a defined refusal
            }
            try {
                CoseSign1.parse(b);
            } catch (MalformedCodeException expected) {
                // fine
            }
            String text = ClearanceCode.PREFIX + Base45.encode(b);
            try {
                ClearanceCode.decode(text);
            } catch (MalformedCodeException expected) {
                // fine
            }
            byte[] ascii = new byte[r.nextInt(400)];
            for (int k = 0; k < ascii.length; k++) {
                ascii[k] = (byte) r.nextInt(128);
            }
            assertEquals(Outcome.HOLD, w.verifier.verify(new String(ascii, StandardCharsets.US_ASCII),
                    TestWorld.EXPORTER, null, null).outcome());
        }
    }

    @Test
    void shouldAcceptUntaggedCoseAndCodesWithoutTheZlibLayer() throws Exception {
        String code = validCode("R-FORMS", w.labAes);
        ClearanceCode.Layers l = ClearanceCode.decode(code);
        CoseSign1 s = l.sign1();
        byte[] untagged = CoseSign1.encode(s.protectedBytes(), s.payload(), s.signature(), false);
        for (byte[] body : new byte[][]{untagged, l.cose(), Zlib.deflate(untagged)}) {
            String text = ClearanceCode.PREFIX + Base45.encode(body);
            assertEquals(Outcome.RELEASE, w.verifier.verify(text, TestWorld.EXPORTER, null, null).outcome());
        }
    }

    @Test
    void shouldRejectCriticalHeadersAndUnknownClaims() throws Exception {
        var doc = TestWorld.report("R-CRIT");
        byte[] payload = gcc.code.ClearanceClaims.of(doc, 30000).encode();
        java.util.Map<Object, Object> h = new java.util.LinkedHashMap<>();
        h.put(1L, (long) w.labA.algorithm().coseId());
        h.put(2L, java.util.List.of(99L));
        h.put(4L, w.labA.kid());
        byte[] prot = Cbor.encode(h);
        byte[] cose = CoseSign1.encode(prot, payload, w.labA.sign(CoseSign1.toBeSigned(prot, payload)), true);
        org.junit.jupiter.api.Assertions.assertThrows(MalformedCodeException.class, () -> CoseSign1.parse(cose));

        java.util.Map<Object, Object> claims = new java.util.LinkedHashMap<>();
        var decoded = (java.util.Map<?, ?>) Cbor.decode(payload, CborLimits.CODE);
        decoded.forEach(claims::put);
        claims.put(11L, "extra");
        org.junit.jupiter.api.Assertions.assertThrows(MalformedCodeException.class,
                () -> ClearanceClaims.decode(Cbor.encode(claims)));
    }
}
