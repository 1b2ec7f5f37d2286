package gcc.cli;

import gcc.gate.GateFrame;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Tells a gate server from something else on a port, after a call there ended without an answer:
 * sends one PING and reads what comes back. A gate server answers a PONG frame at once (on its
 * event loop, even when its workers are busy); an HTTP server answers "HTTP/1.1 400"; both are
 * told apart by the first bytes. Used only by tools, never on a gate's decision path.
 */
final class GateProbe {
    private GateProbe() {
    }

    /**
     * Why {@code hostPort} is not a gate server (it answered bytes that are no gate frame), or
     * {@code null} if it answered like one, could not be reached, or stayed silent.
     */
    static String notAGateServer(String hostPort, Duration timeout) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            return null;
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), millis);
            s.setSoTimeout(millis);
            byte[] ping = new byte[GateFrame.BODY_OFFSET];
            GateFrame.encodeEmpty(ping, 0, GateFrame.TYPE_PING, 1);
            s.getOutputStream().write(ping);
            s.getOutputStream().flush();
            byte[] got = readUpTo(s.getInputStream(), GateFrame.BODY_OFFSET);
            if (got.length == 0) {
                return null;
            }
            boolean gateFrame = got.length >= GateFrame.TYPE_OFFSET && got[GateFrame.MAGIC_OFFSET] == 'G'
                    && got[GateFrame.MAGIC_OFFSET + 1] == 'C';
            if (gateFrame) {
                return null;
            }
            byte[] more = s.getInputStream().readNBytes(Math.min(64, s.getInputStream().available()));
            String answer = printable(got) + printable(more);
            int eol = answer.indexOf('\n');
            return hostPort + " is not a gate server: it answered a gate PING with \""
                    + (eol > 0 ? answer.substring(0, eol) : answer) + "\"";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(b, got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return java.util.Arrays.copyOf(b, got);
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(x >= 0x20 && x < 0x7f ? (char) x : x == '\r' || x == '\n' ? '\n' : '?');
        }
        return s.toString();
    }
}
