"""Reason codes of a HOLD (gcc.decision.Reason; bit n of the wire mask = code n).

A code this table does not know (a newer server's) is still a reason to hold; it is named
REASON_<n>.
"""

NAMES = {
    1: "MALFORMED_CODE", 2: "UNSUPPORTED_VERSION", 3: "UNKNOWN_KEY", 4: "BAD_SIGNATURE",
    5: "KEY_NOT_VALID_AT_TIME", 6: "KEY_REVOKED", 7: "LAB_NOT_ACCREDITED", 8: "REPORT_NOT_REGISTERED",
    9: "DIGEST_MISMATCH", 10: "LEGACY_STANDARD", 11: "STANDARD_NOT_RECOGNIZED", 12: "INCOMPLETE_SCOPE",
    13: "ITEM_FAILED", 14: "ITEM_EXPIRED", 15: "REPORT_REVOKED", 16: "REPORT_SUSPENDED",
    17: "REPORT_SUPERSEDED", 18: "EXPORTER_MISMATCH", 19: "PRODUCT_MISMATCH", 20: "REGISTRY_UNAVAILABLE",
    21: "INTERNAL_ERROR", 22: "CLAIMS_MISMATCH", 23: "CODE_NOT_YET_VALID", 24: "TRUST_LIST_UNAVAILABLE",
    25: "AUDIT_UNAVAILABLE", 26: "INVALID_REQUEST", 27: "SERVER_BUSY", 28: "TIMEOUT",
    29: "CONNECTION_LOST", 30: "PROTOCOL_ERROR",
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
