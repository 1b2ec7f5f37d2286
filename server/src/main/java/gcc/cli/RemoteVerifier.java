package gcc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * Asks running gate servers for a decision over the gate protocol: {@code gatectl verify --server}.
 * The gate SDK is in the client module, which the server does not depend on; the module holding
 * both provides this through {@code META-INF/services/gcc.cli.RemoteVerifier}.
 */
public interface RemoteVerifier {
    /**
     * What the server answered, as printed by {@code gatectl verify}; whether it released; whether
     * the SDK decided locally (HOLD) because no server answered.
     */
    record Answer(ObjectNode json, boolean released, boolean decidedLocally) {
    }

    /** One verification against {@code servers} (the first, then failovers); never throws for a HOLD. */
    Answer verify(Query query);

    /** A declaration sent to a gate server, and the language reasons are printed in. */
    record Query(List<String> servers, Duration timeout, String code, String exporter, String product, String gate,
                 int lane, gcc.decision.Language lang) {
    }
}
