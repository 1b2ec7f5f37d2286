package gcc.gatetcp;

import gcc.audit.AuditJournal;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.metrics.GateMetrics;
import gcc.recorder.DecisionRecorder;
import gcc.registry.ReportRegistry;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import gcc.transport.InFlight;
import gcc.transport.WorkerPool;
import gcc.verify.Verifier;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate frame decoder and request handler in an {@link EmbeddedChannel}: bytes in, frames out,
 * no sockets. Decisions are real (trust list, rules, registry, audit journal in a temp dir); the
 * memo is warmed first so a verify is decided on the channel's own thread.
 */
class GateHandlersTest {
    private static final int MAX_FRAME = GateFrame.DEFAULT_MAX_FRAME;

    @TempDir
    Path dir;

    private final TestWorld world = new TestWorld();
    private final Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
    private final GateMetrics metrics = new GateMetrics();
    private final InFlight inFlight = new InFlight();
    private AuditJournal audit;
    private WorkerPool workers;

    @BeforeEach
    void open() {
        audit = new AuditJournal(dir.resolve("audit"));
        workers = new WorkerPool("test-verify", 1, 1);
    }

    @AfterEach
    void close() {
        workers.close();
        audit.close(Duration.ofSeconds(5));
    }

    private EmbeddedChannel channel(Verifier verifier) {
        return channel(verifier, 1024);
    }

    /** A connection whose first-sight checks all go to the workers (an inline share of 0). */
    private EmbeddedChannel channel(Verifier verifier, int maxInFlight) {
        return channel(verifier, maxInFlight, 0);
    }

    private EmbeddedChannel channel(Verifier verifier, int maxInFlight, int inlineSharePercent) {
        DecisionRecorder recorder = new DecisionRecorder(verifier, audit, metrics, clock);
        return new EmbeddedChannel(new GateFrameDecoder(MAX_FRAME, java.time.Duration.ofSeconds(10), metrics),
                new GateRequestHandler(recorder, workers, inFlight, metrics, maxInFlight, inlineSharePercent));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] verifyRequest(long id, String code) {
        byte[] b = new byte[VerifyRequest.MAX_FRAME];
        int n = VerifyRequest.encode(b, 0, id, 3, ascii(EXPORTER), ascii("NGB-G07"), null, ascii(code));
        return Arrays.copyOf(b, n);
    }

    private static byte[] ping(long id) {
        byte[] b = new byte[GateFrame.BODY_OFFSET];
        GateFrame.encodeEmpty(b, 0, GateFrame.TYPE_PING, id);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The next whole frame written by the handlers, or null. */
    private static byte[] nextFrame(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            return b;
        } finally {
            out.release();
        }
    }

    private String registeredCode() {
        ReportDocument doc = TestWorld.report("NB26-300001");
        world.register(doc);
        String code = world.issue(doc, world.labA);
        // Warm the memo so the gate decides on the event loop, as in steady state.
        assertEquals(Outcome.RELEASE, world.verifier.verify(code, EXPORTER, null, TestWorld.NOW).outcome());
        return code;
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhateverTheSegmentation() {
        String code = registeredCode();
        EmbeddedChannel ch = channel(world.verifier);
        byte[] stream = concat(ping(1), verifyRequest(2, code), ping(3), verifyRequest(4, code));
        // Feed the stream in awkward pieces: a split length field, a split body, two frames at once.
        int[] cuts = {2, 9, 40, stream.length - 20, stream.length};
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, from, cut)));
            from = cut;
        }
        byte[] pong1 = nextFrame(ch);
        assertEquals(GateFrame.TYPE_PONG, GateFrame.type(pong1, 0));
        assertEquals(1, GateFrame.requestId(pong1, 0));
        byte[] answer2 = nextFrame(ch);
        VerifyResponse r = new VerifyResponse();
        assertEquals(GateFrame.OK, r.wrap(answer2, 0, answer2.length));
        assertEquals(2, r.requestId());
        assertEquals(VerifyResponse.RELEASE, r.outcome(), "reasons " + Long.toBinaryString(r.reasons()));
        assertEquals("NB26-300001", new String(answer2, r.reportIdOffset(), r.reportIdLength(), StandardCharsets.US_ASCII));
        assertEquals(3, GateFrame.requestId(nextFrame(ch), 0));
        byte[] answer4 = nextFrame(ch);
        r.wrap(answer4, 0, answer4.length);
        assertEquals(4, r.requestId());
        assertEquals(VerifyResponse.RELEASE, r.outcome());
        assertNull(nextFrame(ch));
        assertTrue(ch.isOpen());
        assertEquals(2, metrics.released());
        assertEquals(0, inFlight.count());
    }

    @Test
    void shouldRefuseAnOversizedLengthBeforeBufferingTheBody() {
        EmbeddedChannel ch = channel(world.verifier);
        ByteBuf header = Unpooled.buffer().writeInt(MAX_FRAME * 100).writeShort(GateFrame.MAGIC);
        ch.writeInbound(header);
        assertProtocolError(ch, GateFrame.ERROR_FRAME_TOO_LARGE);
    }

    @Test
    void shouldRefuseALengthBelowTheHeader() {
        EmbeddedChannel ch = channel(world.verifier);
        ch.writeInbound(Unpooled.buffer().writeInt(GateFrame.MIN_LENGTH - 1).writeZero(GateFrame.MIN_LENGTH - 1));
        assertProtocolError(ch, GateFrame.ERROR_MALFORMED);
    }

    @Test
    void shouldRefuseBadMagicAndAnAnswerTypeFromAClient() {
        byte[] badMagic = ping(9);
        badMagic[GateFrame.MAGIC_OFFSET] = 'X';
        EmbeddedChannel ch = channel(world.verifier);
        ch.writeInbound(Unpooled.wrappedBuffer(badMagic));
        assertProtocolError(ch, GateFrame.ERROR_BAD_MAGIC);

        byte[] pong = new byte[GateFrame.BODY_OFFSET];
        GateFrame.encodeEmpty(pong, 0, GateFrame.TYPE_PONG, 10);
        EmbeddedChannel other = channel(world.verifier);
        other.writeInbound(Unpooled.wrappedBuffer(pong));
        assertProtocolError(other, GateFrame.ERROR_MALFORMED);
    }

    @Test
    void shouldRefuseAVerifyRequestWhoseBodyDisagreesWithItsLengths() {
        byte[] req = verifyRequest(11, "GC1:NOT-A-CODE");
        req[VerifyRequest.CODE_LENGTH_OFFSET] = (byte) 0x7f; // claims more code bytes than the frame holds
        EmbeddedChannel ch = channel(world.verifier);
        ch.writeInbound(Unpooled.wrappedBuffer(req));
        byte[] err = nextFrame(ch);
        assertEquals(GateFrame.TYPE_PROTOCOL_ERROR, GateFrame.type(err, 0));
        assertEquals(11, GateFrame.requestId(err, 0));
        assertFalse(ch.isOpen());
    }

    private void assertProtocolError(EmbeddedChannel ch, int code) {
        byte[] err = nextFrame(ch);
        assertEquals(GateFrame.TYPE_PROTOCOL_ERROR, GateFrame.type(err, 0));
        assertEquals(code, ProtocolError.code(err, 0), ProtocolError.message(err, 0, err.length));
        assertFalse(ch.isOpen(), "a protocol error closes the connection");
        assertTrue(metrics.protocolErrors() >= 1);
    }

    @Test
    void shouldAnswerBusyAtOnceWhenTheWorkerPoolIsFull() throws Exception {
        CountDownLatch release = occupyEveryWorker();
        try {
            EmbeddedChannel ch = channel(world.verifier);
            // A code the memo has not seen needs a worker: none is free.
            ReportDocument doc = TestWorld.report("NB26-300002");
            world.register(doc);
            ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(21, world.issue(doc, world.labA))));
            byte[] answer = nextFrame(ch);
            VerifyResponse r = new VerifyResponse();
            r.wrap(answer, 0, answer.length);
            assertEquals(21, r.requestId());
            assertEquals(VerifyResponse.BUSY, r.outcome());
            assertEquals(Reason.SERVER_BUSY.bit(), r.reasons());
            assertEquals(1, metrics.busyCount());
            assertEquals(0, inFlight.count());
            assertTrue(ch.isOpen(), "BUSY is an answer, not an error");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldAnswerBusyWhileStopping() {
        String code = registeredCode();
        EmbeddedChannel ch = channel(world.verifier);
        inFlight.stop();
        ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(31, code)));
        byte[] answer = nextFrame(ch);
        VerifyResponse r = new VerifyResponse();
        r.wrap(answer, 0, answer.length);
        assertEquals(VerifyResponse.BUSY, r.outcome());
        assertEquals(0, metrics.released() + metrics.held());
    }

    @Test
    void shouldHoldLogAndCountAnInternalError() {
        String code = registeredCode();
        ReportRegistry broken = (id, len, into) -> {
            throw new IllegalStateException("index page fault (injected)");
        };
        Verifier verifier = new Verifier(world.trust, () -> world.policy, broken, world.memo, clock);
        EmbeddedChannel ch = channel(verifier);
        ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(41, code)));
        byte[] answer = nextFrame(ch);
        VerifyResponse r = new VerifyResponse();
        r.wrap(answer, 0, answer.length);
        assertEquals(VerifyResponse.HOLD, r.outcome());
        assertTrue(Reason.INTERNAL_ERROR.in(r.reasons()));
        assertEquals(1, metrics.internalErrorCount());
        assertEquals(1, metrics.reasonCount(Reason.INTERNAL_ERROR));
    }

    /** Takes the one worker and fills its one queue slot until the returned latch is released. */
    private CountDownLatch occupyEveryWorker() throws InterruptedException {
        CountDownLatch release = occupyTheWorker();
        assertTrue(workers.trySubmit(() -> await(release)), "fills the one queue slot");
        return release;
    }

    /** Takes the one worker (its queue stays free) until the returned latch is released. */
    private CountDownLatch occupyTheWorker() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        assertTrue(workers.trySubmit(() -> {
            running.countDown();
            await(release);
        }));
        running.await();
        return release;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldAnswerBusyBeyondOneConnectionsInFlightLimitAndStillAnswerTheFirst() throws Exception {
        String warm = registeredCode();
        ReportDocument doc = TestWorld.report("NB26-300003");
        world.register(doc);
        String firstSight = world.issue(doc, world.labA);
        CountDownLatch release = occupyTheWorker();
        EmbeddedChannel ch = channel(world.verifier, 1);
        // The first request waits in the worker queue: this connection now has one undecided.
        ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(51, firstSight)));
        assertEquals(null, nextFrame(ch), "still undecided");
        // The second could be decided at once from the memo, but the connection is at its limit.
        ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(52, warm)));
        VerifyResponse r = new VerifyResponse();
        byte[] busy = nextFrame(ch);
        r.wrap(busy, 0, busy.length);
        assertEquals(52, r.requestId());
        assertEquals(VerifyResponse.BUSY, r.outcome());
        assertEquals(1, metrics.busyCount());
        release.countDown();
        byte[] first = null;
        for (long end = System.nanoTime() + 10_000_000_000L; first == null && System.nanoTime() < end; ) {
            ch.runPendingTasks();
            first = nextFrame(ch);
            if (first == null) {
                Thread.sleep(5);
            }
        }
        assertTrue(first != null, "the queued request is answered once a worker is free");
        r.wrap(first, 0, first.length);
        assertEquals(51, r.requestId());
        assertEquals(VerifyResponse.RELEASE, r.outcome());
        assertTrue(ch.isOpen());
    }

    @Test
    void shouldHoldAnErrorFromTheRegistryNotOnlyAnException() {
        String code = registeredCode();
        // A mapped index on a full disk or a truncated file raises InternalError, not an exception.
        ReportRegistry broken = (id, len, into) -> {
            throw new InternalError("a fault occurred in an unsafe memory access (injected)");
        };
        EmbeddedChannel ch = channel(new Verifier(world.trust, () -> world.policy, broken, world.memo, clock));
        ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(61, code)));
        byte[] answer = nextFrame(ch);
        VerifyResponse r = new VerifyResponse();
        r.wrap(answer, 0, answer.length);
        assertEquals(VerifyResponse.HOLD, r.outcome());
        assertTrue(Reason.INTERNAL_ERROR.in(r.reasons()));
        assertTrue(ch.isOpen(), "a defined answer, and the gate keeps its connection");
        assertEquals(1, metrics.internalErrorCount());
    }

    @Test
    void shouldCheckAFirstSightCodeOnTheLoopWhileItsBudgetAllowsEvenWithEveryWorkerBusy() throws Exception {
        CountDownLatch release = occupyEveryWorker();
        try {
            EmbeddedChannel ch = channel(world.verifier, 1024, 100);
            ReportDocument doc = TestWorld.report("NB26-300004");
            world.register(doc);
            ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(71, world.issue(doc, world.labA))));
            // Decided where it was read: no worker was free, yet the answer is there at once.
            byte[] answer = nextFrame(ch);
            assertTrue(answer != null, "answered on the loop");
            VerifyResponse r = new VerifyResponse();
            r.wrap(answer, 0, answer.length);
            assertEquals(71, r.requestId());
            assertEquals(VerifyResponse.RELEASE, r.outcome());
            assertEquals(0, metrics.busyCount());
            assertEquals(0, inFlight.count());
            // A code no trusted key signed, checked on the loop, still holds (and never releases).
            ReportDocument other = TestWorld.report("NB26-300005");
            world.register(other);
            String forged = world.issue(other, world.unknownKey);
            ch.writeInbound(Unpooled.wrappedBuffer(verifyRequest(72, forged)));
            byte[] held = nextFrame(ch);
            r.wrap(held, 0, held.length);
            assertEquals(72, r.requestId());
            assertEquals(VerifyResponse.HOLD, r.outcome());
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldHandFirstSightChecksToTheWorkersOnceTheLoopsBudgetIsSpent() throws Exception {
        CountDownLatch release = occupyEveryWorker();
        try {
            // At 1 % the burst is 20 µs: the first check (tens of µs at least) spends it and leaves a
            // debt, so the next one needs a worker, and none is free: BUSY, never a silent stall.
            EmbeddedChannel ch = channel(world.verifier, 1024, 1);
            String[] codes = new String[2];
            for (int i = 0; i < codes.length; i++) {
                ReportDocument doc = TestWorld.report("NB26-30001" + i);
                world.register(doc);
                codes[i] = world.issue(doc, world.labA);
            }
            ch.writeInbound(Unpooled.wrappedBuffer(concat(verifyRequest(81, codes[0]), verifyRequest(82, codes[1]))));
            VerifyResponse r = new VerifyResponse();
            byte[] first = nextFrame(ch);
            r.wrap(first, 0, first.length);
            assertEquals(81, r.requestId());
            assertEquals(VerifyResponse.RELEASE, r.outcome(), "checked on the loop");
            byte[] second = nextFrame(ch);
            r.wrap(second, 0, second.length);
            assertEquals(82, r.requestId());
            assertEquals(VerifyResponse.BUSY, r.outcome(), "past the budget: the worker path, which is full");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldRefuseAnInlineShareOutsideTheRangeWhenTheHandlerIsMadeNamingTheSetting() {
        DecisionRecorder recorder = new DecisionRecorder(world.verifier, audit, metrics, clock);
        for (int share : new int[]{-1, 101}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GateRequestHandler(recorder, workers, inFlight, metrics, 1024, share));
            assertTrue(e.getMessage().contains("workers.inline-share-percent"), e.getMessage());
        }
        new GateRequestHandler(recorder, workers, inFlight, metrics, 1024, 100); // the bounds themselves are shares
        new GateRequestHandler(recorder, workers, inFlight, metrics, 1024, 0);
    }
}
