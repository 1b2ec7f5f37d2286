"""The protocol's test vectors, read from docs/protocol.md itself so the two cannot drift."""

import os
import re
import unittest

from gcc_gate import details as d
from gcc_gate import protocol as p
from gcc_gate import reasons as r
from gcc_gate.client import Answer

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "protocol.md")


def load_doc():
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    frames = {name: bytes.fromhex(hexa.strip())
              for name, hexa in re.findall(r"<!-- frame:([a-z0-9-]+) -->\s*```text\s*([0-9a-f]+)\s*```", text)}
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
        "declaration": re.search(r"plus declaration\s*`([^`]+)`", text).group(1),
        "container": re.search(r"and container\s*`([^`]+)`", text).group(1),
    }


FRAMES, INPUTS = load_doc()


class ProtocolVectorsTest(unittest.TestCase):
    def test_doc_has_every_vector(self):
        self.assertEqual({"verify-request", "verify-request-with-product", "release", "hold", "busy",
                          "protocol-error", "ping", "pong", "v2-verify-request", "v2-verify-request-container-only",
                          "v2-release", "v2-hold"}, set(FRAMES))

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


class Version2VectorsTest(unittest.TestCase):
    def test_encodes_v2_requests_byte_for_byte(self):
        self.assertEqual(FRAMES["v2-verify-request"], p.encode_verify_request(
            4, INPUTS["lane"], INPUTS["exporter"], INPUTS["gate"], INPUTS["product"], INPUTS["code"],
            INPUTS["declaration"], INPUTS["container"]))
        self.assertEqual(FRAMES["v2-verify-request-container-only"], p.encode_verify_request(
            5, INPUTS["lane"], INPUTS["exporter"], INPUTS["gate"], None, INPUTS["code"], None, INPUTS["container"]))
        self.assertEqual(FRAMES["verify-request"], p.encode_verify_request(
            1, INPUTS["lane"], INPUTS["exporter"], INPUTS["gate"], None, INPUTS["code"], "", None),
            "without either number the frame is version 1")

    def test_decodes_v2_release_without_details(self):
        resp = p.decode_verify_response(FRAMES["v2-release"])
        self.assertEqual((4, p.OUTCOME_RELEASE, 2, []), (resp.request_id, resp.outcome, resp.version, resp.details))
        self.assertTrue(Answer.of_response(resp, 0).released)
        self.assertEqual(FRAMES["v2-release"], p.encode_verify_response(4, p.OUTCOME_RELEASE, 180, 0, INPUTS["report"], []))

    def test_decodes_and_renders_v2_hold_details_in_both_languages(self):
        resp = p.decode_verify_response(FRAMES["v2-hold"])
        self.assertEqual([p.Detail(13, 1 << 8 | 1 << 20, 0, ""), p.Detail(14, 1 << 2, 20574, ""),
                          p.Detail(18, 0, 0, "91330206MA2AXKQ71U")], resp.details)
        answer = Answer.of_response(resp, 0.001)
        self.assertEqual(["ITEM_FAILED", "ITEM_EXPIRED", "EXPORTER_MISMATCH"], answer.reasons)
        zh = answer.detail_lines("zh")
        self.assertEqual("有检测项目不合格：不合格项目：9、21", zh[0])
        self.assertTrue(zh[1].endswith("过期项目：3，自 2026-05-01 起失效"), zh[1])
        self.assertIn("91330206MA2AXKQ71U", zh[2])
        self.assertEqual("item failed: failed items 9, 21", answer.detail_lines("en")[0])
        self.assertTrue(answer.detail_lines("en")[1].endswith("expired items 3, since 2026-05-01"))
        self.assertEqual(answer.summaries("zh")[0], "有检测项目不合格")
        self.assertEqual(FRAMES["v2-hold"], p.encode_verify_response(5, p.OUTCOME_HOLD, 95, resp.reasons, INPUTS["report"],
                                                                      resp.details))

    def test_recall_detail_names_the_scope(self):
        self.assertEqual("检测报告已被撤销：检测机构 L1234 的全部报告被撤销".split("：")[1],
                         d.text(p.Detail(15, 0, 0, "LAB:L1234"), "zh").split("：")[1])
        self.assertIn("every report of lab L1234 was revoked", d.text(p.Detail(15, 0, 0, "LAB:L1234"), "en"))

    def test_refuses_details_that_overrun_their_block(self):
        bad = bytearray(FRAMES["v2-hold"])
        bad[p.HEADER_BYTES + p.RESPONSE_FIXED_BODY + 11 + 1] = 40   # first entry's ref length past the block
        with self.assertRaises(p.FrameError):
            p.decode_verify_response(bytes(bad))

    def test_checks_declaration_and_container_numbers(self):
        self.assertTrue(p.valid_container("CSQU3054383"))
        self.assertTrue(p.valid_container("MSKU9070323"))
        self.assertFalse(p.valid_container("CSQU3054384"))
        self.assertFalse(p.valid_container("CSQX3054383"))
        self.assertTrue(p.valid_declaration("310420261000123456"))
        self.assertFalse(p.valid_declaration("31042026100012345X"))
        with self.assertRaises(ValueError):
            p.encode_verify_request(1, 0, INPUTS["exporter"], "G", None, "GCC1:A", None, "CSQU3054384")


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
        resp = p.decode_verify_response(p.encode_verify_response(9, p.OUTCOME_HOLD, 5, 1 << 60))
        self.assertEqual(["REASON_60"], Answer.of_response(resp, 0).reasons)

    def test_refuses_frames_that_are_not_gate_frames(self):
        with self.assertRaises(p.FrameError):
            p.frame_length(b"HTTP/1.1 400 Bad Request\r\n")
        bad_magic = bytearray(FRAMES["pong"])
        bad_magic[4:6] = b"XX"
        bad_version = bytearray(FRAMES["pong"])
        bad_version[6] = 3
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
