package gcc.loadtest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Redis (RESP2) side of the baseline: commands as bytes, and reply framing over a buffer
 * without making objects: simple strings, errors, integers and bulk strings (what SET and GET
 * answer). A bulk string with content or a simple string is a right answer; {@code $-1} (a miss)
 * and an error are not.
 */
final class Resp implements RawConnections.Protocol {
    @Override
    public int replyLength(ByteBuffer in, int pos, int limit) {
        int eol = -1;
        for (int i = pos + 1; i < limit; i++) {
            if (in.get(i) == '\n') {
                eol = i;
                break;
            }
        }
        if (eol < 0) {
            return -1;
        }
        if (in.get(pos) != '$') {
            return eol + 1 - pos;
        }
        long n = 0;
        boolean negative = false;
        for (int i = pos + 1; i < eol - 1; i++) {
            byte c = in.get(i);
            if (c == '-') {
                negative = true;
            } else {
                n = n * 10 + (c - '0');
            }
        }
        if (negative) {
            return eol + 1 - pos;
        }
        long total = eol + 1 - pos + n + 2;
        return total <= limit - pos ? (int) total : -1;
    }

    @Override
    public long sequence(ByteBuffer in, int pos, long nextInOrder) {
        return nextInOrder;
    }

    @Override
    public boolean accept(ByteBuffer in, int pos, int length, Object tag) {
        byte type = in.get(pos);
        return type == '+' || type == ':' || type == '$' && in.get(pos + 1) != '-';
    }

    /** A RESP command as bytes. */
    static byte[] command(String... parts) {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            sb.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
