package gcc.gate;

import gcc.decision.Language;
import gcc.decision.Reason;

import java.time.LocalDate;

/**
 * One reason's detail as a version 2 VERIFY_RESPONSE carries it (see {@link ReasonDetails}),
 * decoded, and rendered in either language on the gate's side: the wire stays language-neutral
 * (a code and its arguments) and compact, and the gate screen says what the HTTP answer says.
 * Item numbers are shown without names: the gate does not hold the policy's item profile.
 *
 * @param code     the reason code ({@link Reason#code()}); a code this client does not know still holds
 * @param items    items concerned, bit n-1 = item n (0 = none)
 * @param sinceDay epoch day the reason dates from (an item's expiry, a code's issue day), 0 = none
 * @param ref      the report, exporter, lab, profile, product class or recall scope named ("" = none)
 */
public record ReasonDetail(int code, int items, int sinceDay, String ref) {

    /** The reason, or {@code null} for a code this client does not know. */
    public Reason reason() {
        return code > 0 && code < 64 ? Reason.ofCode(code) : null;
    }

    /** The date the reason dates from, or {@code null}. */
    public LocalDate since() {
        return sinceDay <= 0 ? null : LocalDate.ofEpochDay(sinceDay);
    }

    /** Item numbers in ascending order, joined for {@code lang} (e.g. {@code 9, 21} or {@code 9、21}). */
    public String itemList(Language lang) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 32; n++) {
            if ((items & (1 << (n - 1))) != 0) {
                if (sb.length() > 0) {
                    sb.append(lang == Language.ZH ? "、" : ", ");
                }
                sb.append(n);
            }
        }
        return sb.toString();
    }

    /** One line for a gate screen in {@code lang}: the reason's summary and this detail. */
    public String text(Language lang) {
        Reason r = reason();
        boolean zh = lang == Language.ZH;
        String summary = r == null ? (zh ? "原因 " : "reason ") + code : r.summary(lang);
        if (r == null) {
            return summary;
        }
        String detail = switch (r) {
            case INCOMPLETE_SCOPE -> (zh ? "以下项目无结果：" : "no result for items ") + itemList(lang);
            case ITEM_FAILED -> (zh ? "不合格项目：" : "failed items ") + itemList(lang);
            case ITEM_EXPIRED -> items == 0
                    ? (zh ? "通关码所载最早失效日期 " + since() + " 已过" : "the code's earliest item expiry " + since() + " has passed")
                    : (zh ? "过期项目：" : "expired items ") + itemList(lang)
                    + (since() == null ? "" : zh ? "，自 " + since() + " 起失效" : ", since " + since());
            case CODE_NOT_YET_VALID -> zh ? "通关码签发于 " + since() + "，晚于判定日期" : "code issued " + since()
                    + ", after the decision date";
            case NOT_APPLICABLE_REFUSED -> (zh ? "以下项目标为不适用，但政策要求" : "items marked not applicable that policy requires for ")
                    + (ref.isEmpty() ? (zh ? "未分类产品" : "an unclassified product")
                    : (zh ? "“" + ref + "”类产品" : "product class " + ref)) + (zh ? "检测：" : ": ") + itemList(lang);
            case REPORT_SUPERSEDED -> zh ? "已被报告 " + ref + " 取代" : "superseded by report " + ref;
            case EXPORTER_MISMATCH -> zh ? "报告授权的出口商为 " + ref : "report names exporter " + ref;
            case PROFILE_NOT_IN_FORCE -> zh ? "报告依据的检测项目方案 " + ref + " 不在现行政策中"
                    : "the report's item profile " + ref + " is not in the policy in force";
            case REPORT_REVOKED, REPORT_SUSPENDED -> recall(r == Reason.REPORT_REVOKED, zh);
            case EXPORTER_SUSPENDED -> zh ? "出口商 " + ref + " 已被暂停" : "exporter " + ref + " is suspended";
            case KEY_NOT_VALID_AT_TIME -> zh ? "检测机构 " + ref + " 的密钥不在有效期内" : "key of lab " + ref
                    + " is outside its validity";
            case KEY_REVOKED -> zh ? "检测机构 " + ref + " 的密钥已在可信名单上吊销" : "key of lab " + ref
                    + " is revoked on the trust list";
            case LAB_NOT_ACCREDITED -> zh ? "检测机构 " + ref + " 未获该标准认可" : "lab " + ref
                    + " is not accredited for the report's standard";
            case MALFORMED_CODE, UNSUPPORTED_VERSION, UNKNOWN_KEY, BAD_SIGNATURE, REPORT_NOT_REGISTERED, DIGEST_MISMATCH,
                    LEGACY_STANDARD, STANDARD_NOT_RECOGNIZED, PRODUCT_MISMATCH, REGISTRY_UNAVAILABLE, INTERNAL_ERROR,
                    CLAIMS_MISMATCH, TRUST_LIST_UNAVAILABLE, AUDIT_UNAVAILABLE, INVALID_REQUEST, SERVER_BUSY, TIMEOUT,
                    CONNECTION_LOST, PROTOCOL_ERROR, REGISTRY_STALE -> ref.isEmpty() ? null : ref;
        };
        return detail == null ? summary : summary + (zh ? "：" : ": ") + detail;
    }

    /** "every report of lab X was revoked" from a {@code KIND:value} reference. */
    private String recall(boolean revoked, boolean zh) {
        int colon = ref.indexOf(':');
        String kind = colon < 0 ? "" : ref.substring(0, colon);
        String value = ref.substring(colon + 1);
        String what = switch (kind) {
            case "LAB" -> zh ? "检测机构 " : "lab ";
            case "EXPORTER" -> zh ? "出口商 " : "exporter ";
            case "MODEL" -> zh ? "型号 " : "model ";
            case "DECLARANT" -> zh ? "申报人 " : "declarant ";
            default -> "";
        };
        return zh ? what + value + " 的全部报告被" + (revoked ? "撤销" : "暂停")
                : "every report of " + what + value + " was " + (revoked ? "revoked" : "suspended");
    }
}
