package gcc.http;

import gcc.auth.Principal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks every request head against {@link Access} before the body aggregator: a refused request
 * (401 without a recognized credential, 403 for a role the {@link Route} table does not allow, 429
 * for a forwarder over its rate) is answered without a byte of its body being buffered, so the
 * large body cap of the admin routes is open only to the roles that may use them. An admitted
 * request carries its caller to {@link HttpApiHandler} in a channel attribute: the aggregator
 * hands the complete request on in the same call that passes its last content, so the attribute
 * set at a head is the one read for that request.
 *
 * <p>One per connection, event loop only.
 */
final class AccessGate extends ChannelInboundHandlerAdapter {
    /** The admitted caller of the request being handled on this channel; {@code null} for nobody. */
    static final AttributeKey<Principal> CALLER = AttributeKey.valueOf("gcc.caller");

    private final Access access;
    private boolean discarding;

    AccessGate(Access access) {
        this.access = access;
    }

    /** The caller the gate admitted for the request now being handled on {@code ctx}'s channel. */
    static Principal caller(ChannelHandlerContext ctx) {
        return ctx.channel().attr(CALLER).get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            ctx.channel().attr(CALLER).set(null);
            String path = path(req.uri());
            if (req.decoderResult().isSuccess() && path != null) {
                Access.Verdict v = access.check(ctx.channel(), req.method().name(), path,
                        req.headers().get(HttpHeaderNames.AUTHORIZATION));
                if (!v.admitted()) {
                    refuse(ctx, req, v);
                    return;
                }
                ctx.channel().attr(CALLER).set(v.caller());
            }
        } else if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest req, Access.Verdict v) {
        discarding = !(req instanceof LastHttpContent);
        // A 401 closes (the caller must come back with a credential); a 403 or 429 keeps a
        // keep-alive connection, its body discarded as it arrives, unless the client waits for a
        // 100 Continue it will not get (it may then never send the body the codec would wait for).
        boolean keepAlive = v.refusal() != HttpResponseStatus.UNAUTHORIZED && HttpUtil.isKeepAlive(req)
                && !HttpUtil.is100ContinueExpected(req);
        ReferenceCountUtil.release(req);
        FullHttpResponse r = Replies.error(v.refusal(), v.message());
        if (v.refusal() == HttpResponseStatus.UNAUTHORIZED) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        } else if (v.refusal() == HttpResponseStatus.TOO_MANY_REQUESTS) {
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(v.retryAfterSeconds()));
        }
        Replies.send(ctx, ResponseOrder.exchange(ctx, keepAlive), r);
    }

    private static String path(String uri) {
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return null; // a bad escape: the API handler answers it 400
        }
    }
}
