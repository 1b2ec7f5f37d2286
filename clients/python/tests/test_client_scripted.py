"""The client against scripted servers: every failure is a local HOLD, answers match by id."""

import socket
import time
import unittest

from gcc_gate import GateClient
from gcc_gate import protocol as p
from tests.scripted import ScriptedServer, read_frame, request_id
from tests.test_vectors import INPUTS

EXPORTER = INPUTS["exporter"]


def verify(client, code="GCC1:ABC", **kw):
    return client.verify(code, EXPORTER, "NGB-G01", **kw)


class ScriptedServerTest(unittest.TestCase):
    def serve(self, script):
        server = ScriptedServer(script)
        self.addCleanup(server.close)
        client = GateClient("127.0.0.1", server.port, timeout=1.0, connect_timeout=1.0)
        self.addCleanup(client.close)
        return client

    def test_matches_answers_that_come_in_reverse_order(self):
        def script(sock):
            frames = [read_frame(sock) for _ in range(5)]
            for f in reversed(frames):
                code = f[-1:]   # the last character of the code says what to answer
                outcome = p.OUTCOME_RELEASE if code == b"R" else p.OUTCOME_HOLD
                sock.sendall(p.encode_verify_response(request_id(f), outcome, 7, 0 if code == b"R" else 1 << 18, "NB-1"))
        client = self.serve(script)
        codes = ["GCC1:1R", "GCC1:2H", "GCC1:3R", "GCC1:4H", "GCC1:5R"]
        answers = client.verify_many([dict(code=c, exporter=EXPORTER, gate="G1") for c in codes])
        self.assertEqual(["RELEASE", "HOLD", "RELEASE", "HOLD", "RELEASE"], [a.outcome for a in answers])
        self.assertEqual(["EXPORTER_MISMATCH"], answers[1].reasons)
        self.assertFalse(any(a.decided_locally for a in answers))

    def test_holds_on_timeout_when_the_server_is_silent(self):
        client = self.serve(lambda sock: time.sleep(5))
        started = time.monotonic()
        answer = verify(client, timeout=0.3)
        self.assertEqual(("HOLD", ["TIMEOUT"], True), (answer.outcome, answer.reasons, answer.decided_locally))
        self.assertLess(time.monotonic() - started, 1.5)

    def test_busy_is_a_hold_with_server_busy(self):
        def script(sock):
            f = read_frame(sock)
            sock.sendall(p.encode_verify_response(request_id(f), p.OUTCOME_BUSY, 4, 1 << 27))
        answer = verify(self.serve(script))
        self.assertEqual(("HOLD", ["SERVER_BUSY"], True), (answer.outcome, answer.reasons, answer.busy))

    def test_protocol_error_frame_holds_every_call_in_flight(self):
        def script(sock):
            read_frame(sock)
            read_frame(sock)
            sock.sendall(p.encode_protocol_error(0, 1, "malformed frame"))
            time.sleep(1)
        client = self.serve(script)
        futures = [client.verify_async("GCC1:A", EXPORTER, "G"), client.verify_async("GCC1:B", EXPORTER, "G")]
        answers = [f.result(3) for f in futures]
        for a in answers:
            self.assertEqual(("HOLD", ["PROTOCOL_ERROR"]), (a.outcome, a.reasons))
            self.assertIn("malformed frame", a.detail)

    def test_something_that_is_not_a_gate_server_is_a_protocol_error(self):
        def script(sock):
            sock.recv(1024)
            sock.sendall(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
            time.sleep(1)
        answer = verify(self.serve(script))
        self.assertEqual(("HOLD", ["PROTOCOL_ERROR"]), (answer.outcome, answer.reasons))
        self.assertIn("not a gate server", answer.detail)

    def test_release_carrying_reasons_is_hold(self):
        def script(sock):
            f = read_frame(sock)
            sock.sendall(p.encode_verify_response(request_id(f), p.OUTCOME_RELEASE, 4, 1 << 15, "NB-1"))
        answer = verify(self.serve(script))
        self.assertEqual("HOLD", answer.outcome)
        self.assertIn("REPORT_REVOKED", answer.reasons)

    def test_connection_closed_mid_request_holds_and_the_next_call_reconnects(self):
        def script(sock):
            f = read_frame(sock)
            if f is not None and f.endswith(b"DROP"):
                sock.close()
                return
            sock.sendall(p.encode_verify_response(request_id(f), p.OUTCOME_RELEASE, 4, 0, "NB-1"))
        client = self.serve(script)
        lost = verify(client, code="GCC1:DROP")
        self.assertEqual(("HOLD", ["CONNECTION_LOST"], True), (lost.outcome, lost.reasons, lost.decided_locally))
        time.sleep(0.1)   # past the first reconnect backoff
        self.assertTrue(verify(client, code="GCC1:OK").released)

    def test_refused_connection_is_hold_at_once(self):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        with GateClient("127.0.0.1", port, timeout=0.5, connect_timeout=0.5) as client:
            answer = verify(client)
        self.assertEqual(("HOLD", ["CONNECTION_LOST"]), (answer.outcome, answer.reasons))
        self.assertIn("cannot connect", answer.detail)

    def test_bad_input_is_a_local_hold_not_an_exception(self):
        client = self.serve(lambda sock: time.sleep(1))
        self.assertEqual(["MALFORMED_CODE"], verify(client, code="GCC1:" + "A" * 2000).reasons)
        self.assertEqual(["INVALID_REQUEST"], client.verify("GCC1:A", "not-a-uscc", "G").reasons)

    def test_ping_gets_pong_and_idle_connection_pings_by_itself(self):
        pings = []

        def script(sock):
            while True:
                f = read_frame(sock)
                if f is None:
                    return
                if f[7] == p.TYPE_PING:
                    pings.append(request_id(f))
                    sock.sendall(p.encode_pong(request_id(f)))
        server = ScriptedServer(script)
        self.addCleanup(server.close)
        with GateClient("127.0.0.1", server.port, ping_interval=0.2) as client:
            self.assertIsNotNone(client.ping(1.0))
            time.sleep(0.7)
        self.assertGreaterEqual(len(pings), 3, pings)


if __name__ == "__main__":
    unittest.main()
