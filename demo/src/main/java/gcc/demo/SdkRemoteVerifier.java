package gcc.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.cli.RemoteVerifier;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.http.Json;

/** {@code gatectl verify --server}: one request through the gate SDK, answered as JSON. */
public final class SdkRemoteVerifier implements RemoteVerifier {
    @Override
    public Answer verify(Query q) {
        GateClient.Builder b = GateClient.builder().requestTimeout(q.timeout()).connectTimeout(q.timeout());
        q.servers().forEach(b::server);
        try (GateClient client = b.build()) {
            client.awaitConnected(q.timeout());
            VerifyAnswer a = client.verify(new GateRequest(q.code(), q.exporter(), q.product(), q.gate(), q.lane()));
            ObjectNode n = Json.object();
            n.put("outcome", a.outcome().name()).put("released", a.released()).put("reportId", a.reportId())
                    .put("serverMicros", a.serverMicros()).put("roundTripMicros", a.roundTripNanos() / 1000)
                    .put("decidedLocally", a.decidedLocally()).put("detail", a.detail())
                    .put("server", client.currentServer() == null ? null : client.currentServer().toString());
            ArrayNode reasons = n.putArray("reasons");
            n.put("lang", q.lang().tag());
            a.reasons().forEach(r -> reasons.addObject().put("code", r.code()).put("reason", r.name())
                    .put("summary", r.summary(q.lang())));
            return new Answer(n, a.released(), a.decidedLocally());
        }
    }
}
