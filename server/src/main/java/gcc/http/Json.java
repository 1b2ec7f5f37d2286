package gcc.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.decision.Decision;
import gcc.decision.Language;
import gcc.registry.ReportRecord;
import gcc.report.ItemResult;
import gcc.report.ReportDocument;
import gcc.time.EpochDays;

import java.io.IOException;

/**
 * JSON shapes of the HTTP API (schema in {@code docs/operations.md}): decisions, registry
 * records, errors. Stateless and thread-safe.
 */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; a malformed body is an {@link IllegalArgumentException} (HTTP 400). */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode error(int status, String message) {
        return object().put("status", status).put("error", message);
    }

    /** The decision with every reason and detail, in English. */
    public static ObjectNode decision(Decision d, long serverMicros) {
        return decision(d, serverMicros, Language.EN);
    }

    /**
     * The decision with every reason: {@code summary} and {@code detail} in {@code lang}, and
     * both languages side by side under {@code en} and {@code zh} for screens that show both.
     */
    public static ObjectNode decision(Decision d, long serverMicros, Language lang) {
        ObjectNode n = object();
        n.put("outcome", d.outcome().name());
        n.put("released", d.released());
        n.put("reportId", d.reportId());
        n.put("decidedFor", d.decidedFor().toString());
        n.put("serverMicros", serverMicros);
        n.put("lang", lang.tag());
        ArrayNode reasons = n.putArray("reasons");
        for (Decision.Finding f : d.findings()) {
            ObjectNode r = reasons.addObject().put("code", f.reason().code()).put("reason", f.reason().name())
                    .put("summary", f.summary(lang)).put("detail", f.detail(lang));
            r.putObject("en").put("summary", f.summary(Language.EN)).put("detail", f.detail(Language.EN));
            r.putObject("zh").put("summary", f.summary(Language.ZH)).put("detail", f.detail(Language.ZH));
        }
        return n;
    }

    /** A registry record as stored. */
    public static ObjectNode record(ReportRecord r) {
        return record(r, null, null);
    }

    /**
     * A registry record as stored and, when its registered document is at hand, every item's
     * measured value, limit, unit and method (what a buyer asks the lab for).
     */
    public static ObjectNode record(ReportRecord r, ReportDocument doc, gcc.registry.StatusChange change) {
        ObjectNode n = object();
        n.put("reportId", r.reportId());
        n.put("status", String.valueOf(r.status()));
        if (change != null) {
            // Why the report stands as it does, from the journaled change (absent: unchanged since registration).
            n.putObject("statusChange").put("change", change.change().name()).put("reason", change.reason())
                    .put("actor", change.actor()).put("at", change.at().toString());
        }
        n.put("lab", r.labId());
        n.put("standard", r.standard());
        n.put("profile", r.profile());
        if (!r.productClass().isEmpty()) {
            n.put("productClass", r.productClass());
        }
        n.put("product", r.product().toString());
        ArrayNode products = n.putArray("products");
        r.products().forEach(p -> products.add(p.toString()));
        n.put("exporter", r.exporter());
        ArrayNode exporters = n.putArray("authorizedExporters");
        r.authorizedExporters().forEach(exporters::add);
        n.put("issueDate", EpochDays.toLocalDate(r.issueDay()).toString());
        n.put("digest", java.util.HexFormat.of().formatHex(r.digestBytes()));
        if (r.supersededBy() != null) {
            n.put("supersededBy", r.supersededBy());
        }
        n.put("lastSequence", r.lastSequence());
        ArrayNode items = n.putArray("items");
        for (int i = 1; i < 32; i++) {
            int bit = 1 << (i - 1);
            if ((r.presentMask() & bit) == 0) {
                continue;
            }
            ObjectNode item = items.addObject().put("item", i);
            if ((r.notApplicableMask() & bit) != 0) {
                item.put("result", "NOT_APPLICABLE");
                continue;
            }
            item.put("result", (r.passMask() & bit) != 0 ? "PASS" : "FAIL")
                    .put("testDate", EpochDays.toLocalDate(r.testDays()[i]).toString());
            ItemResult.Measurement m = doc == null ? null : measurement(doc, i);
            if (m != null) {
                item.put("value", m.value()).put("limit", m.limit()).put("unit", m.unit()).put("method", m.method());
            }
        }
        return n;
    }

    private static ItemResult.Measurement measurement(ReportDocument doc, int item) {
        for (ItemResult x : doc.items()) {
            if (x.item() == item) {
                return x.measurement();
            }
        }
        return null;
    }
}
