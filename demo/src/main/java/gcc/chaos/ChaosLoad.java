package gcc.chaos;

import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import gcc.report.ReportDocument;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stream a server is killed under: one admin client registering new reports and revoking
 * acknowledged ones over HTTP, and one gate client verifying codes of registered (and revoked)
 * reports over TCP, both recording in the {@link Ledger} only what the server acknowledged or
 * answered. A verification sent after a revocation was acknowledged must not RELEASE.
 *
 * <p>Runs on two threads of its own until {@link #stop}.
 */
final class ChaosLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChaosWorld world;
    private final Ledger ledger;
    private final String base;
    private final String token;
    private final int gatePort;
    private final String gateId;
    private final String prefix;
    private final SplittableRandom random;
    private volatile boolean running = true;
    private volatile boolean serverDown;
    private final List<Thread> threads = new ArrayList<>();

    ChaosLoad(ChaosWorld world, Ledger ledger, ChaosServer server, String token, String gateId, String prefix, long seed) {
        this.world = world;
        this.ledger = ledger;
        this.base = "http://127.0.0.1:" + server.httpPort;
        this.token = token;
        this.gatePort = server.gatePort;
        this.gateId = gateId;
        this.prefix = prefix;
        this.random = new SplittableRandom(seed);
    }

    /** Waits until the server has acknowledged {@code writes} more changes and answered {@code answers} more decisions. */
    void awaitProgress(long writes, long answers, Duration max) throws InterruptedException {
        long w = ledger.acknowledged.get() + writes;
        long a = ledger.answers(gateId) + answers;
        long until = System.nanoTime() + max.toNanos();
        while ((ledger.acknowledged.get() < w || ledger.answers(gateId) < a) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    void start() {
        SplittableRandom adminRandom = random.split();
        SplittableRandom gateRandom = random.split();
        threads.add(new Thread(() -> admin(adminRandom), "chaos-admin"));
        threads.add(new Thread(() -> gate(gateRandom), "chaos-gate"));
        threads.forEach(Thread::start);
    }

    /** Call just before killing the server: requests in flight now fail by design, not for want of an answer. */
    void serverKilled() {
        serverDown = true;
    }

    /** Stops the clients; {@code killed} says the server died under them (so unanswered requests are expected). */
    void stop(boolean killed) throws InterruptedException {
        serverDown |= killed;
        running = false;
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    private void admin(SplittableRandom r) {
        long n = 0;
        while (running) {
            List<String> active = ledger.active();
            if (active.size() < 5 || r.nextInt(10) < 7) {
                register(prefix + "-" + n++);
            } else {
                revoke(active.get(r.nextInt(active.size())));
            }
        }
    }

    /** Registers {@code id}; true if acknowledged. */
    boolean register(String id) {
        ReportDocument d = world.report(id);
        String code = world.code(d);
        int status = post("/v1/admin/reports", world.json(d));
        if (status / 100 == 2) {
            ledger.registered(id, code);
            return true;
        }
        return false;
    }

    boolean revoke(String id) {
        int status = post("/v1/admin/reports/" + id + "/revoke", "{\"reason\":\"chaos recall\"}");
        if (status / 100 == 2) {
            ledger.revoked(id);
            return true;
        }
        return false;
    }

    /** The HTTP status, or -1 when there was no answer (counted as unanswered unless the server was killed). */
    private int post(String path, String json) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .header("X-Actor", "chaos").POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            if (!serverDown && running) {
                ledger.unanswered.incrementAndGet();
                System.err.println("chaos: no answer to POST " + path + ": " + e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            pause();
            return -1;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void gate(SplittableRandom r) {
        try (GateClient c = GateClient.builder().server("127.0.0.1", gatePort).requestTimeout(Duration.ofSeconds(10)).build()) {
            c.awaitConnected(Duration.ofSeconds(10));
            while (running) {
                List<String> ids = new ArrayList<>(ledger.registered.keySet());
                if (ids.isEmpty()) {
                    pause();
                    continue;
                }
                verify(c, ids.get(r.nextInt(ids.size())));
            }
        }
    }

    /** Verifies {@code id}'s code once and records the answer; returns the answer. */
    VerifyAnswer verify(GateClient c, String id) {
        Long revokedAt = ledger.revokedAtNanos.get(id);
        VerifyAnswer a = c.verify(new GateRequest(ledger.registered.get(id), ChaosWorld.EXPORTER, null, gateId, 1));
        if (!a.decidedLocally()) {
            boolean release = a.outcome() == Outcome.RELEASE;
            ledger.answer(gateId, release, release ? "" : a.reasons().toString(), a.has(gcc.decision.Reason.AUDIT_UNAVAILABLE));
            if (release && revokedAt != null) {
                ledger.falseReleases.incrementAndGet();
            }
        }
        return a;
    }
}
