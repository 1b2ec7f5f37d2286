package gcc.decision;

import java.time.LocalDate;

/**
 * Renders a language-neutral reason detail of the gate protocol (a reason code and two arguments,
 * see {@code gcc.gate.ReasonDetails}) as one line in Chinese or English for a gate screen. Item
 * numbers are shown as numbers: the gate does not hold the policy's item names, and the number is
 * what the report itself prints.
 *
 * <p>Stateless; allocates the returned text (SDK side, not the server's hot path).
 */
public final class DetailText {
    private DetailText() {
    }

    /** The line for one detail; falls back to the reason's summary when the arguments add nothing. */
    public static String render(int reasonCode, long a, long b, Language l) {
        Reason r = Reason.ofCode(reasonCode);
        boolean zh = l == Language.ZH;
        if (r == null) {
            return (zh ? "未知原因 " : "unknown reason ") + reasonCode;
        }
        String summary = r.summary(l);
        return switch (r) {
            case INCOMPLETE_SCOPE -> summary + (zh ? "：项目 " : ": items ") + items(a);
            case ITEM_FAILED -> summary + (zh ? "：项目 " : ": items ") + items(a);
            case NOT_APPLICABLE_REFUSED -> summary + (zh ? "：项目 " : ": items ") + items(a);
            case ITEM_EXPIRED -> summary + (a == 0 ? (zh ? "：通关码已过期" : ": the code's expiry") : (zh ? "：项目 " : ": items ") + items(a))
                    + (b == 0 ? "" : zh ? "，自 " + LocalDate.ofEpochDay(b) + " 起" : ", since " + LocalDate.ofEpochDay(b));
            case REPORT_REVOKED, REPORT_SUSPENDED, EXPORTER_SUSPENDED -> summary + scope(a, zh);
            case EXPORTER_MISMATCH -> summary + (a == 0 ? "" : zh ? "（报告另授权 " + a + " 家代理）"
                    : " (the report authorizes " + a + " agent" + (a == 1 ? "" : "s") + " besides the manufacturer)");
            case INVALID_REQUEST -> summary + reference(a, b, zh);
            case MALFORMED_CODE, UNSUPPORTED_VERSION, UNKNOWN_KEY, BAD_SIGNATURE, KEY_NOT_VALID_AT_TIME, KEY_REVOKED,
                    LAB_NOT_ACCREDITED, REPORT_NOT_REGISTERED, DIGEST_MISMATCH, LEGACY_STANDARD, STANDARD_NOT_RECOGNIZED,
                    REPORT_SUPERSEDED, PRODUCT_MISMATCH, REGISTRY_UNAVAILABLE, INTERNAL_ERROR, CLAIMS_MISMATCH,
                    CODE_NOT_YET_VALID, TRUST_LIST_UNAVAILABLE, AUDIT_UNAVAILABLE, SERVER_BUSY, TIMEOUT, CONNECTION_LOST,
                    PROTOCOL_ERROR, REGISTRY_STALE, PROFILE_NOT_IN_FORCE -> summary;
        };
    }

    /** Item numbers of a mask (bit n-1 = item n), comma separated. */
    static String items(long mask) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 32; n++) {
            if ((mask & (1L << (n - 1))) != 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(n);
            }
        }
        return sb.length() == 0 ? "?" : sb.toString();
    }

    private static String scope(long a, boolean zh) {
        return switch ((int) a) {
            case 1 -> zh ? "（检测机构范围召回）" : " (lab-wide recall)";
            case 2 -> zh ? "（出口商范围召回）" : " (exporter-wide recall)";
            case 3 -> zh ? "（型号范围召回）" : " (model-wide recall)";
            case 4 -> zh ? "（申报人被暂停）" : " (declarant suspended)";
            default -> "";
        };
    }

    private static String reference(long field, long problem, boolean zh) {
        if (field != 1 && field != 2) {
            return "";
        }
        String what = field == 1 ? (zh ? "报关单号" : "declaration number") : (zh ? "集装箱号" : "container number");
        if (problem == 2) {
            return zh ? "：" + what + "校验位错误" : ": the " + what + "'s check digit is wrong";
        }
        return field == 1 ? (zh ? "：报关单号须为 18 位数字" : ": the declaration number must be 18 digits")
                : (zh ? "：集装箱号须符合 ISO 6346" : ": the container number must follow ISO 6346");
    }
}
