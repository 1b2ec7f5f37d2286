package gcc.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts the answers of one HTTP connection in request order. Requests are decided on worker
 * threads and finish in any order; HTTP/1.1 requires a pipelining client to get its answers in
 * the order it sent the requests, or it reads one request's RELEASE as another's. Each request
 * head gets the next sequence number; an answer waits here until every earlier one has been
 * written. Per connection, event loop only (writes from workers hop to the loop first), so it
 * needs no locks.
 *
 * <p>Final responses written by Netty's own handlers (the body aggregator's 413) belong to the
 * request being read when they are written; they are sequenced as that request's answer and
 * given a JSON body, so every 4xx/5xx carries a message.
 */
final class ResponseOrder extends ChannelDuplexHandler {
    private static final AttributeKey<ResponseOrder> KEY = AttributeKey.valueOf("gcc.http.order");

    /** An answer on its way to {@link ResponseOrder}. */
    record Sequenced(Exchange exchange, FullHttpResponse response) {
    }

    private record Pending(FullHttpResponse response, boolean keepAlive, ChannelPromise promise) {
    }

    private final Map<Long, Pending> waiting = new HashMap<>();
    private long nextIn;
    private long nextOut;
    private boolean closing;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(KEY).set(this);
    }

    /** The exchange of the request the API handler is reading on {@code ctx}'s channel (event loop only). */
    static Exchange exchange(ChannelHandlerContext ctx, boolean keepAlive) {
        ResponseOrder o = ctx.channel().attr(KEY).get();
        return new Exchange(o == null ? -1 : o.nextIn - 1, keepAlive);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg); // read only to drain the socket before the close
            return;
        }
        if (msg instanceof HttpRequest) {
            nextIn++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Sequenced s) {
            enqueue(ctx, s.exchange().seq(), s.response(), s.exchange().keepAlive(), promise);
        } else if (msg instanceof FullHttpResponse r && r.status().code() >= 200) {
            // Netty's aggregator answering the request being read, synchronously on this loop.
            enqueue(ctx, nextIn - 1, withJsonBody(r), HttpUtil.isKeepAlive(r), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void enqueue(ChannelHandlerContext ctx, long seq, FullHttpResponse r, boolean keepAlive, ChannelPromise p) {
        if (closing || seq < nextOut || waiting.containsKey(seq)) {
            r.release();  // the connection is closing, or a second answer to one request
            p.trySuccess();
            return;
        }
        waiting.put(seq, new Pending(r, keepAlive, p));
        boolean wrote = false;
        Pending next;
        while (!closing && (next = waiting.remove(nextOut)) != null) {
            nextOut++;
            wrote = true;
            if (next.keepAlive) {
                next.response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.write(next.response, next.promise);
            } else {
                closing = true;
                next.response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(next.response, next.promise).addListener(f -> lingeringClose(ctx));
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (closing) {
            waiting.values().forEach(w -> {
                w.response.release();
                w.promise.trySuccess();
            });
            waiting.clear();
        }
    }

    /**
     * Closes after a final answer without losing it: closing a socket with unread request bytes
     * (the rest of an oversized header or body) makes the kernel send a reset, which can destroy
     * the answer before the client reads it. So the output is shut first, the input is read and
     * discarded, and the connection closes when the client closes or after two seconds.
     */
    private static void lingeringClose(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel d && d.isActive()) {
            d.shutdownOutput().addListener(f -> {
                if (!f.isSuccess()) {
                    ctx.close();
                }
            });
            ctx.executor().schedule(() -> {
                ctx.close();
            }, 2, TimeUnit.SECONDS);
        } else {
            ctx.close();
        }
    }

    private static FullHttpResponse withJsonBody(FullHttpResponse r) {
        if (r.status().code() < 400 || r.content().isReadable()) {
            return r;
        }
        HttpResponseStatus st = r.status();
        String message = st.code() == 413 ? "request body too large" : st.reasonPhrase();
        FullHttpResponse j = new DefaultFullHttpResponse(r.protocolVersion(), st,
                Unpooled.wrappedBuffer(Json.bytes(Json.error(st.code(), message))));
        j.headers().set(r.headers());
        j.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpUtil.setContentLength(j, j.content().readableBytes());
        r.release();
        return j;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.values().forEach(w -> w.response.release());
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
