"""The gate TCP protocol, versions 1 and 2 (docs/protocol.md): pure functions over bytes, no I/O.

Every frame is big-endian and length-prefixed::

    u32 length (bytes after this field) | "GC" | version 1 or 2 | type | u64 request id | body

A request goes as version 2 only when it carries a declaration or container number; the server
answers in the request's version, and a version 2 answer carries per-reason details.

Encoding refuses what the server would refuse (ValueError); decoding raises FrameError for
anything that is not a well-formed frame, so the caller can treat the connection as broken.
"""

import struct

MAGIC = b"GC"
VERSION = 1
VERSION_2 = 2

TYPE_VERIFY_REQUEST = 1
TYPE_VERIFY_RESPONSE = 2
TYPE_PROTOCOL_ERROR = 3
TYPE_PING = 4
TYPE_PONG = 5

HEADER_BYTES = 16          # length field (4) + magic (2) + version (1) + type (1) + request id (8)
LENGTH_FIELD_BYTES = 4
VERIFY_FIXED_BODY = 24     # lane (2) + exporter (18) + gate id len (1) + product len (1) + code len (2)
VERIFY_FIXED_BODY_V2 = 26  # ... + declaration len (1) + container len (1)
RESPONSE_FIXED_BODY = 16   # outcome (1) + report id len (1) + reserved / v2 detail bytes (2) + micros (4) + reasons (8)
ERROR_FIXED_BODY = 4       # error code (2) + message length (2)

EXPORTER_LENGTH = 18
MAX_GATE = 32
MAX_PRODUCT = 64
MAX_CODE = 1024
MAX_REPORT_ID = 32
MAX_ERROR_MESSAGE = 200
DECLARATION_LENGTH = 18
CONTAINER_LENGTH = 11
DETAIL_FIXED = 10          # reason (1) + ref len (1) + items (4) + since epoch day (4)
MAX_DETAIL_REF = 32
MAX_DETAILS = 8
MAX_DETAIL_BYTES = MAX_DETAILS * (DETAIL_FIXED + MAX_DETAIL_REF)
# The largest frame a server sends is a v2 VERIFY_RESPONSE with every detail full; anything
# longer is not a gate server talking (e.g. "HTTP" read as a length is 1.2 GB).
MAX_INBOUND_FRAME = HEADER_BYTES + RESPONSE_FIXED_BODY + MAX_REPORT_ID + MAX_DETAIL_BYTES

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
_VERIFY_FIXED_V2 = struct.Struct(">H18sBBHBB")
_DETAIL_FIXED = struct.Struct(">BBII")
_CONTAINER_LETTERS = {}
_value = 10
for _letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _value % 11 == 0:  # ISO 6346 skips 11, 22 and 33
        _value += 1
    _CONTAINER_LETTERS[_letter] = _value
    _value += 1


class FrameError(Exception):
    """Bytes that are not a well-formed gate frame from a server."""


def printable_ascii(data):
    return all(0x20 <= b <= 0x7E for b in data)


def _header(length_after_field, frame_type, request_id, version=VERSION):
    if not 0 <= request_id < 1 << 64:
        raise ValueError("request id must be an unsigned 64-bit integer")
    return _HEADER.pack(length_after_field, MAGIC, version, frame_type, request_id)


def valid_declaration(text):
    """True for a customs declaration (entry) number: 18 ASCII digits (it has no check digit)."""
    return isinstance(text, str) and len(text) == DECLARATION_LENGTH and all("0" <= c <= "9" for c in text)


def valid_container(text):
    """True for an ISO 6346 container number with a correct check digit, e.g. CSQU3054383."""
    if not isinstance(text, str) or len(text) != CONTAINER_LENGTH:
        return False
    owner, digits = text[:4], text[4:]
    if not all("A" <= c <= "Z" for c in owner) or owner[3] not in "UJZ" or not all("0" <= c <= "9" for c in digits):
        return False
    total = sum((_CONTAINER_LETTERS[c] if i < 4 else int(c)) << i for i, c in enumerate(text[:10]))
    return total % 11 % 10 == int(text[10])


def encode_verify_request(request_id, lane, exporter, gate_id, product, code, declaration=None, container=None):
    """A VERIFY_REQUEST frame. exporter, gate_id and code are str (ASCII); product str or None.

    With a declaration number or a container number (str, or None for none) the frame is
    version 2; without either it is exactly the version 1 frame.
    """
    exporter_b = _ascii(exporter, "exporter", EXPORTER_LENGTH, EXPORTER_LENGTH)
    gate_b = _ascii(gate_id, "gate id", 1, MAX_GATE)
    code_b = _ascii(code, "code text", 1, MAX_CODE)
    product_b = b"" if product is None else product.encode("utf-8")
    if len(product_b) > MAX_PRODUCT:
        raise ValueError("product must be at most %d UTF-8 bytes" % MAX_PRODUCT)
    if not 0 <= lane <= 0xFFFF:
        raise ValueError("lane must be 0..65535")
    declaration = declaration or None
    container = container or None
    if declaration is not None and not valid_declaration(declaration):
        raise ValueError("the declaration number must be 18 digits")
    if container is not None and not valid_container(container):
        raise ValueError("the container number must be ISO 6346: 4 capital letters (the 4th U, J or Z), "
                         "6 digits and a correct check digit")
    if declaration is None and container is None:
        body = _VERIFY_FIXED.pack(lane, exporter_b, len(gate_b), len(product_b), len(code_b))
        variable = gate_b + product_b + code_b
        version = VERSION
    else:
        decl_b = b"" if declaration is None else declaration.encode("ascii")
        cont_b = b"" if container is None else container.encode("ascii")
        body = _VERIFY_FIXED_V2.pack(lane, exporter_b, len(gate_b), len(product_b), len(code_b), len(decl_b), len(cont_b))
        variable = gate_b + product_b + code_b + decl_b + cont_b
        version = VERSION_2
    length = HEADER_BYTES - LENGTH_FIELD_BYTES + len(body) + len(variable)
    return _header(length, TYPE_VERIFY_REQUEST, request_id, version) + body + variable


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
    __slots__ = ("frame_type", "request_id", "version")

    def __init__(self, frame_type, request_id, version=VERSION):
        self.frame_type = frame_type
        self.request_id = request_id
        self.version = version


def decode_header(frame):
    """Checks magic, version and type of a whole frame (as sized by frame_length)."""
    if len(frame) < HEADER_BYTES:
        raise FrameError("frame shorter than its header")
    length, magic, version, frame_type, request_id = _HEADER.unpack_from(frame, 0)
    if length + LENGTH_FIELD_BYTES != len(frame):
        raise FrameError("length field disagrees with the frame")
    if magic != MAGIC:
        raise FrameError("bad magic %r: not a gate server" % magic)
    if version not in (VERSION, VERSION_2):
        raise FrameError("unsupported protocol version %d" % version)
    if frame_type not in (TYPE_VERIFY_RESPONSE, TYPE_PROTOCOL_ERROR, TYPE_PONG):
        raise FrameError("frame type %d is not one a server sends" % frame_type)
    return Header(frame_type, request_id, version)


class Detail:
    """One reason's detail in a version 2 answer, language-neutral (render with gcc_gate.details)."""
    __slots__ = ("code", "items", "since_day", "ref")

    def __init__(self, code, items, since_day, ref):
        self.code = code
        self.items = items          # bit n-1 = item n
        self.since_day = since_day  # epoch day, 0 = none
        self.ref = ref              # report, exporter, lab, profile, product class or KIND:value recall scope

    def __eq__(self, other):
        return isinstance(other, Detail) and (self.code, self.items, self.since_day, self.ref) == (
            other.code, other.items, other.since_day, other.ref)

    def __repr__(self):
        return "Detail(%d, items=%#x, since=%d, ref=%r)" % (self.code, self.items, self.since_day, self.ref)


class Response:
    """A decoded VERIFY_RESPONSE: outcome code, server microseconds, reason mask, report id, details (v2)."""
    __slots__ = ("request_id", "outcome", "micros", "reasons", "report_id", "details", "version")

    def __init__(self, request_id, outcome, micros, reasons, report_id, details=(), version=VERSION):
        self.request_id = request_id
        self.outcome = outcome
        self.micros = micros
        self.reasons = reasons
        self.report_id = report_id
        self.details = list(details)
        self.version = version


def decode_verify_response(frame):
    header = decode_header(frame)
    if header.frame_type != TYPE_VERIFY_RESPONSE:
        raise FrameError("not a VERIFY_RESPONSE")
    if len(frame) < HEADER_BYTES + RESPONSE_FIXED_BODY:
        raise FrameError("VERIFY_RESPONSE shorter than its fixed body")
    outcome, rid_len, reserved, micros, reasons = _RESPONSE_FIXED.unpack_from(frame, HEADER_BYTES)
    detail_len = reserved if header.version == VERSION_2 else 0
    start = HEADER_BYTES + RESPONSE_FIXED_BODY
    if rid_len > MAX_REPORT_ID or detail_len > MAX_DETAIL_BYTES or len(frame) != start + rid_len + detail_len:
        raise FrameError("VERIFY_RESPONSE report id or detail length disagrees with the frame")
    rid = bytes(frame[start:start + rid_len])
    if not printable_ascii(rid):
        raise FrameError("report id is not printable ASCII")
    return Response(header.request_id, outcome, micros, reasons, rid.decode("ascii") if rid else None,
                    _details(frame, start + rid_len, len(frame)), header.version)


def _details(frame, pos, end):
    out = []
    while pos < end:
        if end - pos < DETAIL_FIXED:
            raise FrameError("reason detail cut short")
        code, ref_len, items, since = _DETAIL_FIXED.unpack_from(frame, pos)
        ref = bytes(frame[pos + DETAIL_FIXED:pos + DETAIL_FIXED + ref_len])
        if ref_len > MAX_DETAIL_REF or pos + DETAIL_FIXED + ref_len > end or len(out) >= MAX_DETAILS \
                or not printable_ascii(ref):
            raise FrameError("reason detail overruns its block or holds more than %d entries" % MAX_DETAILS)
        out.append(Detail(code, items, since, ref.decode("ascii")))
        pos += DETAIL_FIXED + ref_len
    return out


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


def encode_verify_response(request_id, outcome, micros, reasons, report_id=None, details=None):
    """A VERIFY_RESPONSE as a server sends it (for tests and simulators); with details (a list of
    Detail, possibly empty) it is version 2."""
    rid = b"" if report_id is None else _ascii(report_id, "report id", 1, MAX_REPORT_ID)
    block = b"".join(_DETAIL_FIXED.pack(d.code, len(d.ref), d.items, d.since_day) + d.ref.encode("ascii")
                     for d in (details or []))
    body = _RESPONSE_FIXED.pack(outcome, len(rid), len(block), micros, reasons) + rid + block
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES + len(body), TYPE_VERIFY_RESPONSE, request_id,
                   VERSION if details is None else VERSION_2) + body


def encode_protocol_error(request_id, code, message):
    """A PROTOCOL_ERROR as a server sends it (for tests and simulators)."""
    msg = message.encode("ascii")[:MAX_ERROR_MESSAGE]
    body = _ERROR_FIXED.pack(code, len(msg)) + msg
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES + len(body), TYPE_PROTOCOL_ERROR, request_id) + body


def encode_pong(request_id):
    return _header(HEADER_BYTES - LENGTH_FIELD_BYTES, TYPE_PONG, request_id)
