package gcc.gatetcp;

import gcc.audit.DecisionAudit;
import gcc.audit.DecisionEntry;
import gcc.code.VerifiedCode;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.RequestFields;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.metrics.GateMetrics;
import gcc.recorder.DecisionRecorder;
import gcc.report.ContainerNumber;
import gcc.report.DeclarationNumber;
import gcc.rules.Declaration;
import gcc.transport.InFlight;
import gcc.transport.WorkerPool;
import gcc.verify.Verifier;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.uring.IoUringBufferRingExhaustedEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;

/**
 * One gate protocol step: reads a whole frame, answers PING, and decides VERIFY_REQUESTs.
 *
 * <p>The hot path (find it here): a code whose signature the memo already holds is decided on the
 * event loop — copy the frame into this thread's scratch, hash and probe, run the rules against
 * the off-heap registry, hand the audit a copy, encode the answer into a pooled buffer — with no
 * allocation but that buffer. A code that already failed its signature check under the current
 * trust list (a forged code scanned again) is held the same way, from the negative memo. A code in
 * neither memo is checked on the loop too while the loop's {@link InlineCheckBudget} allows (a
 * hand-off costs two thread wake-ups, dearer than most checks' share of the loop); past the budget
 * it is copied once and handed to the bounded worker pool, which verifies the signature and
 * writes the answer back on the channel; when the pool's queue is full the answer is BUSY at once.
 * Nothing here waits for another thread. Deciding, recording and
 * counting is the {@link DecisionRecorder}'s job; this class moves frames.
 *
 * <p>Versions: a request is answered in its own version (a v1 gate gets v1 frames byte for byte);
 * a v2 request's declaration and container number go to the audit, and its answer carries the
 * reasons' details, written from the findings into the same scratch buffer.
 *
 * <p>Holds no per-connection state, so one instance serves every connection; scratch memory is
 * per thread.
 */
@ChannelHandler.Sharable
public final class GateRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GateRequestHandler.class);
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
        final DecisionEntry entry = new DecisionEntry();
    }

    private final DecisionRecorder recorder;
    private final WorkerPool workers;
    private final InFlight inFlight;
    private final GateMetrics metrics;
    private final int maxInFlight;
    /** Each event loop's allowance for first-sight checks on the loop itself (workers.inline-share-percent). */
    private final FastThreadLocal<InlineCheckBudget> budgets;

    /** Requests of one connection taken but not yet answered (gate.max-in-flight-per-connection). */
    private static final AttributeKey<AtomicInteger> PENDING = AttributeKey.valueOf("gcc.gate.pending");

    /**
     * @param maxInFlight requests one connection may have undecided; beyond it each new one is
     *                    answered BUSY at once (never dropped), so one client cannot fill the
     *                    worker queue for every gate
     */
    public GateRequestHandler(DecisionRecorder recorder, WorkerPool workers, InFlight inFlight, GateMetrics metrics,
                              int maxInFlight, int inlineSharePercent) {
        InlineCheckBudget.checkShare(inlineSharePercent); // here, not on each event loop's first request
        this.budgets = new FastThreadLocal<>() {
            @Override
            protected InlineCheckBudget initialValue() {
                return new InlineCheckBudget(inlineSharePercent);
            }
        };
        this.recorder = recorder;
        this.workers = workers;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().attr(PENDING).set(new AtomicInteger());
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
                write(ctx, s.out, GateFrame.encodeEmpty(s.out, 0, GateFrame.version(s.frame, 0), GateFrame.TYPE_PONG, id));
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
        AtomicInteger pending = ctx.channel().attr(PENDING).get();
        if (inFlight.stopping() || pending == null || pending.get() >= maxInFlight) {
            busy(ctx, s, r.version(), r.requestId(), received);
            return;
        }
        pending.incrementAndGet();
        inFlight.enter();
        VerifiedCode code = recorder.probe(s.frame, r.codeOffset(), r.codeLength(), s.verify);
        s.findings.reset();
        if (code != null || recorder.probeRejected(s.verify, s.findings)) {
            decideAndAnswer(ctx.channel(), s, code, received, false);
            return;
        }
        InlineCheckBudget budget = budgets.get();
        long start = System.nanoTime();
        if (budget.mayCheck(start)) {
            VerifiedCode checked = recorder.check(s.frame, r.codeOffset(), r.codeLength(), s.verify, s.findings);
            budget.charge(System.nanoTime() - start);
            decideAndAnswer(ctx.channel(), s, checked, received, false);
            return;
        }
        byte[] copy = Arrays.copyOf(s.frame, len);
        Channel ch = ctx.channel();
        boolean accepted = workers.trySubmit(() -> {
            Scratch w = WORKER_SCRATCH.get();
            System.arraycopy(copy, 0, w.frame, 0, copy.length);
            w.request.wrap(w.frame, 0, copy.length);
            w.findings.reset();
            VerifiedCode checked = recorder.check(w.frame, w.request.codeOffset(), w.request.codeLength(), w.verify, w.findings);
            decideAndAnswer(ch, w, checked, received, true);
        });
        if (!accepted) {
            inFlight.leave();
            pending.decrementAndGet();
            busy(ctx, s, r.version(), r.requestId(), received);
        }
    }

    /** Decide and record (if the code verified), answer. Runs on the event loop or a worker. */
    private void decideAndAnswer(Channel ch, Scratch s, VerifiedCode code, long received, boolean flush) {
        VerifyRequest r = s.request;
        s.declaration.set(s.frame, r.exporterOffset(), VerifyRequest.EXPORTER_LENGTH, s.frame, r.productOffset(),
                r.productLength());
        DecisionEntry e = s.entry.origin(DecisionAudit.Source.GATE_TCP, s.frame, r.gateIdOffset(), r.gateIdLength(), r.lane())
                .exporter(s.frame, r.exporterOffset(), VerifyRequest.EXPORTER_LENGTH)
                .declaration(s.frame, r.declarationOffset(), r.declarationLength())
                .container(s.frame, r.containerOffset(), r.containerLength());
        checkShipmentNumbers(r, s);
        boolean release = recorder.decideGate(code, s.declaration, s.verify, s.findings, e, received);
        int n = VerifyResponse.encode(s.out, 0, r.version(), r.requestId(),
                release ? VerifyResponse.RELEASE : VerifyResponse.HOLD, s.findings.reasons(), e.micros(), e.reportId(),
                e.reportIdOff(), e.reportIdLen(), s.findings);
        ByteBuf out = ch.alloc().buffer(n).writeBytes(s.out, 0, n);
        ch.attr(PENDING).get().decrementAndGet();
        if (flush) {
            ch.writeAndFlush(out, ch.voidPromise());
        } else {
            ch.write(out, ch.voidPromise());
        }
        inFlight.leave();
    }

    /**
     * A declaration or container number of the right length but the wrong shape is what an
     * operator mistyped: that request holds INVALID_REQUEST (and is audited with what was sent),
     * its neighbours on the connection are decided as usual.
     */
    private static void checkShipmentNumbers(VerifyRequest r, Scratch s) {
        if (r.declarationLength() > 0 && !DeclarationNumber.isValid(s.frame, r.declarationOffset(), r.declarationLength())) {
            s.findings.hold(Reason.INVALID_REQUEST, RequestFields.DECLARATION_PROBLEM);
        }
        if (r.containerLength() > 0 && !ContainerNumber.isValid(s.frame, r.containerOffset(), r.containerLength())) {
            s.findings.hold(Reason.INVALID_REQUEST, RequestFields.CONTAINER_PROBLEM);
        }
    }

    private void busy(ChannelHandlerContext ctx, Scratch s, int version, long id, long received) {
        metrics.busy();
        int n = VerifyResponse.encode(s.out, 0, version, id, VerifyResponse.BUSY, Reason.SERVER_BUSY.bit(),
                (System.nanoTime() - received) / 1000, NO_ID, 0, 0, null);
        ctx.write(ctx.alloc().buffer(n).writeBytes(s.out, 0, n), ctx.voidPromise());
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
        if (evt instanceof IoUringBufferRingExhaustedEvent) {
            // the read goes on as a plain receive; counted so an operator sees io.receive-buffers is too small
            metrics.receiveBuffersExhausted();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer is ordinary; anything else reaching here escaped a decision's own
        // handling, so it is logged and counted rather than lost with the connection.
        if (!(cause instanceof IOException)) {
            metrics.internalError();
            LOG.error("gate connection {} closed after an unexpected failure", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
