"""The gate TCP protocol, version 1 (docs/protocol.md): pure functions over bytes, no I/O.

Every frame is big-endian and length-prefixed::

    u32 length (bytes after this field) | "GC" | version 1 | type | u64 request id | body

Encoding refuses what the server would refuse (ValueError); decoding raises FrameError for
anything that is not a well-formed frame, so the caller can treat the connection as broken.
"""

import struct

MAGIC = b"GC"
VERSION = 1

TYPE_VERIFY_REQUEST = 1
TYPE_VERIFY_RESPONSE = 2
TYPE_PROTOCOL_ERROR = 3
TYPE_PING = 4
TYPE_PONG = 5

HEADER_BYTES = 16          # length field (4) + magic (2) + version (1) + type (1) + request id (8)
LENGTH_FIELD_BYTES = 4
VERIFY_FIXED_BODY = 24     # lane (2) + exporter (18) + gate id len (1) + product len (1) + code len (2)
RESPONSE_FIXED_BODY = 16   # outcome (1) + report id len (1) + reserved (2) + micros (4) + reasons (8)
ERROR_FIXED_BODY = 4       # error code (2) + message length (2)

EXPORTER_LENGTH = 18
MAX_GATE = 32
MAX_PRODUCT = 64
MAX_CODE = 1024
MAX_REPORT_ID = 32
MAX_ERROR_MESSAGE = 200
# The largest frame a server sends is a PROTOCOL_ERROR with a 200-character message; anything
# longer is not a gate server talking (e.g. "HTTP" read as a length is 1.2 GB).
MAX_INBOUND_FRAME = HEADER_BYTES + ERROR_FIXED_BODY + MAX_ERROR_MESSAGE

OUTCOME_RELEASE = 1
OUTCOME_HOLD = 2
OUTCOME_BUSY = 3

ERROR_NAMES = {
    1: "malformed frame",
    2: "frame too large",
    3: "unsupported version",
    4: "unknown frame type",
    5: "bad magic",
}

_HEADER = struct.Struct(">I2sBBQ")
_VERIFY_FIXED = struct.Struct(">H18sBBH")
_RESPONSE_FIXED = struct.Struct(">BBHIQ")
_ERROR_FIXED = struct.Struct(">HH")


class FrameError(Exception):
    """Bytes that are not a well-formed gate frame from a server."""


def printable_ascii(data):
    return all(0x20 <= b <= 0x7E for b in data)


def _header(length_after_field, frame_type, request_id):
    if not 0 <= request_id < 1 << 64:
        raise ValueError("request id must be an unsigned 64-bit integer")
    return _HEADER.pack(length_after_field, MAGIC, VERSION, frame_type, request_id)


def encode_verify_request(request_id, lane, exporter, gate_id, product, code):
    """A VERIFY_REQUEST frame. exporter, gate_id and code are str (ASCII); product str or None."""
    exporter_b = _ascii(exporter, "exporter", EXPORTER_LENGTH, EXPORTER_LENGTH)
    gate_b = _ascii(gate_id, "gate id", 1, MAX_GATE)
    code_b = _ascii(code, "code text", 1, MAX_CODE)
    product_b = b"" if product is None else product.encode("utf-8")
    if len(product_b) > MAX_PRODUCT:
        raise ValueError("product must be at most %d UTF-8 bytes" % MAX_PRODUCT)
    if not 0 <= lane <= 0xFFFF:
        raise ValueError("lane must be 0..65535")
    body = _VERIFY_FIXED.pack(lane, exporter_b, len(gate_b), len(product_b), len(code_b))
    variable = gate_b + product_b + code_b
    length = HEADER_BYTES - LENGTH_FIELD_BYTES + len(body) + len(variable)
    return _header(length, TYPE_VERIFY_REQUEST, request_id) + body + variable


def encode_ping(request_id):
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES, TYPE_PING, request_id)


def _ascii(text, what, low, high):
    try:
        data = text.encode("ascii")
    except (UnicodeEncodeError, AttributeError):
        raise ValueError("%s must be printable ASCII" % what) from None
    if not low <= len(data) <= high or not printable_ascii(data):
        raise ValueError("%s must be %s printable ASCII characters" % (what, low if low == high else "%d..%d" % (low, high)))
    return data


def frame_length(prefix):
    """Total bytes of the frame whose first four bytes are given; FrameError if implausible."""
    (after,) = struct.unpack(">I", prefix[:4])
    total = after + LENGTH_FIELD_BYTES
    if total < HEADER_BYTES or total > MAX_INBOUND_FRAME:
        raise FrameError("length field %d is not that of a gate frame (first bytes %r)" % (after, bytes(prefix[:16])))
    return total


class Header:
    __slots__ = ("frame_type", "request_id")

    def __init__(self, frame_type, request_id):
        self.frame_type = frame_type
        self.request_id = request_id


def decode_header(frame):
    """Checks magic, version and type of a whole frame (as sized by frame_length)."""
    if len(frame) < HEADER_BYTES:
        raise FrameError("frame shorter than its header")
    length, magic, version, frame_type, request_id = _HEADER.unpack_from(frame, 0)
    if length + LENGTH_FIELD_BYTES != len(frame):
        raise FrameError("length field disagrees with the frame")
    if magic != MAGIC:
        raise FrameError("bad magic %r: not a gate server" % magic)
    if version != VERSION:
        raise FrameError("unsupported protocol version %d" % version)
    if frame_type not in (TYPE_VERIFY_RESPONSE, TYPE_PROTOCOL_ERROR, TYPE_PONG):
        raise FrameError("frame type %d is not one a server sends" % frame_type)
    return Header(frame_type, request_id)


class Response:
    """A decoded VERIFY_RESPONSE: outcome code, server microseconds, reason mask, report id."""
    __slots__ = ("request_id", "outcome", "micros", "reasons", "report_id")

    def __init__(self, request_id, outcome, micros, reasons, report_id):
        self.request_id = request_id
        self.outcome = outcome
        self.micros = micros
        self.reasons = reasons
        self.report_id = report_id


def decode_verify_response(frame):
    header = decode_header(frame)
    if header.frame_type != TYPE_VERIFY_RESPONSE:
        raise FrameError("not a VERIFY_RESPONSE")
    if len(frame) < HEADER_BYTES + RESPONSE_FIXED_BODY:
        raise FrameError("VERIFY_RESPONSE shorter than its fixed body")
    outcome, rid_len, _reserved, micros, reasons = _RESPONSE_FIXED.unpack_from(frame, HEADER_BYTES)
    start = HEADER_BYTES + RESPONSE_FIXED_BODY
    if rid_len > MAX_REPORT_ID or len(frame) != start + rid_len:
        raise FrameError("VERIFY_RESPONSE report id length disagrees with the frame")
    rid = bytes(frame[start:])
    if not printable_ascii(rid):
        raise FrameError("report id is not printable ASCII")
    return Response(header.request_id, outcome, micros, reasons, rid.decode("ascii") if rid else None)


class ProtocolErrorFrame:
    __slots__ = ("request_id", "code", "message")

    def __init__(self, request_id, code, message):
        self.request_id = request_id
        self.code = code
        self.message = message

    def describe(self):
        return "server protocol error %d (%s): %s" % (self.code, ERROR_NAMES.get(self.code, "unknown"), self.message)


def decode_protocol_error(frame):
    header = decode_header(frame)
    if header.frame_type != TYPE_PROTOCOL_ERROR or len(frame) < HEADER_BYTES + ERROR_FIXED_BODY:
        raise FrameError("not a PROTOCOL_ERROR frame")
    code, msg_len = _ERROR_FIXED.unpack_from(frame, HEADER_BYTES)
    start = HEADER_BYTES + ERROR_FIXED_BODY
    if msg_len > MAX_ERROR_MESSAGE or len(frame) != start + msg_len:
        raise FrameError("PROTOCOL_ERROR message length disagrees with the frame")
    return ProtocolErrorFrame(header.request_id, code, bytes(frame[start:]).decode("ascii", "replace"))


def encode_verify_response(request_id, outcome, micros, reasons, report_id=None):
    """A VERIFY_RESPONSE as a server sends it (for tests and simulators)."""
    rid = b"" if report_id is None else _ascii(report_id, "report id", 1, MAX_REPORT_ID)
    body = _RESPONSE_FIXED.pack(outcome, len(rid), 0, micros, reasons) + rid
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES + len(body), TYPE_VERIFY_RESPONSE, request_id) + body


def encode_protocol_error(request_id, code, message):
    """A PROTOCOL_ERROR as a server sends it (for tests and simulators)."""
    msg = message.encode("ascii")[:MAX_ERROR_MESSAGE]
    body = _ERROR_FIXED.pack(code, len(msg)) + msg
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES + len(body), TYPE_PROTOCOL_ERROR, request_id) + body


def encode_pong(request_id):
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES, TYPE_PONG, request_id)
