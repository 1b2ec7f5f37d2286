"""The protocol's test vectors, read from docs/protocol.md itself so the two cannot drift."""

import os
import re
import unittest

from gcc_gate import protocol as p
from gcc_gate import reasons as r
from gcc_gate.client import Answer

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "protocol.md")


def load_doc():
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    frames = {name: bytes.fromhex(hexa.strip())
              for name, hexa in re.findall(r"<!-- frame:([a-z-]+) -->\s*```text\s*([0-9a-f]+)\s*```", text)}
    inputs = re.search(r"Inputs:(.*?)\n\n", text, re.S).group(1)

    def value(label):
        return re.search(label + r"\s*`([^`]+)`", inputs).group(1)

    return frames, {
        "lane": int(re.search(r"lane (\d+)", inputs).group(1)),
        "exporter": value("exporter"),
        "gate": value("gate"),
        "code": value("code text"),
        "product": value("product"),
        "report": value("report"),
    }


FRAMES, INPUTS = load_doc()


class ProtocolVectorsTest(unittest.TestCase):
    def test_doc_has_every_vector(self):
        self.assertEqual({"verify-request", "verify-request-with-product", "release", "hold", "busy",
                          "protocol-error", "ping", "pong"}, set(FRAMES))

    def test_encodes_verify_requests_byte_for_byte(self):
        self.assertEqual(FRAMES["verify-request"], p.encode_verify_request(
            1, INPUTS["lane"], INPUTS["exporter"], INPUTS["gate"], None, INPUTS["code"]))
        self.assertEqual(FRAMES["verify-request-with-product"], p.encode_verify_request(
            2, INPUTS["lane"], INPUTS["exporter"], INPUTS["gate"], INPUTS["product"], INPUTS["code"]))

    def test_encodes_ping(self):
        self.assertEqual(FRAMES["ping"], p.encode_ping(7))

    def test_decodes_release(self):
        resp = p.decode_verify_response(FRAMES["release"])
        self.assertEqual((1, p.OUTCOME_RELEASE, 180, 0, INPUTS["report"]),
                         (resp.request_id, resp.outcome, resp.micros, resp.reasons, resp.report_id))
        answer = Answer.of_response(resp, 0.001)
        self.assertTrue(answer.released)
        self.assertEqual([], answer.reasons)
        self.assertEqual(FRAMES["release"], p.encode_verify_response(1, p.OUTCOME_RELEASE, 180, 0, INPUTS["report"]))

    def test_decodes_hold_with_every_reason(self):
        resp = p.decode_verify_response(FRAMES["hold"])
        self.assertEqual((2, p.OUTCOME_HOLD, 95, 0x4C000), (resp.request_id, resp.outcome, resp.micros, resp.reasons))
        answer = Answer.of_response(resp, 0.001)
        self.assertFalse(answer.released)
        self.assertEqual(["ITEM_EXPIRED", "REPORT_REVOKED", "EXPORTER_MISMATCH"], answer.reasons)
        self.assertEqual(FRAMES["hold"], p.encode_verify_response(2, p.OUTCOME_HOLD, 95, 0x4C000, INPUTS["report"]))

    def test_busy_is_never_a_release(self):
        resp = p.decode_verify_response(FRAMES["busy"])
        self.assertEqual((3, p.OUTCOME_BUSY, 4, r.bit(r.SERVER_BUSY), None),
                         (resp.request_id, resp.outcome, resp.micros, resp.reasons, resp.report_id))
        answer = Answer.of_response(resp, 0.001)
        self.assertEqual("HOLD", answer.outcome)
        self.assertTrue(answer.busy)
        self.assertEqual(["SERVER_BUSY"], answer.reasons)

    def test_decodes_protocol_error(self):
        err = p.decode_protocol_error(FRAMES["protocol-error"])
        self.assertEqual((0, 2, "frame too large: 70000 > 4096"), (err.request_id, err.code, err.message))
        self.assertIn("frame too large", err.describe())
        self.assertEqual(FRAMES["protocol-error"], p.encode_protocol_error(0, 2, "frame too large: 70000 > 4096"))

    def test_decodes_pong(self):
        header = p.decode_header(FRAMES["pong"])
        self.assertEqual((p.TYPE_PONG, 7), (header.frame_type, header.request_id))
        self.assertEqual(FRAMES["pong"], p.encode_pong(7))

    def test_frame_length_comes_from_the_length_field(self):
        for name, frame in FRAMES.items():
            self.assertEqual(len(frame), p.frame_length(frame), name)


class DoubtMeansHoldTest(unittest.TestCase):
    def test_release_with_reasons_is_hold(self):
        resp = p.decode_verify_response(p.encode_verify_response(9, p.OUTCOME_RELEASE, 5, r.bit(14), "X1"))
        self.assertEqual("HOLD", Answer.of_response(resp, 0).outcome)

    def test_hold_without_reasons_and_unknown_outcome_are_hold(self):
        for outcome in (p.OUTCOME_HOLD, 0, 4, 255):
            resp = p.decode_verify_response(p.encode_verify_response(9, outcome, 5, 0))
            answer = Answer.of_response(resp, 0)
            self.assertEqual("HOLD", answer.outcome, outcome)
            self.assertIn("PROTOCOL_ERROR", answer.reasons)

    def test_unknown_reason_codes_are_kept_and_named(self):
        resp = p.decode_verify_response(p.encode_verify_response(9, p.OUTCOME_HOLD, 5, 1 << 40))
        self.assertEqual(["REASON_40"], Answer.of_response(resp, 0).reasons)

    def test_refuses_frames_that_are_not_gate_frames(self):
        with self.assertRaises(p.FrameError):
            p.frame_length(b"HTTP/1.1 400 Bad Request\r\n")
        bad_magic = bytearray(FRAMES["pong"])
        bad_magic[4:6] = b"XX"
        bad_version = bytearray(FRAMES["pong"])
        bad_version[6] = 2
        request_type = FRAMES["ping"]   # a client-only type coming from a server
        truncated = FRAMES["release"][:-1]
        for frame in (bytes(bad_magic), bytes(bad_version), request_type, truncated):
            with self.assertRaises(p.FrameError):
                p.decode_verify_response(frame)

    def test_refuses_requests_the_server_would_refuse(self):
        good = dict(request_id=1, lane=0, exporter=INPUTS["exporter"], gate_id="G", product=None, code="GCC1:X")
        for field, bad in (("exporter", "SHORT"), ("gate_id", ""), ("gate_id", "G" * 33), ("code", "GCC1:\u00e9"),
                           ("code", "X" * 1025), ("product", "P" * 65), ("lane", 70000), ("request_id", -1)):
            args = dict(good, **{field: bad})
            with self.assertRaises(ValueError, msg=field):
                p.encode_verify_request(**args)


if __name__ == "__main__":
    unittest.main()
