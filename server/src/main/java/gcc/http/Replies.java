package gcc.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Request checks and JSON responses shared by the routes. Stateless. */
final class Replies {
    private static final String JSON = "application/json";

    private Replies() {
    }

    static void expect(HttpMethod actual, HttpMethod wanted) {
        if (!actual.equals(wanted)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + wanted);
        }
    }

    /** A string field of a JSON body; a missing required one or a non-string is a 400. */
    static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(Json.bytes(body)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        return r;
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, Json.error(status.code(), message));
    }

    /**
     * Writes {@code r} as the answer of {@code ex}; {@link ResponseOrder} sends it once every
     * earlier request on the connection has its answer. Safe from any thread.
     */
    static void send(ChannelHandlerContext ctx, Exchange ex, FullHttpResponse r) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        if (ex.seq() >= 0) {
            ctx.writeAndFlush(new ResponseOrder.Sequenced(ex, r));
        } else if (ex.keepAlive()) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
