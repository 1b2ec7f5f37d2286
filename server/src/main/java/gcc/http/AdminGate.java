package gcc.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks admin credentials on the request head, before the body aggregator: an unauthenticated
 * admin request is answered 401 and its connection closed without a byte of its body being
 * buffered, so the admin routes' large body cap (a trust list is up to
 * {@code http.max-body-bytes}) is open only to callers holding the token or a client
 * certificate. {@link AdminRoutes} authorizes again on the full request for the actor name.
 *
 * <p>One per connection, event loop only.
 */
final class AdminGate extends ChannelInboundHandlerAdapter {
    private final AdminAuth auth;
    private boolean discarding;

    AdminGate(AdminAuth auth) {
        this.auth = auth;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && req.decoderResult().isSuccess() && isAdmin(req.uri())
                && auth.authorize(ctx.channel(), req.headers().get(HttpHeaderNames.AUTHORIZATION),
                req.headers().get("X-Actor")) == null) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            FullHttpResponse r = Replies.error(HttpResponseStatus.UNAUTHORIZED,
                    "admin API needs a bearer token or a client certificate from the configured CA");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            Replies.send(ctx, ResponseOrder.exchange(ctx, false), r);
            return;
        }
        if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isAdmin(String uri) {
        try {
            return new QueryStringDecoder(uri).path().startsWith("/v1/admin/");
        } catch (IllegalArgumentException e) {
            return false; // a bad escape: the API handler answers it 400
        }
    }
}
