package gcc.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP slowloris guard: a request whose first byte arrived must be complete (head and body)
 * within {@code http.read-deadline-ms}, or the connection is closed. The idle timeout cannot catch
 * a client that sends a byte now and then. Placed twice in the pipeline: before the codec it sees
 * the first bytes ({@link #bytes}), after the aggregator it sees the complete request
 * ({@link #complete}). One per connection, event loop only.
 */
final class RequestDeadline {
    private final long deadlineNanos;
    private long startedNanos;
    private ScheduledFuture<?> check;

    RequestDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    /** Before the codec: notes when a request's first bytes came. */
    ChannelDuplexHandler bytes() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (startedNanos == 0) {
                    startedNanos = System.nanoTime();
                    if (check == null) {
                        check = ctx.executor().schedule(() -> expire(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
                    }
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                if (check != null) {
                    check.cancel(false);
                }
                super.channelInactive(ctx);
            }
        };
    }

    /** After the aggregator: a complete request ends its deadline. */
    ChannelDuplexHandler complete() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof FullHttpRequest) {
                    startedNanos = 0;
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (startedNanos != 0 && System.nanoTime() - startedNanos >= deadlineNanos) {
            ctx.channel().close();
            return;
        }
        long wait = startedNanos == 0 ? deadlineNanos : deadlineNanos - (System.nanoTime() - startedNanos);
        check = ctx.executor().schedule(() -> expire(ctx), wait, TimeUnit.NANOSECONDS);
    }
}
