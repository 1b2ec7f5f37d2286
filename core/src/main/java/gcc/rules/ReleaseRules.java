package gcc.rules;

import gcc.code.ClearanceClaims;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.StandardClass;
import gcc.registry.ReportRecord;
import gcc.registry.ReportRegistry;
import gcc.registry.ReportStatus;
import gcc.report.Uscc;
import gcc.time.EpochDays;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.code.VerifiedCode;

import java.util.Arrays;

/**
 * Rules 1-8 of the domain brief over a code whose signature already verified. Rule 9 (record every
 * release) belongs to whoever delivers the decision. Pure and allocation-free: reads its inputs,
 * writes {@link Findings}; calls {@link Findings#complete()} only after every rule ran.
 *
 * <p>Where the registry holds the report, its record is the authority for scope, results and
 * dates; the code's signed claims must agree with it. Without a record (not registered,
 * registry unavailable) the claims are still checked so the answer stays itemized, and the
 * outcome is HOLD anyway.
 */
public final class ReleaseRules {
    private ReleaseRules() {
    }

    /**
     * Applies every rule.
     *
     * @param code        the verified code
     * @param trust       the current trust list (may be {@code null}: then TRUST_LIST_UNAVAILABLE)
     * @param policy      the current policy
     * @param registry    the report registry
     * @param decl        the declaring exporter and optional product
     * @param epochSecond the decision instant
     * @param record      scratch record for the lookup
     * @param out         receives reasons and details
     */
    public static void evaluate(VerifiedCode code, TrustList trust, Policy policy, ReportRegistry registry,
                                Declaration decl, long epochSecond, ReportRecord record, Findings out) {
        ClearanceClaims c = code.claims();
        out.claims(c);
        long skew = policy.clockSkew().getSeconds();
        int day = EpochDays.ofEpochSecond(epochSecond, policy.zone().getTotalSeconds());
        out.decisionDay(day);

        keyRules(code, trust, c, epochSecond, skew, out);
        codeDateRules(c, epochSecond, skew, policy, out);
        standardRules(c.standardBytes(), policy, out);

        ReportRegistry.Lookup found = registry.lookup(c.reportIdBytes(), c.reportIdBytes().length, record);
        boolean registered = switch (found) {
            case FOUND -> true;
            case NOT_FOUND -> {
                out.hold(Reason.REPORT_NOT_REGISTERED);
                yield false;
            }
            case UNAVAILABLE -> {
                out.hold(Reason.REGISTRY_UNAVAILABLE);
                yield false;
            }
        };
        if (registered) {
            recordRules(c, record, policy, day, out);
            bindingRules(record.exporterBytes(), decl, policy, out, record, c);
        } else {
            claimsOnlyRules(c, policy, out);
            bindingRules(c.exporterBytes(), decl, policy, out, null, c);
        }
        out.complete();
    }

    private static void keyRules(VerifiedCode code, TrustList trust, ClearanceClaims c, long t, long skew, Findings out) {
        if (trust == null) {
            out.hold(Reason.TRUST_LIST_UNAVAILABLE);
            return;
        }
        LabKey key = trust.key(code.kid());
        if (key == null || key.algorithm() != code.algorithm() || !key.spkiEquals(code.spki())) {
            // Dropped from the list, or (never expected) different material under the same id.
            out.hold(Reason.UNKNOWN_KEY);
            return;
        }
        out.key(key);
        if (key.status() == gcc.trust.KeyStatus.REVOKED) {
            out.hold(Reason.KEY_REVOKED);
        }
        if (!key.validAt(t, skew)) {
            out.hold(Reason.KEY_NOT_VALID_AT_TIME);
        }
        Lab lab = key.lab();
        if (!lab.id().equals(c.labId())) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("lab (the signing key belongs to another lab)");
        }
        if (!lab.accreditedFor(c.standardBytes(), 0, c.standardBytes().length)) {
            out.hold(Reason.LAB_NOT_ACCREDITED);
        }
    }

    private static void codeDateRules(ClearanceClaims c, long t, long skew, Policy policy, Findings out) {
        int latestDay = EpochDays.ofEpochSecond(t + skew, policy.zone().getTotalSeconds());
        if (c.issueDay() > latestDay) {
            out.hold(Reason.CODE_NOT_YET_VALID);
        }
    }

    private static void standardRules(byte[] standard, Policy policy, Findings out) {
        StandardClass sc = policy.classify(standard, 0, standard.length);
        Reason held = switch (sc) {
            case ACCEPTED, CROSS_RECOGNIZED -> null;
            case LEGACY -> Reason.LEGACY_STANDARD;
            case UNRECOGNIZED -> Reason.STANDARD_NOT_RECOGNIZED;
        };
        if (held != null) {
            out.hold(held);
        }
    }

    private static void statusRules(ReportRecord r, Findings out) {
        ReportStatus status = r.status();
        if (status == null) {
            out.hold(Reason.INTERNAL_ERROR, "registry record has an unknown status");
            return;
        }
        Reason held = switch (status) {
            case ACTIVE -> null;
            case SUSPENDED -> Reason.REPORT_SUSPENDED;
            case REVOKED -> Reason.REPORT_REVOKED;
            case SUPERSEDED -> {
                out.supersededBy(r.supersededByBytes(), r.supersededByLength());
                yield Reason.REPORT_SUPERSEDED;
            }
        };
        if (held != null) {
            out.hold(held);
        }
    }

    private static void recordRules(ClearanceClaims c, ReportRecord r, Policy policy, int day, Findings out) {
        byte[] d = c.digestBytes();
        if (!r.digestEquals(d, 0, d.length)) {
            out.hold(Reason.DIGEST_MISMATCH);
        }
        statusRules(r, out);
        if (!r.labIdEquals(c.labIdBytes(), 0, c.labIdBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("lab");
        }
        if (!r.standardEquals(c.standardBytes(), 0, c.standardBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("standard");
        }
        if (!r.exporterEquals(c.exporterBytes(), 0, c.exporterBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("exporter");
        }
        if (!r.hsCodeEquals(c.hsBytes(), 0, c.hsBytes().length) || !r.modelEquals(c.modelBytes(), 0, c.modelBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("product");
        }
        if (r.issueDay() != c.issueDay()) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("issue date");
        }
        int required = policy.requiredMask();
        if ((r.passMask() & required) != (c.passedMask() & required)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("item results");
        }
        int missing = required & ~r.presentMask();
        if (missing != 0) {
            out.hold(Reason.INCOMPLETE_SCOPE).incompleteItems(missing);
        }
        int failed = required & r.presentMask() & ~r.passMask();
        if (failed != 0) {
            out.hold(Reason.ITEM_FAILED).failedItems(failed);
        }
        int[] tested = r.testDays();
        int present = required & r.presentMask();
        while (present != 0) {
            int bit = Integer.numberOfTrailingZeros(present);
            present &= present - 1;
            int item = bit + 1;
            int expiry = EpochDays.plusMonths(tested[item], policy.validityMonths(item));
            if (day >= expiry) {
                out.hold(Reason.ITEM_EXPIRED).expiredItem(item, expiry);
            }
        }
        if (day >= c.expiryDay() && !out.has(Reason.ITEM_EXPIRED)) {
            // The lab's own expiry claim is stricter than the registry's dates: believe the stricter.
            out.hold(Reason.ITEM_EXPIRED);
        }
    }

    private static void claimsOnlyRules(ClearanceClaims c, Policy policy, Findings out) {
        int notPassed = policy.requiredMask() & ~c.passedMask();
        if (notPassed != 0) {
            out.hold(Reason.INCOMPLETE_SCOPE).incompleteItems(notPassed);
        }
        if (out.decisionDay() >= c.expiryDay()) {
            out.hold(Reason.ITEM_EXPIRED);
        }
    }

    private static void bindingRules(byte[] reportExporter, Declaration decl, Policy policy, Findings out,
                                     ReportRecord record, ClearanceClaims c) {
        if (!Uscc.isValid(decl.exporter(), decl.exporterOff(), decl.exporterLen())) {
            out.hold(Reason.INVALID_REQUEST, "declared exporter is not a valid Unified Social Credit Code");
        }
        if (policy.exporterMustMatch() && (decl.exporterLen() != reportExporter.length
                || !Arrays.equals(reportExporter, 0, reportExporter.length, decl.exporter(), decl.exporterOff(),
                decl.exporterOff() + decl.exporterLen()))) {
            out.hold(Reason.EXPORTER_MISMATCH).registeredExporter(reportExporter);
        }
        if (decl.hasProduct() && policy.productMustMatchWhenSupplied() && !productMatches(decl, record, c)) {
            out.hold(Reason.PRODUCT_MISMATCH);
        }
    }

    /** A declared product matches {@code HS/MODEL} exactly, or the HS code alone, or the model alone. */
    private static boolean productMatches(Declaration decl, ReportRecord record, ClearanceClaims c) {
        byte[] p = decl.product();
        int off = decl.productOff();
        int len = decl.productLen();
        byte[] hs = record != null ? record.hsCodeBytes() : c.hsBytes();
        int hsLen = record != null ? record.hsCodeLength() : c.hsBytes().length;
        byte[] model = record != null ? record.modelBytes() : c.modelBytes();
        int modelLen = record != null ? record.modelLength() : c.modelBytes().length;
        int slash = -1;
        for (int i = off; i < off + len; i++) {
            if (p[i] == '/') {
                slash = i;
                break;
            }
        }
        if (slash >= 0) {
            return Arrays.equals(p, off, slash, hs, 0, hsLen) && Arrays.equals(p, slash + 1, off + len, model, 0, modelLen);
        }
        return Arrays.equals(p, off, off + len, hs, 0, hsLen) || Arrays.equals(p, off, off + len, model, 0, modelLen);
    }
}
