"""A gate client for the gate TCP protocol (docs/protocol.md), standard library only.

Every call ends in RELEASE or HOLD. The client never raises for a network, server or input
problem: a timeout, a refused or lost connection, a BUSY answer, a protocol error frame, bytes
that are not a gate frame (something other than a gate server on that port) and a request the
server would refuse all complete the call with a local HOLD and a reason (TIMEOUT,
CONNECTION_LOST, SERVER_BUSY, PROTOCOL_ERROR, INVALID_REQUEST, MALFORMED_CODE).

Requests are pipelined on one connection and matched to answers by request id, so answers may
arrive in any order. One reader thread per connection reads answers, expires requests past
their deadline and sends a PING when the connection has been quiet for ping_interval seconds.
Thread-safe: any number of threads may call verify/verify_async.
"""

import heapq
import itertools
import select
import socket
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from . import details as d
from . import protocol as p
from . import reasons as r

__all__ = ["Answer", "GateClient"]


class Answer:
    """The decision for one code: outcome 'RELEASE' or 'HOLD', with every reason."""

    __slots__ = ("outcome", "reason_mask", "report_id", "server_micros", "round_trip", "decided_locally", "busy", "detail",
                 "details")

    def __init__(self, outcome, reason_mask, report_id=None, server_micros=0, round_trip=0.0,
                 decided_locally=False, busy=False, detail=None, details=()):
        self.outcome = outcome
        self.reason_mask = reason_mask
        self.report_id = report_id
        self.server_micros = server_micros
        self.round_trip = round_trip
        self.decided_locally = decided_locally
        self.busy = busy
        self.detail = detail
        self.details = list(details)  # protocol.Detail per reason, from a version 2 answer

    def summaries(self, lang="en"):
        """One line per reason in 'en' or 'zh' (the same table as the server's)."""
        return [r.summary(code, lang) for code in range(64) if self.reason_mask >> code & 1]

    def detail_lines(self, lang="en"):
        """One line per reason in 'en' or 'zh': the summary with the server's detail when it sent one."""
        by_code = {x.code: x for x in self.details}
        return [d.text(by_code[code], lang) if code in by_code else r.summary(code, lang)
                for code in range(64) if self.reason_mask >> code & 1]

    @property
    def released(self):
        return self.outcome == "RELEASE"

    @property
    def reasons(self):
        return r.names(self.reason_mask)

    @classmethod
    def local(cls, reason, detail, started):
        return cls("HOLD", r.bit(reason), round_trip=time.monotonic() - started, decided_locally=True,
                   busy=reason == r.SERVER_BUSY, detail=detail)

    @classmethod
    def of_response(cls, resp, round_trip):
        if resp.outcome == p.OUTCOME_RELEASE and resp.reasons == 0:
            return cls("RELEASE", 0, resp.report_id, resp.micros, round_trip)
        if resp.outcome == p.OUTCOME_BUSY:
            return cls("HOLD", resp.reasons | r.bit(r.SERVER_BUSY), resp.report_id, resp.micros, round_trip, busy=True,
                       detail="server busy: retry another server or use the manual lane")
        if resp.outcome == p.OUTCOME_HOLD and resp.reasons != 0:
            return cls("HOLD", resp.reasons, resp.report_id, resp.micros, round_trip, details=resp.details)
        # A RELEASE carrying reasons, a HOLD without one, an outcome this client does not know:
        # doubt means HOLD.
        return cls("HOLD", resp.reasons | r.bit(r.PROTOCOL_ERROR), resp.report_id, resp.micros, round_trip,
                   detail="answer with outcome %d and reasons %s treated as HOLD" % (resp.outcome, r.names(resp.reasons)))

    def __repr__(self):
        return "Answer(%s %s report=%s server=%dus rtt=%.1fms%s%s)" % (
            self.outcome, self.reasons, self.report_id, self.server_micros, self.round_trip * 1000,
            " local" if self.decided_locally else "", ", " + self.detail if self.detail else "")


class _Pending:
    __slots__ = ("future", "started", "deadline")

    def __init__(self, started, deadline):
        self.future = Future()
        self.started = started
        self.deadline = deadline


class _Connection:
    """One socket, the calls in flight on it and its reader thread."""

    def __init__(self, client, sock):
        self.client = client
        self.sock = sock
        self.lock = threading.Lock()        # guards pending, deadlines, pings and writes
        self.pending = {}
        self.deadlines = []                 # heap of (deadline, request id)
        self.pings = {}
        self.alive = True
        self.last_send = time.monotonic()
        self.reader = threading.Thread(target=self._read_loop, name="gcc-gate-reader", daemon=True)

    def send(self, frame):
        """Writes a frame; False (and the connection is failed) if it cannot be written."""
        try:
            with self.lock:
                if not self.alive:
                    return False
                self.sock.sendall(frame)
                self.last_send = time.monotonic()
            return True
        except OSError as e:
            self.fail(r.CONNECTION_LOST, "write failed: %s" % e)
            return False

    def add(self, request_id, pending):
        with self.lock:
            if not self.alive:
                return False
            self.pending[request_id] = pending
            heapq.heappush(self.deadlines, (pending.deadline, request_id))
            return True

    def take(self, request_id):
        with self.lock:
            return self.pending.pop(request_id, None)

    def fail(self, reason, detail):
        """Ends the connection: every call in flight is a local HOLD with this reason."""
        with self.lock:
            if not self.alive:
                return
            self.alive = False
            pending, self.pending = self.pending, {}
            pings, self.pings = self.pings, {}
        self.client._lost(self, detail)
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        for item in pending.values():
            item.future.set_result(Answer.local(reason, detail, item.started))
        for future in pings.values():
            future.set_result(None)

    def _expire(self, now):
        expired = []
        with self.lock:
            while self.deadlines and self.deadlines[0][0] <= now:
                _, rid = heapq.heappop(self.deadlines)
                item = self.pending.pop(rid, None)
                if item is not None:
                    expired.append(item)
        for item in expired:
            item.future.set_result(Answer.local(r.TIMEOUT, "no answer within %.3f s" % (now - item.started), item.started))

    def _wait_seconds(self, now):
        with self.lock:
            nearest = self.deadlines[0][0] if self.deadlines else now + 1.0
            ping_due = self.last_send + self.client.ping_interval
        return max(0.0, min(nearest, ping_due, now + 1.0) - now)

    def _read_loop(self):
        buf = bytearray()
        try:
            while self.alive:
                now = time.monotonic()
                self._expire(now)
                if now - self.last_send >= self.client.ping_interval:
                    self.send(p.encode_ping(self.client._next_id()))
                readable, _, _ = select.select([self.sock], [], [], self._wait_seconds(time.monotonic()))
                if not readable:
                    continue
                chunk = self.sock.recv(65536)
                if not chunk:
                    self.fail(r.CONNECTION_LOST, "server closed the connection")
                    return
                buf += chunk
                while len(buf) >= p.LENGTH_FIELD_BYTES:
                    total = p.frame_length(buf)
                    if len(buf) < total:
                        break
                    frame = bytes(buf[:total])
                    del buf[:total]
                    if not self._dispatch(frame):
                        return
        except p.FrameError as e:
            self.fail(r.PROTOCOL_ERROR, "not a gate server, or a broken one: %s" % e)
        except (OSError, ValueError) as e:
            self.fail(r.CONNECTION_LOST, "read failed: %s" % e)

    def _dispatch(self, frame):
        header = p.decode_header(frame)
        if header.frame_type == p.TYPE_VERIFY_RESPONSE:
            resp = p.decode_verify_response(frame)
            item = self.take(resp.request_id)
            if item is not None:   # else it timed out already
                item.future.set_result(Answer.of_response(resp, time.monotonic() - item.started))
            return True
        if header.frame_type == p.TYPE_PONG:
            with self.lock:
                future = self.pings.pop(header.request_id, None)
            if future is not None:
                future.set_result(time.monotonic())
            return True
        error = p.decode_protocol_error(frame)
        self.fail(r.PROTOCOL_ERROR, error.describe())
        return False


class GateClient:
    """Verifies codes at one gate server (host, port) over the gate TCP protocol.

    timeout: seconds a call may wait for its answer before it is HOLD (TIMEOUT).
    connect_timeout: seconds to wait for a connection; while there is none, calls are HOLD
    (CONNECTION_LOST) at once and the client retries with exponential backoff.
    ping_interval: seconds of quiet after which the client sends a PING (the server closes a
    connection silent for gate.idle-timeout-seconds, default 60; use at most a third of it).
    max_in_flight: calls in flight beyond which new calls are HOLD (SERVER_BUSY) at once.
    """

    def __init__(self, host, port, timeout=0.5, connect_timeout=2.0, ping_interval=20.0,
                 max_in_flight=10000, backoff=(0.05, 2.0)):
        self.host = host
        self.port = port
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.ping_interval = ping_interval
        self.max_in_flight = max_in_flight
        self._backoff_initial, self._backoff_max = backoff
        self._backoff = self._backoff_initial
        self._next_attempt = 0.0
        self._ids = itertools.count(1)
        self._id_lock = threading.Lock()
        self._connect_lock = threading.Lock()
        self._conn = None
        self._closed = False
        self.last_error = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _next_id(self):
        with self._id_lock:
            return next(self._ids)

    @property
    def connected(self):
        conn = self._conn
        return conn is not None and conn.alive

    def connect(self):
        """Connects now if not connected; True when connected. Calls connect lazily anyway."""
        return self._connection(force=True) is not None

    def _connection(self, force=False):
        conn = self._conn
        if conn is not None and conn.alive:
            return conn
        with self._connect_lock:
            conn = self._conn
            if conn is not None and conn.alive:
                return conn
            now = time.monotonic()
            if self._closed or (not force and now < self._next_attempt):
                return None
            try:
                sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError as e:
                self.last_error = "cannot connect to %s:%s: %s" % (self.host, self.port, e)
                self._next_attempt = now + self._backoff
                self._backoff = min(self._backoff * 2, self._backoff_max)
                return None
            self._backoff = self._backoff_initial
            conn = _Connection(self, sock)
            self._conn = conn
            conn.reader.start()
            return conn

    def _lost(self, conn, detail):
        self.last_error = detail
        if self._conn is conn:
            self._conn = None

    def verify_async(self, code, exporter, gate, lane=0, product=None, timeout=None, declaration=None, container=None):
        """Sends one VERIFY_REQUEST; the Future always completes with an Answer within the timeout.

        With a customs declaration number (18 digits) or a container number (ISO 6346) the request
        goes as protocol version 2 and the server audits the decision with them; a number of the
        wrong shape is a local HOLD (INVALID_REQUEST), never sent.
        """
        started = time.monotonic()
        done = Future()
        try:
            frame_id = self._next_id()
            frame = p.encode_verify_request(frame_id, lane, exporter, gate, product, code, declaration, container)
        except ValueError as e:
            reason = r.MALFORMED_CODE if "code text" in str(e) else r.INVALID_REQUEST
            done.set_result(Answer.local(reason, str(e), started))
            return done
        conn = self._connection()
        if conn is None:
            done.set_result(Answer.local(r.CONNECTION_LOST, self.last_error or "not connected", started))
            return done
        if len(conn.pending) >= self.max_in_flight:
            done.set_result(Answer.local(r.SERVER_BUSY, "%d calls already in flight" % self.max_in_flight, started))
            return done
        pending = _Pending(started, started + (self.timeout if timeout is None else timeout))
        if not conn.add(frame_id, pending):
            done.set_result(Answer.local(r.CONNECTION_LOST, self.last_error or "connection closed", started))
            return done
        if not conn.send(frame):
            item = conn.take(frame_id)
            if item is not None:
                item.future.set_result(Answer.local(r.CONNECTION_LOST, self.last_error, started))
        return pending.future

    def verify(self, code, exporter, gate, lane=0, product=None, timeout=None, declaration=None, container=None):
        """Verifies one code and waits for its Answer (at most about the timeout)."""
        future = self.verify_async(code, exporter, gate, lane, product, timeout, declaration, container)
        limit = (self.timeout if timeout is None else timeout) + 1.0
        try:
            return future.result(limit)
        except FutureTimeout:   # the reader thread is expected to answer first; never wait forever
            return Answer("HOLD", r.bit(r.TIMEOUT), round_trip=limit, decided_locally=True, detail="no answer")

    def verify_many(self, requests, timeout=None):
        """Pipelines many requests (dicts of verify's arguments) and returns their Answers in order."""
        futures = [self.verify_async(timeout=timeout, **req) for req in requests]
        limit = (self.timeout if timeout is None else timeout) + 1.0
        answers = []
        for future in futures:
            try:
                answers.append(future.result(limit))
            except FutureTimeout:
                answers.append(Answer("HOLD", r.bit(r.TIMEOUT), decided_locally=True, detail="no answer"))
        return answers

    def ping(self, timeout=None):
        """Sends a PING; the round trip in seconds, or None without a PONG in time."""
        conn = self._connection(force=True)
        if conn is None:
            return None
        started = time.monotonic()
        ping_id = self._next_id()
        future = Future()
        with conn.lock:
            conn.pings[ping_id] = future
        if not conn.send(p.encode_ping(ping_id)):
            return None
        try:
            arrived = future.result(self.timeout if timeout is None else timeout)
        except FutureTimeout:
            with conn.lock:
                conn.pings.pop(ping_id, None)
            return None
        return None if arrived is None else arrived - started

    def close(self):
        """Closes the connection; calls in flight end as HOLD (CONNECTION_LOST)."""
        self._closed = True
        conn = self._conn
        if conn is not None:
            conn.fail(r.CONNECTION_LOST, "client closed")
            conn.reader.join(2.0)
