package gcc.server;

import java.io.DataInputStream;
import java.io.IOException;

/** Reading the gate protocol off a raw socket, for tests that must send what no client would. */
final class RawGate {
    private RawGate() {
    }

    /** One whole frame, its 4-byte length prefix included, as the codecs expect it. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        int len = in.readInt();
        byte[] b = new byte[len + 4];
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        in.readFully(b, 4, len);
        return b;
    }
}
