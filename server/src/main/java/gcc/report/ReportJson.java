package gcc.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static gcc.json.JsonFields.date;
import static gcc.json.JsonFields.field;
import static gcc.json.JsonFields.text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Report documents as JSON files, the form labs submit and tools read (schema in
 * {@code docs/code-format.md}). Parsing reports every problem as an {@link IllegalArgumentException}
 * whose message names the field, so an importer can say what is wrong with each bad file.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ReportJson() {
    }

    public static ReportDocument read(Path file) throws IOException {
        try {
            return fromJson(JSON.readTree(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static ReportDocument parse(String json) throws IOException {
        return fromJson(JSON.readTree(json));
    }

    public static ReportDocument fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a report must be a JSON object");
        }
        JsonNode product = field(n, "product");
        List<ItemResult> items = new ArrayList<>();
        JsonNode arr = field(n, "items");
        if (!arr.isArray()) {
            throw new IllegalArgumentException("'items' must be an array");
        }
        for (JsonNode it : arr) {
            String result = text(it, "result");
            if (!result.equals("PASS") && !result.equals("FAIL")) {
                throw new IllegalArgumentException("item result must be PASS or FAIL: " + result);
            }
            JsonNode no = field(it, "item");
            if (!no.isInt()) {
                throw new IllegalArgumentException("'item' must be an item number");
            }
            items.add(new ItemResult(no.asInt(), result.equals("PASS"), date(it, "testDate")));
        }
        JsonNode sup = n.get("supersedes");
        return new ReportDocument(text(n, "reportId"), text(n, "lab"), text(n, "standard"),
                new Product(text(product, "hs"), text(product, "model")), text(n, "exporter"),
                date(n, "issueDate"), items, sup == null || sup.isNull() ? null : sup.asText());
    }

    public static ObjectNode toJson(ReportDocument d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reportId", d.reportId());
        n.put("lab", d.labId());
        n.put("standard", d.standard());
        n.putObject("product").put("hs", d.product().hsCode()).put("model", d.product().model());
        n.put("exporter", d.exporter());
        n.put("issueDate", d.issueDate().toString());
        if (d.supersedes() != null) {
            n.put("supersedes", d.supersedes());
        }
        ArrayNode items = n.putArray("items");
        for (ItemResult r : d.items()) {
            items.addObject().put("item", r.item()).put("result", r.pass() ? "PASS" : "FAIL")
                    .put("testDate", r.testDate().toString());
        }
        return n;
    }

    public static String toPrettyString(ReportDocument d) {
        return toJson(d).toPrettyString();
    }



}
