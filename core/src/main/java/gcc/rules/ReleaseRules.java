package gcc.rules;

import gcc.code.ClearanceClaims;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.Profile;
import gcc.policy.StandardClass;
import gcc.registry.RecallScopes;
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
            case STALE -> {
                out.hold(Reason.REGISTRY_STALE);
                yield false;
            }
        };
        RecallScopes scopes = registry.scopes();
        if (registered) {
            recordRules(c, record, policy, day, out);
            recallRules(record, scopes, out);
            bindingRules(decl, policy, scopes, out, record, c);
        } else {
            claimsOnlyRules(c, policy, out);
            bindingRules(decl, policy, scopes, out, null, c);
        }
        out.complete();
    }

    /** Lab-, manufacturer- and model-wide recalls reach a report without rewriting its record. */
    private static void recallRules(ReportRecord record, RecallScopes scopes, Findings out) {
        RecallScopes.Scope s = scopes.reaching(record);
        if (s != null) {
            out.hold(s.revoke() ? Reason.REPORT_REVOKED : Reason.REPORT_SUSPENDED).reportRecall(s);
        }
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
        if (!r.manufacturerEquals(c.exporterBytes(), 0, c.exporterBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("exporter");
        }
        if (!r.coversProduct(c.hsBytes(), 0, c.hsBytes().length, c.modelBytes(), 0, c.modelBytes().length)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("product");
        }
        if (r.issueDay() != c.issueDay()) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("issue date");
        }
        Profile profile = policy.profile(r.profileBytes(), 0, r.profileLength());
        if (profile == null) {
            // A report judged against a list the policy no longer (or not yet) holds: nobody can say
            // which items it must cover, so it cannot release.
            out.hold(Reason.PROFILE_NOT_IN_FORCE).missingProfile(r.profileBytes(), 0, r.profileLength());
        } else {
            scopeRules(c, r, profile, policy, day, out);
        }
        if (day >= c.expiryDay() && !out.has(Reason.ITEM_EXPIRED)) {
            // The lab's own expiry claim is stricter than the registry's dates: believe the stricter.
            out.hold(Reason.ITEM_EXPIRED);
        }
    }

    /** Scope, results, not-applicable items and item dates of a registered report against its profile. */
    private static void scopeRules(ClearanceClaims c, ReportRecord r, Profile profile, Policy policy, int day, Findings out) {
        out.profile(profile);
        int required = profile.requiredMask();
        if ((r.passMask() & required) != (c.passedMask() & required)) {
            out.hold(Reason.CLAIMS_MISMATCH).mismatchField("item results");
        }
        int missing = required & ~r.presentMask();
        if (missing != 0) {
            out.hold(Reason.INCOMPLETE_SCOPE).incompleteItems(missing);
        }
        int notApplicable = required & r.notApplicableMask();
        int refused = notApplicable & ~profile.notApplicableMask(r.productClassBytes(), 0, r.productClassLength());
        if (refused != 0) {
            out.hold(Reason.NOT_APPLICABLE_REFUSED).notApplicableRefused(refused, r.productClassBytes(), 0,
                    r.productClassLength());
        }
        int failed = required & r.presentMask() & ~r.passMask() & ~r.notApplicableMask();
        if (failed != 0) {
            out.hold(Reason.ITEM_FAILED).failedItems(failed);
        }
        int[] tested = r.testDays();
        int dated = required & r.presentMask() & ~r.notApplicableMask();
        while (dated != 0) {
            int bit = Integer.numberOfTrailingZeros(dated);
            dated &= dated - 1;
            int item = bit + 1;
            int months = profile.validityMonths(item);
            if (day < EpochDays.plusMonthsAtLeast(tested[item], months)) {
                continue; // well within validity: no calendar arithmetic (the usual case, up to 21 items per decision)
            }
            int expiry = EpochDays.plusMonths(tested[item], months);
            if (day >= expiry) {
                out.hold(Reason.ITEM_EXPIRED).expiredItem(item, expiry);
            }
        }
    }

    private static void claimsOnlyRules(ClearanceClaims c, Policy policy, Findings out) {
        // Without a record the report's own profile is unknown: judge by the first for its standard.
        Profile profile = policy.profileForStandard(c.standardBytes(), 0, c.standardBytes().length);
        out.profile(profile);
        int notPassed = profile.requiredMask() & ~c.passedMask();
        if (notPassed != 0) {
            out.hold(Reason.INCOMPLETE_SCOPE).incompleteItems(notPassed);
        }
        if (out.decisionDay() >= c.expiryDay()) {
            out.hold(Reason.ITEM_EXPIRED);
        }
    }

    private static void bindingRules(Declaration decl, Policy policy, RecallScopes scopes, Findings out, ReportRecord record,
                                     ClearanceClaims c) {
        if (!Uscc.isValid(decl.exporter(), decl.exporterOff(), decl.exporterLen())) {
            out.hold(Reason.INVALID_REQUEST, "declared exporter is not a valid Unified Social Credit Code");
        }
        if (policy.exporterMustMatch() && !exporterAuthorized(decl, record, c)) {
            out.hold(Reason.EXPORTER_MISMATCH).registeredExporter(record != null ? record.exporterBytes(0) : c.exporterBytes())
                    .agentCount(record != null ? record.exporterCount() - 1 : 0);
        }
        if (decl.hasProduct() && policy.productMustMatchWhenSupplied() && !productMatches(decl, record, c)) {
            out.hold(Reason.PRODUCT_MISMATCH);
        }
        RecallScopes.Scope suspended = scopes.declarantSuspension(decl.exporter(), decl.exporterOff(), decl.exporterLen());
        if (suspended != null) {
            out.hold(Reason.EXPORTER_SUSPENDED).declarantSuspension(suspended);
        }
    }

    /** The declaring exporter is the manufacturer or an agent the registered report authorizes. */
    private static boolean exporterAuthorized(Declaration decl, ReportRecord record, ClearanceClaims c) {
        if (record != null) {
            return record.authorizes(decl.exporter(), decl.exporterOff(), decl.exporterLen());
        }
        byte[] e = c.exporterBytes();
        return decl.exporterLen() == e.length && Arrays.equals(e, 0, e.length, decl.exporter(), decl.exporterOff(),
                decl.exporterOff() + decl.exporterLen());
    }

    /**
     * A declared product matches a product of the report's series: {@code HS/MODEL} exactly, or the
     * HS code alone, or the model alone. Without a record, the code's one product.
     */
    private static boolean productMatches(Declaration decl, ReportRecord record, ClearanceClaims c) {
        byte[] p = decl.product();
        int off = decl.productOff();
        int len = decl.productLen();
        int slash = -1;
        for (int i = off; i < off + len; i++) {
            if (p[i] == '/') {
                slash = i;
                break;
            }
        }
        if (record != null) {
            if (slash >= 0) {
                return record.coversProduct(p, off, slash - off, p, slash + 1, off + len - slash - 1);
            }
            return record.coversHsCode(p, off, len) || record.coversModel(p, off, len);
        }
        byte[] hs = c.hsBytes();
        byte[] model = c.modelBytes();
        if (slash >= 0) {
            return Arrays.equals(p, off, slash, hs, 0, hs.length) && Arrays.equals(p, slash + 1, off + len, model, 0, model.length);
        }
        return Arrays.equals(p, off, off + len, hs, 0, hs.length) || Arrays.equals(p, off, off + len, model, 0, model.length);
    }
}
