package gcc.server;

import gcc.audit.DecisionAudit;
import gcc.decision.Findings;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.metrics.GateMetrics;
import gcc.rules.Declaration;
import gcc.code.VerifiedCode;
import gcc.verify.Verifier;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.Arrays;

/**
 * One gate protocol step: reads a whole frame, answers PING, and decides VERIFY_REQUESTs.
 *
 * <p>The hot path (find it here): a code whose signature the memo already holds is decided on the
 * event loop — copy the frame into this thread's scratch, hash and probe, run the rules against
 * the off-heap registry, hand the audit a copy, encode the answer into a pooled buffer — with no
 * allocation but that buffer. A code not in the memo is copied once and handed to the bounded
 * worker pool, which verifies the signature and writes the answer back on the channel; when the
 * pool's queue is full the answer is BUSY at once. Nothing here blocks.
 *
 * <p>One instance per connection; scratch memory is per thread.
 */
final class GateRequestHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] NO_ID = new byte[0];
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };
    private static final ThreadLocal<Scratch> WORKER_SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread working memory. */
    static final class Scratch {
        final byte[] frame = new byte[VerifyRequest.MAX_FRAME + 64];
        final byte[] out = new byte[Math.max(VerifyResponse.MAX_FRAME, ProtocolError.MESSAGE_OFFSET + ProtocolError.MAX_MESSAGE)];
        final VerifyRequest request = new VerifyRequest();
        final Verifier.Scratch verify = new Verifier.Scratch();
        final Findings findings = new Findings();
        final Declaration declaration = new Declaration();
    }

    private final GateNode node;
    private final GateMetrics metrics;
    private final Verifier verifier;

    GateRequestHandler(GateNode node) {
        this.node = node;
        this.metrics = node.metrics();
        this.verifier = node.verifier();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long received = System.nanoTime();
        ByteBuf frame = (ByteBuf) msg;
        Scratch s = SCRATCH.get();
        int len = frame.readableBytes();
        try {
            if (len > s.frame.length) {
                protocolError(ctx, s, 0, GateFrame.ERROR_FRAME_TOO_LARGE, "frame too large");
                return;
            }
            frame.getBytes(frame.readerIndex(), s.frame, 0, len);
        } finally {
            frame.release();
        }
        int header = GateFrame.checkHeader(s.frame, 0, len);
        long id = len >= GateFrame.BODY_OFFSET ? GateFrame.requestId(s.frame, 0) : 0;
        if (header != GateFrame.OK) {
            protocolError(ctx, s, id, header, GateFrame.errorName(header));
            return;
        }
        switch (GateFrame.type(s.frame, 0)) {
            case GateFrame.TYPE_PING:
                write(ctx, s.out, GateFrame.encodeEmpty(s.out, 0, GateFrame.TYPE_PONG, id));
                return;
            case GateFrame.TYPE_VERIFY_REQUEST:
                int ok = s.request.wrap(s.frame, 0, len);
                if (ok != GateFrame.OK) {
                    protocolError(ctx, s, id, ok, "malformed verify request");
                    return;
                }
                verify(ctx, s, len, received);
                return;
            default:
                protocolError(ctx, s, id, GateFrame.ERROR_MALFORMED, "a client may send only VERIFY_REQUEST and PING");
        }
    }

    private void verify(ChannelHandlerContext ctx, Scratch s, int len, long received) {
        VerifyRequest r = s.request;
        if (node.stopping()) {
            busy(ctx, s, r.requestId(), received, false);
            return;
        }
        node.inFlight().incrementAndGet();
        VerifiedCode code = verifier.probe(s.frame, r.codeOffset(), r.codeLength(), s.verify);
        if (code != null) {
            s.findings.reset();
            decideAndAnswer(ctx.channel(), s, code, received, false);
            return;
        }
        byte[] copy = Arrays.copyOf(s.frame, len);
        Channel ch = ctx.channel();
        boolean accepted = node.workers().trySubmit(() -> {
            Scratch w = WORKER_SCRATCH.get();
            System.arraycopy(copy, 0, w.frame, 0, copy.length);
            w.request.wrap(w.frame, 0, copy.length);
            w.findings.reset();
            long start = System.nanoTime();
            VerifiedCode probed = verifier.probe(w.frame, w.request.codeOffset(), w.request.codeLength(), w.verify);
            VerifiedCode checked = probed != null ? probed
                    : verifier.check(w.frame, w.request.codeOffset(), w.request.codeLength(), w.verify, w.findings);
            if (probed == null) {
                metrics.signatureChecked((System.nanoTime() - start) / 1000);
            }
            decideAndAnswer(ch, w, checked, received, true);
        });
        if (!accepted) {
            node.inFlight().decrementAndGet();
            busy(ctx, s, r.requestId(), received, false);
        }
    }

    /** Rules (if the code verified), audit, count, answer. Runs on the event loop or a worker. */
    private void decideAndAnswer(Channel ch, Scratch s, VerifiedCode code, long received, boolean flush) {
        VerifyRequest r = s.request;
        Findings f = s.findings;
        try {
            if (code != null) {
                s.declaration.set(s.frame, r.exporterOffset(), VerifyRequest.EXPORTER_LENGTH, s.frame, r.productOffset(),
                        r.productLength());
                verifier.decide(code, s.declaration, node.clock().millis() / 1000, s.verify, f);
            }
        } catch (RuntimeException e) {
            f.hold(Reason.INTERNAL_ERROR, "gate handler failed: " + e);
        }
        long micros = (System.nanoTime() - received) / 1000;
        byte[] rid = f.claims() == null ? NO_ID : f.claims().reportIdBytes();
        boolean release = f.outcome() == Outcome.RELEASE;
        if (!node.audit().record(node.clock().millis() * 1000, DecisionAudit.Source.GATE_TCP, s.frame, r.gateIdOffset(),
                r.gateIdLength(), r.lane(), s.frame, r.exporterOffset(), VerifyRequest.EXPORTER_LENGTH, rid, 0, rid.length,
                (byte) (release ? VerifyResponse.RELEASE : VerifyResponse.HOLD), f.reasons(), (int) micros)) {
            // Rule 9: a release that cannot be recorded is not given.
            f.hold(Reason.AUDIT_UNAVAILABLE);
            metrics.auditRejected();
            release = false;
        }
        metrics.decided(release, f.reasons(), micros, GateMetrics.Channel.GATE);
        int n = VerifyResponse.encode(s.out, 0, r.requestId(), release ? VerifyResponse.RELEASE : VerifyResponse.HOLD,
                f.reasons(), micros, rid, 0, rid.length);
        ByteBuf out = ch.alloc().buffer(n).writeBytes(s.out, 0, n);
        if (flush) {
            ch.writeAndFlush(out, ch.voidPromise());
        } else {
            ch.write(out, ch.voidPromise());
        }
        node.inFlight().decrementAndGet();
    }

    private void busy(ChannelHandlerContext ctx, Scratch s, long id, long received, boolean flush) {
        metrics.busy();
        int n = VerifyResponse.encode(s.out, 0, id, VerifyResponse.BUSY, Reason.SERVER_BUSY.bit(),
                (System.nanoTime() - received) / 1000, NO_ID, 0, 0);
        ByteBuf out = ctx.alloc().buffer(n).writeBytes(s.out, 0, n);
        if (flush) {
            ctx.writeAndFlush(out, ctx.voidPromise());
        } else {
            ctx.write(out, ctx.voidPromise());
        }
    }

    private static void write(ChannelHandlerContext ctx, byte[] b, int n) {
        ctx.write(ctx.alloc().buffer(n).writeBytes(b, 0, n), ctx.voidPromise());
    }

    private void protocolError(ChannelHandlerContext ctx, Scratch s, long id, int code, String message) {
        metrics.protocolError();
        int n = ProtocolError.encode(s.out, 0, id, code, message);
        ctx.writeAndFlush(ctx.alloc().buffer(n).writeBytes(s.out, 0, n)).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // A gate that does not read its answers stops being read until it drains below the low mark.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            metrics.idleReaped();
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
