package gcc.chaos;

import gcc.audit.AuditQuery;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.decision.Outcome;
import gcc.registry.PersistentRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What must hold after a restart: every acknowledged registration present and every acknowledged
 * revocation in force (else a lost write), no revoked report released (a false release), every
 * decision a gate was answered in the audit, and the index equal to the journal.
 */
final class ChaosChecks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChaosChecks() {
    }

    /** Acknowledged changes the restarted server does not have. */
    static long lostWrites(ChaosServer s, Ledger ledger) throws Exception {
        long lost = 0;
        for (String id : ledger.registered.keySet()) {
            HttpResponse<String> r = get(s, "/v1/reports/" + id);
            boolean revoked = ledger.revokedAtNanos.containsKey(id);
            if (r.statusCode() != 200 || (revoked && !r.body().contains("\"REVOKED\""))) {
                lost++;
            }
        }
        return lost;
    }

    /** Revoked reports the restarted server releases. */
    static long falseReleases(ChaosServer s, Ledger ledger, String gateId) {
        long released = 0;
        try (GateClient c = GateClient.builder().server("127.0.0.1", s.gatePort).requestTimeout(Duration.ofSeconds(10)).build()) {
            c.awaitConnected(Duration.ofSeconds(10));
            for (Map.Entry<String, Long> e : ledger.revokedAtNanos.entrySet()) {
                VerifyAnswer a = c.verify(new GateRequest(ledger.registered.get(e.getKey()), ChaosWorld.EXPORTER, null, gateId, 2));
                if (a.outcome() == Outcome.RELEASE) {
                    released++;
                }
            }
        }
        return released;
    }

    /** Decisions answered to {@code gateId} that the audit in {@code data} does not hold. */
    static long auditLost(Path data, Ledger ledger, String gateId) {
        long lost = 0;
        for (boolean release : new boolean[]{true, false}) {
            int outcome = release ? 1 : 2;
            long inAudit = AuditQuery.scan(data.resolve("audit"), r -> gateId.equals(r.gate()) && r.outcome() == outcome,
                    Long.MAX_VALUE, r -> { });
            lost += Math.max(0, ledger.answered(gateId, release) - inAudit);
        }
        return lost;
    }

    /** Differences between the index and the journal (the server must be stopped). */
    static List<String> indexDiffs(Path data) throws Exception {
        try (PersistentRegistry r = PersistentRegistry.open(data.resolve("registry"), ChaosMain.ENTRIES, Clock.systemUTC())) {
            return r.verifyIndex();
        }
    }

    static HttpResponse<String> get(ChaosServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
