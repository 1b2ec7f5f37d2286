package gcc.code;

import gcc.cbor.Cbor;
import gcc.cbor.CborTag;
import gcc.report.Product;
import gcc.testkit.Mutations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The miss path's in-place decoder ({@link ClearanceCode#decodeInto}: reused buffers, the
 * COSE_Sign1 flyweight, the claims cursor) must answer every input exactly as the strict decoder
 * ({@link ClearanceCode#decode(byte[], int, int)}) does: the same refusal (kind and message) or
 * the same claims, algorithm, kid, Sig_structure and signature. Differential: mutants of the
 * fuzz corpus at every layer, and every single-byte change of the signed content of each seed.
 */
class MissDecodeEquivalenceTest {
    private final DecodeScratch scratch = new DecodeScratch();
    private int accepted;
    private int refused;

    @Test
    void shouldAnswerLikeTheStrictDecoderForMutantsOfEveryLayer() {
        Mutations.run(Mutations.corpus(ClearanceCodeFuzzTest.class, "decodeAndVerify"), 30_000, 3, input -> {
            byte[] text = ClearanceCodeFuzzTest.text(input);
            if (text != null) {
                compare(text);
            }
        });
        assertTrue(accepted > 0 && refused > 0, "both answers exercised: " + accepted + " accepted, " + refused + " refused");
    }

    @Test
    void shouldAnswerLikeTheStrictDecoderForEverySingleByteChangeOfTheSignedContent() throws MalformedCodeException {
        for (String code : ClearanceCodeFuzzTest.VALID) {
            CoseSign1 s = ClearanceCode.decode(code).sign1();
            byte[] prot = s.protectedBytes();
            byte[] payload = s.payload();
            for (int at = 0; at < payload.length; at++) {
                for (int v : new int[]{0x00, 0x01, 0x17, 0x18, 0x20, 0x2f, 0x7f, 0x80, 0xc3, 0xff}) {
                    byte[] p = payload.clone();
                    p[at] = (byte) v;
                    compareBothForms(prot, p, s.signature());
                    p[at] = (byte) (payload[at] ^ 1);
                    compareBothForms(prot, p, s.signature());
                }
                compareBothForms(prot, Arrays.copyOf(payload, at), s.signature());
            }
            for (int at = 0; at < prot.length; at++) {
                for (int v : new int[]{0x00, 0x02, 0x04, 0x26, 0x27, 0x3a, 0x48, 0xa1, 0xa3, 0xff}) {
                    byte[] p = prot.clone();
                    p[at] = (byte) v;
                    compareBothForms(p, payload, s.signature());
                }
            }
            compareBothForms(prot, payload, Arrays.copyOf(s.signature(), 63));
        }
        assertTrue(accepted > 0 && refused > 0, "both answers exercised: " + accepted + " accepted, " + refused + " refused");
    }

    @Test
    void shouldReadShapesOutsideTheIssuedOneThroughTheStrictDecoder() throws MalformedCodeException {
        String code = ClearanceCodeFuzzTest.VALID.get(0);
        CoseSign1 s = ClearanceCode.decode(code).sign1();
        ClearanceClaims c = ClearanceClaims.decode(s.payload());
        // a UTF-8 model name (strict UTF-8 decoding), and an unprotected header that is not empty
        byte[] utf8 = new ClearanceClaims(c.reportId(), c.digestBytes(), c.standard(), c.labId(), c.exporter(),
                new Product(c.product().hsCode(), "婴儿推车-7"), c.issueDay(), c.expiryDay(), c.passedMask()).encode();
        compareBothForms(s.protectedBytes(), utf8, s.signature());
        byte[] withUnprotected = Cbor.encode(new CborTag(CoseSign1.TAG,
                List.of(s.protectedBytes(), Map.of(4L, s.kid()), s.payload(), s.signature())));
        compare((ClearanceCode.PREFIX + Base45.encode(withUnprotected)).getBytes(StandardCharsets.US_ASCII));
        assertEquals("婴儿推车-7", ClearanceCode.decodeInto(text(s.protectedBytes(), utf8, s.signature(), true), 0,
                text(s.protectedBytes(), utf8, s.signature(), true).length, scratch).product().model());
        byte[] malformedUtf8 = utf8.clone();
        int at = indexOf(malformedUtf8, "婴".getBytes(StandardCharsets.UTF_8));
        malformedUtf8[at + 1] = (byte) 0x41; // a lead byte followed by ASCII: not UTF-8
        compareBothForms(s.protectedBytes(), malformedUtf8, s.signature());
        assertEquals(3, accepted, "the UTF-8 model and the unprotected header are accepted, both forms");
    }

    private void compareBothForms(byte[] prot, byte[] payload, byte[] sig) {
        compare(text(prot, payload, sig, true));
        compare(text(prot, payload, sig, false));
    }

    private static byte[] text(byte[] prot, byte[] payload, byte[] sig, boolean zlib) {
        byte[] cose = CoseSign1.encode(prot, payload, sig, true);
        return (ClearanceCode.PREFIX + Base45.encode(zlib ? Zlib.deflate(cose) : cose)).getBytes(StandardCharsets.US_ASCII);
    }

    private void compare(byte[] text) {
        ClearanceCode.Layers strict = null;
        MalformedCodeException strictError = null;
        try {
            strict = ClearanceCode.decode(text, 0, text.length);
        } catch (MalformedCodeException e) {
            strictError = e;
        }
        ClearanceClaims fast = null;
        MalformedCodeException fastError = null;
        try {
            fast = ClearanceCode.decodeInto(text, 0, text.length, scratch);
        } catch (MalformedCodeException e) {
            fastError = e;
        }
        String what = new String(text, StandardCharsets.ISO_8859_1);
        if (strictError != null) {
            refused++;
            assertNull(fast, "in-place decoder accepted what the strict one refuses: " + what);
            assertEquals(strictError.kind(), fastError.kind(), what);
            assertEquals(strictError.getMessage(), fastError.getMessage(), what);
            return;
        }
        accepted++;
        assertNull(fastError, "in-place decoder refused what the strict one accepts: " + what);
        assertSameClaims(strict.claims(), fast, what);
        CoseSign1 s = strict.sign1();
        CoseSign1Flyweight f = scratch.sign1();
        assertEquals(s.algorithm(), f.algorithm(), what);
        assertEquals(s.kidAsLong(), f.kidAsLong(), what);
        assertEquals(s.tagged(), f.tagged(), what);
        assertArrayEquals(s.toBeSigned(), Arrays.copyOf(scratch.toBeSigned(), scratch.toBeSignedLength()), what);
        assertArrayEquals(s.signature(), Arrays.copyOfRange(f.signatureBuffer(), f.signatureOffset(),
                f.signatureOffset() + f.signatureLength()), what);
    }

    private static void assertSameClaims(ClearanceClaims a, ClearanceClaims b, String what) {
        assertEquals(a.reportId(), b.reportId(), what);
        assertArrayEquals(a.reportIdBytes(), b.reportIdBytes(), what);
        assertArrayEquals(a.digestBytes(), b.digestBytes(), what);
        assertEquals(a.standard(), b.standard(), what);
        assertEquals(a.labId(), b.labId(), what);
        assertEquals(a.exporter(), b.exporter(), what);
        assertArrayEquals(a.exporterBytes(), b.exporterBytes(), what);
        assertEquals(a.product(), b.product(), what);
        assertArrayEquals(a.modelBytes(), b.modelBytes(), what);
        assertEquals(a.issueDay(), b.issueDay(), what);
        assertEquals(a.expiryDay(), b.expiryDay(), what);
        assertEquals(a.passedMask(), b.passedMask(), what);
        assertArrayEquals(a.encode(), b.encode(), what);
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }
}
