package gcc.verify;

import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.CoseSign1Flyweight;
import gcc.code.DecodeScratch;
import gcc.code.MalformedCodeException;
import gcc.code.VerifiedCode;
import gcc.decision.Decision;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.registry.ReportRecord;
import gcc.registry.ReportRegistry;
import gcc.rules.Declaration;
import gcc.rules.ReleaseRules;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns a scanned code and a declaration into a decision. The gate's path comes in three steps so
 * a server can keep curve math off its event loop:
 * <ol>
 *   <li>{@link #probe}: hash the code text and look it up in the {@link SignatureMemo}
 *       (about a microsecond, allocation-free);</li>
 *   <li>on a miss, {@link #check}: decode every layer and verify the signature with the
 *       trust-list key (one curve verification, about 80 µs), remembering a success; decoding
 *       reuses the scratch's buffers, so a well-formed code allocates only its claims beyond
 *       what BouncyCastle allocates inside the curve arithmetic;</li>
 *   <li>{@link #decide}: the release rules against the registry and the current trust list and
 *       policy (allocation-free).</li>
 * </ol>
 * {@link #verify} runs all three for tools and the HTTP API.
 *
 * <p>Nothing throws for a business outcome and no error path releases: every failure becomes a
 * HOLD reason in {@link Findings}, and an unexpected exception becomes INTERNAL_ERROR.
 *
 * <p>Thread-safe; each thread passes its own {@link Scratch}.
 */
public final class Verifier {
    private final TrustStore trust;
    private final Supplier<Policy> policy;
    private final ReportRegistry registry;
    private final SignatureMemo memo;
    private final Clock clock;

    /**
     * Scratch for callers without their own ({@link #verify}, the HTTP API): one per thread, so a
     * request does not make a new inflater and decode buffers each time.
     */
    private final ThreadLocal<Scratch> threadScratch = ThreadLocal.withInitial(Scratch::new);

    /** Codes that failed their signature check, for the same trust list (sized like the positive memo, at most 64 Ki). */
    private final RejectionMemo rejected;

    public Verifier(TrustStore trust, Supplier<Policy> policy, ReportRegistry registry, SignatureMemo memo, Clock clock) {
        this(trust, policy, registry, memo, new RejectionMemo(Math.min(memo.capacity(), 1 << 16)), clock);
    }

    public Verifier(TrustStore trust, Supplier<Policy> policy, ReportRegistry registry, SignatureMemo memo, RejectionMemo rejected,
                    Clock clock) {
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.memo = Objects.requireNonNull(memo, "memo");
        this.clock = Objects.requireNonNull(clock, "clock");
        trust.onKeyChanged(memo::invalidateKid);
    }

    /** Per-thread working memory for the hot path. */
    public static final class Scratch {
        private final MessageDigest sha256;
        final byte[] hash = new byte[32];
        final ReportRecord record = new ReportRecord();
        final Findings findings = new Findings();
        final Declaration declaration = new Declaration();
        /** Buffers, inflater and flyweights for decoding a code on a miss. */
        final DecodeScratch decode = new DecodeScratch();

        public Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
        }

        /** A findings object owned by this scratch, for callers that do not keep their own. */
        public Findings findings() {
            return findings;
        }

        /** A declaration view owned by this scratch. */
        public Declaration declaration() {
            return declaration;
        }

        void hash(byte[] text, int off, int len) {
            sha256.update(text, off, len);
            try {
                sha256.digest(hash, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** This thread's scratch, for callers that keep none of their own (not for nested use on one thread). */
    public Scratch threadScratch() {
        return threadScratch.get();
    }

    public SignatureMemo memo() {
        return memo;
    }

    public RejectionMemo rejected() {
        return rejected;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Step 1: the memo's answer for this code text, or {@code null} on a miss. Leaves the text's
     * hash in {@code s} for {@link #check}. Allocation-free.
     */
    public VerifiedCode probe(byte[] text, int off, int len, Scratch s) {
        s.hash(text, off, len);
        return memo.get(s.hash);
    }

    /**
     * Step 1b (after a {@link #probe} miss with the same scratch): true, with the HOLD reason in
     * {@code out}, when this very text failed its signature check under the trust list still in
     * force; then it needs no {@link #check}. Only ever adds a HOLD. Allocation-free.
     */
    public boolean probeRejected(Scratch s, Findings out) {
        return rejected.holdIfRejected(s.hash, trust.current(), out);
    }

    /**
     * Step 2 (after a {@link #probe} miss with the same scratch): decodes the code and verifies
     * its signature. On success remembers and returns the verified code; otherwise adds the
     * reasons to {@code out} and returns {@code null}.
     */
    public VerifiedCode check(byte[] text, int off, int len, Scratch s, Findings out) {
        ClearanceClaims claims;
        try {
            claims = ClearanceCode.decodeInto(text, off, len, s.decode);
        } catch (MalformedCodeException e) {
            out.hold(reasonFor(e.kind()), e.getMessage());
            return null;
        }
        CoseSign1Flyweight sign1 = s.decode.sign1();
        out.claims(claims);
        TrustList list = trust.current();
        if (list == null) {
            out.hold(Reason.TRUST_LIST_UNAVAILABLE);
            return null;
        }
        LabKey key = list.key(sign1.kidAsLong());
        if (key == null) {
            out.hold(Reason.UNKNOWN_KEY);
            rejected.reject(s.hash, list, Reason.UNKNOWN_KEY, claims, null);
            return null;
        }
        out.key(key);
        if (key.algorithm() != sign1.algorithm()
                || !key.verifier().verify(s.decode.toBeSigned(), 0, s.decode.toBeSignedLength(),
                        sign1.signatureBuffer(), sign1.signatureOffset(), sign1.signatureLength())) {
            out.hold(Reason.BAD_SIGNATURE);
            rejected.reject(s.hash, list, Reason.BAD_SIGNATURE, claims, key);
            return null;
        }
        VerifiedCode v = new VerifiedCode(claims, key.kidAsLong(), key.algorithm(), key.spki());
        memo.put(s.hash, v);
        return v;
    }

    /** The HOLD reason for a code the codec could not read. */
    public static Reason reasonFor(MalformedCodeException.Kind kind) {
        return switch (kind) {
            case MALFORMED -> Reason.MALFORMED_CODE;
            case UNSUPPORTED_VERSION -> Reason.UNSUPPORTED_VERSION;
        };
    }

    /** Step 3: the release rules for a verified code at {@code epochSecond}. Allocation-free. */
    public void decide(VerifiedCode code, Declaration decl, long epochSecond, Scratch s, Findings out) {
        try {
            ReleaseRules.evaluate(code, trust.current(), policy.get(), registry, decl, epochSecond, s.record, out);
        } catch (RuntimeException | Error e) {
            // An Error from an off-heap registry page is still a HOLD, never an escape.
            out.fail("rules failed", e);
        }
    }

    /**
     * The whole path: code text and declaration to findings, at {@code epochSecond}.
     * Fills {@code out} (reset first).
     */
    public Findings verifyInto(byte[] text, int off, int len, Declaration decl, long epochSecond, Scratch s, Findings out) {
        out.reset();
        try {
            VerifiedCode code = probe(text, off, len, s);
            if (code == null && !probeRejected(s, out)) {
                code = check(text, off, len, s, out);
            }
            if (code != null) {
                decide(code, decl, epochSecond, s, out);
            }
        } catch (RuntimeException | Error e) {
            out.fail("verifier failed", e);
        }
        return out;
    }

    /**
     * Verifies a code for a declaration at an instant ({@code null} = now by the clock) and
     * returns the itemized decision. For tools and the HTTP API (allocates).
     */
    public Decision verify(String codeText, String exporter, String product, Instant at) {
        Instant when = at != null ? at : clock.instant();
        Scratch s = threadScratch();
        byte[] text = codeText.trim().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > ClearanceCode.MAX_TEXT) {
            return Decision.hold(Reason.MALFORMED_CODE, "code text longer than " + ClearanceCode.MAX_TEXT, when);
        }
        Findings f = verifyInto(text, 0, text.length, Declaration.of(exporter == null ? "" : exporter, product),
                when.getEpochSecond(), s, new Findings());
        return Decision.of(f, policy.get(), when);
    }

    public Policy policy() {
        return policy.get();
    }
}
