package gcc.loadtest;

import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system under test: N gate connections (one {@link GateClient} each, sharing the harness's
 * I/O threads) sending the workload round-robin, checking every answer against the expected
 * outcome. Any RELEASE where HOLD was due is a false release; it fails the run whatever the latency.
 */
final class DecisionTarget implements OpenLoop.Target, AutoCloseable {
    private final List<GateClient> clients = new ArrayList<>();
    private final Workload workload;
    final AtomicLong wrong = new AtomicLong();
    final AtomicLong falseReleases = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong local = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final AtomicLong held = new AtomicLong();
    private volatile boolean counting;

    DecisionTarget(String host, int port, int connections, Workload workload, EventLoopGroup group, Duration timeout) {
        this.workload = workload;
        for (int i = 0; i < connections; i++) {
            clients.add(GateClient.builder().server(host, port).eventLoopGroup(group).requestTimeout(timeout)
                    .maxInFlight(100_000).build());
        }
        for (GateClient c : clients) {
            if (!c.awaitConnected(Duration.ofSeconds(10))) {
                throw new IllegalStateException("could not connect to the gate server at " + host + ":" + port);
            }
        }
    }

    /** Sends every hot code once so the measured run sees them as memo hits. */
    void warm() {
        for (Workload.Request r : workload.seen()) {
            clients.get(0).verify(r.request());
        }
    }

    /** From now on, count outcomes (the warm-up's are not counted). */
    void startCounting() {
        counting = true;
    }

    @Override
    public void send(long index, long intendedNanos, OpenLoop.Completion completion) {
        Workload.Request r = workload.pick(index);
        clients.get((int) (index % clients.size())).verifyAsync(r.request()).thenAccept(a -> {
            boolean ok = check(r, a);
            completion.done(ok);
        });
    }

    private boolean check(Workload.Request r, VerifyAnswer a) {
        if (!counting) {
            return true;
        }
        if (a.outcome() == Outcome.RELEASE) {
            released.incrementAndGet();
        } else {
            held.incrementAndGet();
        }
        if (a.serverBusy()) {
            busy.incrementAndGet();
        } else if (a.decidedLocally()) {
            local.incrementAndGet();
        }
        if (a.decidedLocally()) {
            return false; // not a wrong decision, but an error: no server answer
        }
        boolean right = r.mustRelease() ? a.outcome() == Outcome.RELEASE
                : a.outcome() == Outcome.HOLD && (r.expected() == null || a.has(r.expected()));
        if (!right) {
            wrong.incrementAndGet();
            if (!r.mustRelease() && a.outcome() == Outcome.RELEASE) {
                falseReleases.incrementAndGet();
            }
        }
        return right;
    }

    @Override
    public void close() {
        clients.forEach(GateClient::close);
    }
}
