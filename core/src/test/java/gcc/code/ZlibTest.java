package gcc.code;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ZlibTest {
    @Test
    void shouldRoundTrip() throws Exception {
        byte[] data = "a clearance code payload, a clearance code payload".getBytes();
        assertArrayEquals(data, Zlib.inflate(Zlib.deflate(data), 1024));
    }

    @Test
    void shouldStopAZlibBombAtTheCap() {
        byte[] bomb = Zlib.deflate(new byte[10_000_000]);
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(bomb, 1024));
    }

    @Test
    void shouldRejectTruncatedTrailingAndCorruptStreams() {
        byte[] z = Zlib.deflate("payload payload payload".getBytes());
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(Arrays.copyOf(z, z.length - 3), 1024));
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(Arrays.copyOf(z, z.length + 1), 1024));
        byte[] badCheck = z.clone();
        badCheck[badCheck.length - 1] ^= 1;
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(badCheck, 1024));
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(new byte[]{0x78, 0x00}, 1024));
        assertThrows(MalformedCodeException.class, () -> Zlib.inflate(new byte[]{0x78, (byte) 0xbb, 0, 0, 0, 1}, 1024));
    }
}
