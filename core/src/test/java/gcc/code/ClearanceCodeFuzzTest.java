package gcc.code;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gcc.crypto.Signer;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.Mutations;
import gcc.testkit.TestWorld;
import gcc.rules.Declaration;
import gcc.verify.Verifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the whole clearance-code path, Base45 → zlib → COSE_Sign1 → claims → signature → rules,
 * against a fixed world (a trust list, registered reports, a clock). Invariant on every input: the
 * verifier returns a decision (no exception escapes, {@link MalformedCodeException} stays inside
 * the decoder), and a RELEASE is given only to a code whose signed content (protected header and
 * payload, which the signature covers) is byte-identical to one of the valid codes the world
 * issued. The signature bytes may differ only as a signature scheme allows (ECDSA and SM2 draw a
 * fresh nonce per signature; the verifier checks it with the listed key), and so may the text
 * layers: a tagged or untagged COSE_Sign1, with or without zlib, any valid deflate stream of it,
 * are the same signed code (docs/code-format.md).
 *
 * <p>Input: the first byte chooses the layer the rest stands for, so mutations reach every layer:
 * 0 the code text, 1 the COSE_Sign1 (deflated and Base45-encoded here), 2 the compressed bytes
 * (Base45-encoded here).
 */
class ClearanceCodeFuzzTest {
    /** The world is deterministic (seeded keys), so the valid codes are the same in every run. */
    static final TestWorld WORLD = new TestWorld(7);
    static final List<String> VALID = new ArrayList<>();
    private static final List<byte[][]> SIGNED = new ArrayList<>();
    private static final byte[] EXPORTER = TestWorld.EXPORTER.getBytes(StandardCharsets.US_ASCII);

    static {
        Signer[] signers = {WORLD.labA, WORLD.labAes, WORLD.labAsm2};
        for (int i = 0; i < signers.length; i++) {
            ReportDocument doc = TestWorld.report("NB26-FUZZ-" + i);
            WORLD.register(doc);
            String code = WORLD.issue(doc, signers[i]);
            VALID.add(code);
            try {
                CoseSign1 s = ClearanceCode.decode(code).sign1();
                SIGNED.add(new byte[][]{s.protectedBytes(), s.payload(), s.signature()});
            } catch (MalformedCodeException e) {
                throw new IllegalStateException(e);
            }
        }
        // registered but signed by a revoked key, and one by a key not on the list: never releasable
        ReportDocument revoked = TestWorld.report("NB26-FUZZ-R");
        WORLD.register(revoked);
        VALID.add(WORLD.issue(revoked, WORLD.revokedKey));
        VALID.add(WORLD.issue(revoked, WORLD.unknownKey));
    }

    private final Verifier.Scratch scratch = new Verifier.Scratch();
    private final Findings findings = new Findings();
    private final Declaration declaration = new Declaration().set(EXPORTER, 0, EXPORTER.length, null, 0, 0);

    @FuzzTest(maxDuration = "10m")
    void decodeAndVerify(byte[] input) {
        byte[] text = text(input);
        if (text == null) {
            return;
        }
        try {
            ClearanceCode.decode(text, 0, text.length); // directly, so a runtime exception is not masked
        } catch (MalformedCodeException expected) {
            // the documented refusal
        }
        WORLD.verifier.verifyInto(text, 0, text.length, declaration, TestWorld.NOW.getEpochSecond(), scratch, findings);
        assertFalse(Reason.INTERNAL_ERROR.in(findings.reasons()), "an exception escaped inside the verifier: " + findings.detail());
        if (findings.outcome() == Outcome.RELEASE) {
            assertTrue(isValidSignedCode(text), "released a code that is not one the world issued: "
                    + new String(text, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void shouldReleaseTheValidSeedsAndSurviveABoundedPassOfMutants() {
        for (String code : VALID.subList(0, 3)) {
            assertEquals(Outcome.RELEASE, WORLD.verifier.verify(code, TestWorld.EXPORTER, null, null).outcome(), code);
        }
        Mutations.run(Mutations.corpus(getClass(), "decodeAndVerify"), 20_000, 1, this::decodeAndVerify);
    }

    /** Turns a fuzz input into code text according to its first byte; null when empty. */
    static byte[] text(byte[] input) {
        if (input.length == 0) {
            return null;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        return switch (input[0] & 0x03) {
            case 1 -> (ClearanceCode.PREFIX + Base45.encode(Zlib.deflate(rest))).getBytes(StandardCharsets.US_ASCII);
            case 2 -> (ClearanceCode.PREFIX + Base45.encode(rest)).getBytes(StandardCharsets.US_ASCII);
            default -> rest;
        };
    }

    private static boolean isValidSignedCode(byte[] text) {
        CoseSign1 s;
        try {
            s = ClearanceCode.decode(text, 0, text.length).sign1();
        } catch (MalformedCodeException e) {
            return false; // a release of something that does not even decode
        }
        for (byte[][] v : SIGNED) {
            if (Arrays.equals(v[0], s.protectedBytes()) && Arrays.equals(v[1], s.payload())) {
                return true;
            }
        }
        return false;
    }
}
