"""Renders a version 2 answer's per-reason details (protocol.Detail) in English or Chinese.

The wire carries a reason code and its arguments, never text; this is the same rendering as the
Java SDK's gcc.gate.ReasonDetail, so a gate screen in either language says what the HTTP answer
says. Item numbers are shown without names: the gate does not hold the policy's item profile.
"""

import datetime

from . import reasons as r

_EPOCH = datetime.date(1970, 1, 1)


def item_list(items, lang="en"):
    """Item numbers of a mask (bit n-1 = item n), e.g. '9, 21' or '9、21'."""
    return ("、" if lang == "zh" else ", ").join(str(n) for n in range(1, 33) if items >> (n - 1) & 1)


def since(detail):
    """The date a detail dates from, or None."""
    return _EPOCH + datetime.timedelta(days=detail.since_day) if detail.since_day > 0 else None


def _recall(ref, revoked, zh):
    kind, _, value = ref.partition(":")
    what = {"LAB": ("lab ", "检测机构 "), "EXPORTER": ("exporter ", "出口商 "), "MODEL": ("model ", "型号 "),
            "DECLARANT": ("declarant ", "申报人 ")}.get(kind, ("", ""))[1 if zh else 0]
    if zh:
        return "%s%s 的全部报告被%s" % (what, value, "撤销" if revoked else "暂停")
    return "every report of %s%s was %s" % (what, value, "revoked" if revoked else "suspended")


def text(detail, lang="en"):
    """One line for a gate screen: the reason's summary and this detail, in 'en' or 'zh'."""
    zh = lang == "zh"
    name = r.NAMES.get(detail.code)
    summary = r.summary(detail.code, lang)
    ref, items, day = detail.ref, item_list(detail.items, lang), since(detail)
    if name == "INCOMPLETE_SCOPE":
        d = ("以下项目无结果：" if zh else "no result for items ") + items
    elif name == "ITEM_FAILED":
        d = ("不合格项目：" if zh else "failed items ") + items
    elif name == "ITEM_EXPIRED":
        if detail.items == 0:
            d = ("通关码所载最早失效日期 %s 已过" if zh else "the code's earliest item expiry %s has passed") % day
        else:
            d = ("过期项目：" if zh else "expired items ") + items + (
                "" if day is None else ("，自 %s 起失效" if zh else ", since %s") % day)
    elif name == "CODE_NOT_YET_VALID":
        d = ("通关码签发于 %s，晚于判定日期" if zh else "code issued %s, after the decision date") % day
    elif name == "NOT_APPLICABLE_REFUSED":
        cls = (("“%s”类产品" if zh else "product class %s") % ref) if ref else ("未分类产品" if zh else "an unclassified product")
        d = ("以下项目标为不适用，但政策要求%s检测：%s" if zh else "items marked not applicable that policy requires for %s: %s") % (cls, items)
    elif name == "REPORT_SUPERSEDED":
        d = ("已被报告 %s 取代" if zh else "superseded by report %s") % ref
    elif name == "EXPORTER_MISMATCH":
        d = ("报告授权的出口商为 %s" if zh else "report names exporter %s") % ref
    elif name == "PROFILE_NOT_IN_FORCE":
        d = ("报告依据的检测项目方案 %s 不在现行政策中" if zh else "the report's item profile %s is not in the policy in force") % ref
    elif name in ("REPORT_REVOKED", "REPORT_SUSPENDED"):
        d = _recall(ref, name == "REPORT_REVOKED", zh)
    elif name == "EXPORTER_SUSPENDED":
        d = ("出口商 %s 已被暂停" if zh else "exporter %s is suspended") % ref
    elif name == "KEY_NOT_VALID_AT_TIME":
        d = ("检测机构 %s 的密钥不在有效期内" if zh else "key of lab %s is outside its validity") % ref
    elif name == "KEY_REVOKED":
        d = ("检测机构 %s 的密钥已在可信名单上吊销" if zh else "key of lab %s is revoked on the trust list") % ref
    elif name == "LAB_NOT_ACCREDITED":
        d = ("检测机构 %s 未获该标准认可" if zh else "lab %s is not accredited for the report's standard") % ref
    else:
        d = ref or None
    return summary if d is None else summary + ("：" if zh else ": ") + d
