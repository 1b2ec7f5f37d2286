package gcc.cbor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.code.ClearanceClaims;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.testkit.Mutations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Fuzzes the CBOR decoder, the COSE_Sign1 parser and the claims decoder on raw bytes. Invariants:
 * only {@link CborException} or {@link MalformedCodeException} leaves them; whatever the strict
 * decoder accepts re-encodes to exactly the same bytes (one value, one encoding, so a signed
 * payload cannot be re-shaped); accepted claims re-encode to the same bytes.
 */
class CborCoseFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void cborAndCose(byte[] input) {
        for (CborLimits limits : new CborLimits[]{CborLimits.CODE, CborLimits.DOCUMENT}) {
            try {
                Object v = Cbor.decode(input, limits);
                assertArrayEquals(input, Cbor.encode(v), "the strict decoder accepted a non-canonical encoding");
            } catch (CborException expected) {
                // the documented refusal
            }
        }
        try {
            CoseSign1 s = CoseSign1.parse(input);
            CoseSign1.toBeSigned(s.protectedBytes(), s.payload());
        } catch (MalformedCodeException expected) {
            // the documented refusal
        }
        try {
            ClearanceClaims c = ClearanceClaims.decode(input);
            assertArrayEquals(input, c.encode(), "claims that do not re-encode to their signed bytes");
        } catch (MalformedCodeException expected) {
            // the documented refusal
        }
    }

    @Test
    void shouldSurviveABoundedPassOfMutants() {
        Mutations.run(Mutations.corpus(getClass(), "cborAndCose"), 50_000, 2, this::cborAndCose);
    }
}
