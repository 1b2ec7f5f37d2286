"""A scripted stand-in for a gate server on loopback: each test says what it answers."""

import socket
import struct
import threading


def read_frame(sock):
    head = _read_exactly(sock, 4)
    if head is None:
        return None
    (after,) = struct.unpack(">I", head)
    rest = _read_exactly(sock, after)
    return None if rest is None else head + rest


def request_id(frame):
    return struct.unpack_from(">Q", frame, 8)[0]


def _read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


class ScriptedServer:
    """Accepts connections on 127.0.0.1 and hands each to script(sock) on its own thread."""

    def __init__(self, script):
        self.script = script
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(sock)
            threading.Thread(target=self._run, args=(sock,), daemon=True).start()

    def _run(self, sock):
        try:
            self.script(sock)
        except OSError:
            pass

    def close(self):
        self.listener.close()
        for sock in self.connections:
            try:
                sock.close()
            except OSError:
                pass
