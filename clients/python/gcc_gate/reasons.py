"""Reason codes of a HOLD (gcc.decision.Reason; bit n of the wire mask = code n).

A code this table does not know (a newer server's) is still a reason to hold; it is named
REASON_<n>.
"""

NAMES = {
    1: "MALFORMED_CODE",
    2: "UNSUPPORTED_VERSION",
    3: "UNKNOWN_KEY",
    4: "BAD_SIGNATURE",
    5: "KEY_NOT_VALID_AT_TIME",
    6: "KEY_REVOKED",
    7: "LAB_NOT_ACCREDITED",
    8: "REPORT_NOT_REGISTERED",
    9: "DIGEST_MISMATCH",
    10: "LEGACY_STANDARD",
    11: "STANDARD_NOT_RECOGNIZED",
    12: "INCOMPLETE_SCOPE",
    13: "ITEM_FAILED",
    14: "ITEM_EXPIRED",
    15: "REPORT_REVOKED",
    16: "REPORT_SUSPENDED",
    17: "REPORT_SUPERSEDED",
    18: "EXPORTER_MISMATCH",
    19: "PRODUCT_MISMATCH",
    20: "REGISTRY_UNAVAILABLE",
    21: "INTERNAL_ERROR",
    22: "CLAIMS_MISMATCH",
    23: "CODE_NOT_YET_VALID",
    24: "TRUST_LIST_UNAVAILABLE",
    25: "AUDIT_UNAVAILABLE",
    26: "INVALID_REQUEST",
    27: "SERVER_BUSY",
    28: "TIMEOUT",
    29: "CONNECTION_LOST",
    30: "PROTOCOL_ERROR",
    31: "REGISTRY_STALE",
    40: "PROFILE_NOT_IN_FORCE",
    41: "NOT_APPLICABLE_REFUSED",
    42: "EXPORTER_SUSPENDED",
}
# One-line summaries (English, Chinese), the same table as core's gcc/decision/reasons.tsv
# (tests/test_reasons.py keeps the two equal).
SUMMARIES = {
    1: ('the code is not a well-formed clearance code', '二维码格式不正确，不是有效的绿色通关码'),
    2: ('unsupported code format version', '通关码格式版本不受支持'),
    3: ('signing key is not on the trust list', '签名密钥不在可信名单上'),
    4: ('signature does not verify', '签名验证失败'),
    5: ('signing key not valid at the decision time', '签名密钥在判定时间不在有效期内'),
    6: ('signing key revoked', '签名密钥已被吊销'),
    7: ('lab not accredited for the standard', '检测机构未获该标准的认可资质'),
    8: ('report not registered', '检测报告未在核验平台登记'),
    9: ('report digest differs from the registered report', '报告摘要与登记的报告不一致'),
    10: ('legacy standard edition', '报告依据的是旧版标准'),
    11: ('standard not recognized', '报告依据的标准不被认可'),
    12: ('report does not cover every item', '报告未覆盖全部检测项目'),
    13: ('item failed', '有检测项目不合格'),
    14: ('item expired', '有检测项目已过有效期'),
    15: ('report revoked', '检测报告已被撤销'),
    16: ('report suspended', '检测报告已被暂停使用'),
    17: ('report superseded by a revision', '检测报告已被修订版取代'),
    18: ("declaring exporter is not the report's exporter", '申报出口商不是报告授权的出口商'),
    19: ("product differs from the report's product", '申报产品与报告所列产品不符'),
    20: ('registry unavailable', '报告登记库暂不可用'),
    21: ('internal error', '系统内部错误'),
    22: ('code claims disagree with the registered report', '通关码内容与登记的报告不一致'),
    23: ('code issued after the decision date', '通关码签发日期晚于判定日期'),
    24: ('no trust list loaded', '未加载可信名单'),
    25: ('audit journal unavailable', '审计日志不可用，不能放行'),
    26: ('invalid verify request', '核验请求无效'),
    27: ('server busy', '服务器繁忙，请重试或转人工通道'),
    28: ('no answer within the timeout', '在超时时间内未收到应答'),
    29: ('connection to the server lost', '与服务器的连接中断'),
    30: ('protocol error', '通信协议错误'),
    31: ('registry not confirmed current by the other ports within the staleness bound', '报告登记库未在时限内与其他口岸确认同步'),
    40: ("the report's item profile is not in force", '报告所依据的检测项目方案不在现行政策中'),
    41: ('items marked not applicable that policy requires', '报告将政策要求检测的项目标为不适用'),
    42: ('declaring exporter suspended', '申报出口商已被暂停绿色通关资格'),
}
CODES = {name: code for code, name in NAMES.items()}

MALFORMED_CODE = 1
INVALID_REQUEST = 26
SERVER_BUSY = 27
TIMEOUT = 28
CONNECTION_LOST = 29
PROTOCOL_ERROR = 30


def bit(code):
    return 1 << code


def names(mask):
    """The reason names in a mask, lowest code first."""
    return [NAMES.get(n, "REASON_%d" % n) for n in range(64) if mask >> n & 1]


def summary(code, lang="en"):
    """The one-line summary of a reason in 'en' or 'zh'; a code this table does not know is named."""
    texts = SUMMARIES.get(code)
    if texts is None:
        return ("原因 %d" if lang == "zh" else "reason %d") % code
    return texts[1] if lang == "zh" else texts[0]
