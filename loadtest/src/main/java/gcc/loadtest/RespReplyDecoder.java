package gcc.loadtest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a Redis (RESP2) reply stream into replies: simple strings, errors, integers and bulk
 * strings (what SET and GET answer). A bulk string with content is a hit, {@code $-1} a miss, an
 * error a failure.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return;
            }
            byte type = in.getByte(start);
            String head = in.toString(start + 1, eol - 1 - (start + 1), java.nio.charset.StandardCharsets.US_ASCII);
            if (type == '$') {
                int len = Integer.parseInt(head);
                if (len < 0) {
                    in.readerIndex(eol + 1);
                    out.add(new Pipelined.Reply(false));
                    continue;
                }
                if (in.writerIndex() < eol + 1 + len + 2) {
                    return;
                }
                in.readerIndex(eol + 1 + len + 2);
                out.add(new Pipelined.Reply(true));
            } else {
                in.readerIndex(eol + 1);
                out.add(new Pipelined.Reply(type != '-'));
            }
        }
    }

    /** A RESP command as bytes. */
    static byte[] command(String... parts) {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            sb.append('$').append(p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
