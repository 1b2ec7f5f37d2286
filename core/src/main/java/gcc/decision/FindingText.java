package gcc.decision;

import gcc.policy.ItemSpec;
import gcc.policy.Policy;
import gcc.policy.Profile;
import gcc.registry.RecallScopes;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The short detail of one reason in one language, written from what the rules recorded in
 * {@link Findings}: which items failed or expired and since when, which exporter the report
 * names, which report superseded this one. Free-text details a decoder produced (a malformed
 * code's cause) are technical and stay as they are in both languages.
 *
 * <p>Stateless; allocates the strings it returns (never on the gate's hot path).
 */
final class FindingText {
    private FindingText() {
    }

    static String detail(Reason r, Findings f, Policy p, Language l) {
        boolean zh = l == Language.ZH;
        String d = f.detail();
        String summary = r.summary(l);
        return switch (r) {
            case MALFORMED_CODE, UNSUPPORTED_VERSION, INTERNAL_ERROR, INVALID_REQUEST -> d != null ? d : summary;
            case UNKNOWN_KEY, BAD_SIGNATURE, TRUST_LIST_UNAVAILABLE, REGISTRY_UNAVAILABLE, REGISTRY_STALE, AUDIT_UNAVAILABLE,
                    SERVER_BUSY, TIMEOUT, CONNECTION_LOST, PROTOCOL_ERROR -> summary;
            case KEY_NOT_VALID_AT_TIME, KEY_REVOKED, LAB_NOT_ACCREDITED -> keyDetail(r, f, summary, zh);
            case REPORT_NOT_REGISTERED -> zh ? "未登记报告 " + f.reportId() : "no registered report " + f.reportId();
            case DIGEST_MISMATCH -> zh ? "通关码中的报告摘要与登记的报告 " + f.reportId() + " 不一致"
                    : "the code's report digest differs from the registered report " + f.reportId();
            case LEGACY_STANDARD -> (f.claims() == null ? (zh ? "报告" : "report") : f.claims().standard())
                    + (zh ? " 为旧版标准，须依据 " : " is a legacy edition; ") + String.join(", ", p.acceptedStandards())
                    + (zh ? "" : " required");
            case STANDARD_NOT_RECOGNIZED -> (f.claims() == null ? (zh ? "该标准" : "standard") : f.claims().standard())
                    + (zh ? " 未被接受或互认" : " is not accepted or cross-recognized");
            case INCOMPLETE_SCOPE -> (zh ? "以下项目无结果：" : "no result for items ") + items(f.incompleteItems(), f, p, l);
            case ITEM_FAILED -> (zh ? "不合格项目：" : "failed items ") + items(f.failedItems(), f, p, l);
            case ITEM_EXPIRED -> f.expiredItems() == 0 && f.claims() != null
                    ? (zh ? "通关码所载最早失效日期 " + f.claims().expiryDate() + " 已过"
                    : "the code's earliest item expiry " + f.claims().expiryDate() + " has passed")
                    : (zh ? "过期项目：" : "expired items ") + items(f.expiredItems(), f, p, l)
                    + (f.earliestExpiredDay() == Integer.MAX_VALUE ? ""
                    : (zh ? "，自 " + LocalDate.ofEpochDay(f.earliestExpiredDay()) + " 起失效"
                    : ", since " + LocalDate.ofEpochDay(f.earliestExpiredDay())));
            case REPORT_REVOKED -> (zh ? "报告 " + f.reportId() + " 已被撤销" : "report " + f.reportId() + " was revoked")
                    + recall(f.reportRecall(), zh);
            case REPORT_SUSPENDED -> (zh ? "报告 " + f.reportId() + " 已被暂停使用" : "report " + f.reportId() + " is suspended")
                    + recall(f.reportRecall(), zh);
            case EXPORTER_SUSPENDED -> f.declarantSuspension() == null ? summary
                    : (zh ? "出口商 " + f.declarantSuspension().value() + " 已被暂停" : "exporter " + f.declarantSuspension().value()
                    + " is suspended") + reason(f.declarantSuspension(), zh);
            case REPORT_SUPERSEDED -> zh ? "报告 " + f.reportId() + " 已被 " + f.supersededBy() + " 取代"
                    : "report " + f.reportId() + " was superseded by " + f.supersededBy();
            case EXPORTER_MISMATCH -> f.registeredExporter() == null ? summary : zh
                    ? "报告授权的出口商为 " + f.registeredExporter() + (f.agentCount() == 0 ? "" : " 及 " + f.agentCount() + " 家代理")
                    : "report names exporter " + f.registeredExporter()
                    + (f.agentCount() == 0 ? "" : " and " + f.agentCount() + " authorized agent" + (f.agentCount() == 1 ? "" : "s"));
            case PROFILE_NOT_IN_FORCE -> zh ? "报告依据的检测项目方案 " + f.missingProfile() + " 不在现行政策 " + p.version() + " 中"
                    : "the report's item profile " + f.missingProfile() + " is not in policy " + p.version();
            case NOT_APPLICABLE_REFUSED -> (zh ? "以下项目标为不适用，但政策要求" : "items marked not applicable that policy requires for ")
                    + (f.productClass().isEmpty() ? (zh ? "未分类产品" : "an unclassified product")
                    : (zh ? "“" + f.productClass() + "”类产品" : "product class " + f.productClass()))
                    + (zh ? "检测：" : ": ") + items(f.notApplicableRefusedItems(), f, p, l);
            case PRODUCT_MISMATCH -> f.claims() == null ? summary : zh
                    ? "报告所列产品为 " + f.claims().product() : "report covers product " + f.claims().product();
            case CLAIMS_MISMATCH -> zh ? "通关码与登记的报告在" + (f.mismatchField() == null ? "某项内容" : "“" + f.mismatchField() + "”")
                    + "上不一致" : "code and registered report disagree on " + (f.mismatchField() == null ? "a claim" : f.mismatchField());
            case CODE_NOT_YET_VALID -> f.claims() == null ? summary : zh
                    ? "通关码签发于 " + f.claims().issueDate() + "，晚于判定日期"
                    : "code issued " + f.claims().issueDate() + ", after the decision date";
        };
    }

    /** The detail of a reason about the signing lab's key or accreditation. */
    private static String keyDetail(Reason r, Findings f, String summary, boolean zh) {
        if (r == Reason.KEY_NOT_VALID_AT_TIME) {
            return f.key() == null ? summary : zh
                    ? "检测机构 " + f.key().labId() + " 的密钥有效期为 " + Instant.ofEpochSecond(f.key().notBefore()) + " 至 "
                    + Instant.ofEpochSecond(f.key().notAfter())
                    : "key " + f.key().labId() + " valid " + Instant.ofEpochSecond(f.key().notBefore()) + " to "
                    + Instant.ofEpochSecond(f.key().notAfter());
        }
        if (r == Reason.KEY_REVOKED) {
            return f.key() == null ? summary : zh
                    ? "检测机构 " + f.key().labId() + " 的密钥已在可信名单上吊销"
                    : "key of lab " + f.key().labId() + " is revoked on the trust list";
        }
        return f.claims() == null ? summary : zh
                ? "检测机构 " + f.claims().labId() + " 未获 " + f.claims().standard() + " 认可"
                : "lab " + f.claims().labId() + " is not accredited for " + f.claims().standard();
    }

    private static String recall(RecallScopes.Scope s, boolean zh) {
        if (s == null) {
            return "";
        }
        String what = switch (s.kind()) {
            case LAB -> zh ? "检测机构 " : "lab ";
            case EXPORTER -> zh ? "出口商 " : "exporter ";
            case MODEL -> zh ? "型号 " : "model ";
            case DECLARANT -> zh ? "申报人 " : "declarant ";
        };
        return (zh ? "（" + what + s.value() + " 的全部报告被" + (s.revoke() ? "撤销" : "暂停") + "）"
                : " by the " + (s.revoke() ? "revocation" : "suspension") + " of every report of " + what + s.value())
                + reason(s, zh);
    }

    private static String reason(RecallScopes.Scope s, boolean zh) {
        return s.reason().isBlank() ? "" : (zh ? "：" : ": ") + s.reason();
    }

    /** Item numbers with their profile names, e.g. {@code 9 (antimony); 21 (burning behaviour)}. */
    static String items(int mask, Findings f, Policy policy, Language l) {
        Profile p = f.profile() != null ? f.profile() : policy.defaultProfile();
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n < 32; n++) {
            if ((mask & (1 << (n - 1))) != 0) {
                if (sb.length() > 0) {
                    sb.append(l == Language.ZH ? "；" : "; ");
                }
                ItemSpec s = p.item(n);
                sb.append(n);
                if (s != null) {
                    sb.append(l == Language.ZH ? "（" + s.nameZh() + "）" : " (" + s.name() + ")");
                }
            }
        }
        return sb.toString();
    }
}
