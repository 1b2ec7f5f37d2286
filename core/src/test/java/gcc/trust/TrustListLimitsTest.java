package gcc.trust;

import gcc.cbor.Cbor;
import gcc.code.CoseSign1;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A national trust list (hundreds of labs) loads; what is over the trust list's own limits is refused by name. */
class TrustListLimitsTest {
    private final TestWorld w = new TestWorld();
    private final long from = TestWorld.NOW.minusSeconds(86_400).getEpochSecond();
    private final long to = TestWorld.NOW.plusSeconds(86_400 * 365).getEpochSecond();

    private TrustList labs(int count, int keysPerLab) {
        List<Lab> labs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<LabKey> keys = new ArrayList<>();
            for (int k = 0; k < keysPerLab; k++) {
                SignatureAlgorithm alg = k == 0 ? SignatureAlgorithm.ES256 : SignatureAlgorithm.ED25519;
                keys.add(TestWorld.key(w.signer(alg), from, to, KeyStatus.ACTIVE));
            }
            labs.add(new Lab(String.format("L%05d", i), "Testing Centre number " + i + " of the national network",
                    "CNAS L" + i, List.of(TestWorld.STANDARD, TestWorld.LEGACY), keys));
        }
        return new TrustList(2, TestWorld.NOW.getEpochSecond(), labs);
    }

    @Test
    void shouldLoadASignedListOfFiveHundredLabs() throws Exception {
        TrustList list = labs(500, 3);
        byte[] signed = list.sign(w.root);
        assertTrue(signed.length > 100_000, "a realistic list is far over a code's 1 KiB: " + signed.length);
        TrustList loaded = w.trust.offer(signed);
        assertEquals(500, loaded.labs().size());
        assertEquals(1500, loaded.keys().size());
        for (LabKey k : list.keys()) {
            assertNotNull(w.trust.current().key(k.kidAsLong()));
        }
    }

    @Test
    void shouldRefuseMoreLabsThanTheLimitNamingTheLimit() {
        IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                () -> labs(TrustListLimits.MAX_LABS + 1, 0));
        assertTrue(built.getMessage().contains("over the limit of " + TrustListLimits.MAX_LABS), built.getMessage());

        // a signed payload that bypasses the builder: the decoder names the same limit
        List<Object> labs = new ArrayList<>();
        for (int i = 0; i <= TrustListLimits.MAX_LABS; i++) {
            Map<Object, Object> lab = new LinkedHashMap<>();
            lab.put(1L, "L" + i);
            lab.put(2L, "lab");
            lab.put(3L, "CNAS");
            lab.put(4L, List.of());
            lab.put(5L, List.of());
            labs.add(lab);
        }
        TrustListException e = assertThrows(TrustListException.class,
                () -> w.trust.offer(signRaw(Map.of(1L, 9L, 2L, 0L, 3L, labs), w.root)));
        assertTrue(e.getMessage().contains("1001 labs, over the limit of 1000"), e.getMessage());
    }

    @Test
    void shouldRefuseALabWithTooManyKeysAndAnOversizeList() {
        IllegalArgumentException keys = assertThrows(IllegalArgumentException.class,
                () -> labs(1, TrustListLimits.MAX_KEYS_PER_LAB + 1));
        assertTrue(keys.getMessage().contains("limits are " + TrustListLimits.MAX_KEYS_PER_LAB), keys.getMessage());

        byte[] huge = new byte[TrustListLimits.MAX_SIGNED_BYTES + 1];
        huge[0] = (byte) 0xd2;
        TrustListException e = assertThrows(TrustListException.class, () -> w.trust.offer(huge));
        assertTrue(e.getMessage().contains("over the limit of " + TrustListLimits.MAX_SIGNED_BYTES), e.getMessage());
    }

    @Test
    void shouldNameAnUnsignedPayloadAndAJsonSourceWithTheCommandThatSignsThem() {
        TrustListException unsigned = assertThrows(TrustListException.class,
                () -> w.trust.offer(w.trustList(5, KeyStatus.ACTIVE).encode()));
        assertTrue(unsigned.getMessage().contains("unsigned trust list"), unsigned.getMessage());
        assertTrue(unsigned.getMessage().contains("gatectl trust-list sign"), unsigned.getMessage());

        byte[] json = "{\"version\": 5, \"labs\": []}".getBytes(StandardCharsets.UTF_8);
        TrustListException source = assertThrows(TrustListException.class, () -> w.trust.offer(json));
        assertTrue(source.getMessage().contains("JSON source"), source.getMessage());
        assertTrue(source.getMessage().contains("gatectl trust-list build"), source.getMessage());
        assertEquals(1, w.trust.current().version(), "the current list stays");
    }

    @Test
    void shouldStillKeepCodesToTheirOwnSmallLimits() {
        // the trust list's larger envelope limits are not the code's: a code-sized parse of a big list fails
        byte[] signed = labs(20, 2).sign(w.root);
        assertThrows(gcc.code.MalformedCodeException.class, () -> CoseSign1.parse(signed));
        assertEquals(20, assertDoesNotThrowVerify(signed).labs().size());
    }

    private TrustList assertDoesNotThrowVerify(byte[] signed) {
        try {
            return TrustList.verify(signed, SignatureVerifier.ofSpki(w.root.publicKeySpki()));
        } catch (TrustListException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static byte[] signRaw(Map<Object, Object> payloadMap, Signer root) {
        byte[] payload = Cbor.encode(payloadMap);
        byte[] prot = CoseSign1.protectedHeader(root.algorithm(), root.kid());
        return CoseSign1.encode(prot, payload, root.sign(CoseSign1.toBeSigned(prot, payload)), true);
    }
}
