package gcc.code;

import gcc.crypto.Signer;
import gcc.policy.Policy;
import gcc.policy.Profile;
import gcc.report.ItemResult;
import gcc.report.ReportDocument;
import gcc.time.EpochDays;

import java.util.List;

/**
 * What a lab does to turn a registered report into a code: the claims with the earliest item
 * expiry its policy gives, signed with its key. Stateless and thread-safe.
 */
public final class CodeIssuer {
    private CodeIssuer() {
    }

    /**
     * The first day on which one of the report's profile items is no longer valid: the minimum
     * over items of test date plus the item's validity months in the report's profile (items
     * outside the profile and not-applicable items do not count; a report with none, or whose
     * profile the policy does not hold, expires on its issue date).
     */
    public static int earliestExpiryDay(ReportDocument doc, Policy policy) {
        Profile profile = policy.profile(doc.profile());
        int min = Integer.MAX_VALUE;
        for (ItemResult r : doc.items()) {
            int months = profile == null || r.notApplicable() ? 0 : profile.validityMonths(r.item());
            if (months > 0) {
                min = Math.min(min, EpochDays.plusMonths((int) r.testDate().toEpochDay(), months));
            }
        }
        return min == Integer.MAX_VALUE ? (int) doc.issueDate().toEpochDay() : min;
    }

    /** The claims for a valid report; refuses an invalid one with its problems. */
    public static ClearanceClaims claims(ReportDocument doc, Policy policy) {
        List<String> problems = doc.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("report " + doc.reportId() + " is invalid: " + String.join("; ", problems));
        }
        if (policy.profile(doc.profile()) == null) {
            throw new IllegalArgumentException("report " + doc.reportId() + " names item profile " + doc.profile()
                    + ", which policy " + policy.version() + " does not hold");
        }
        return ClearanceClaims.of(doc, earliestExpiryDay(doc, policy));
    }

    /** Every layer of the signed code for a report. */
    public static ClearanceCode.Layers issue(ReportDocument doc, Policy policy, Signer signer) {
        return ClearanceCode.issueLayers(claims(doc, policy), signer);
    }
}
