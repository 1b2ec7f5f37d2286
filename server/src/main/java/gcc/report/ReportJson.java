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

    /**
     * A report from its JSON form. {@code profile} defaults to {@link ReportDocument#IMPLIED_PROFILE},
     * {@code productClass} to none; the series is {@code products} (or the older single {@code product});
     * {@code agents} is optional; an item's {@code testDate} is absent for NOT_APPLICABLE and its
     * figures ({@code value}, {@code limit}, {@code unit}, {@code method}) are optional.
     */
    public static ReportDocument fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a report must be a JSON object");
        }
        List<Product> products = new ArrayList<>();
        if (n.has("products")) {
            if (n.has("product")) {
                throw new IllegalArgumentException("give either 'product' or 'products', not both");
            }
            JsonNode arr = field(n, "products");
            if (!arr.isArray() || arr.isEmpty()) {
                throw new IllegalArgumentException("'products' must be a non-empty array of {hs, model}");
            }
            for (JsonNode p : arr) {
                products.add(new Product(text(p, "hs"), text(p, "model")));
            }
        } else {
            JsonNode product = field(n, "product");
            products.add(new Product(text(product, "hs"), text(product, "model")));
        }
        List<String> agents = new ArrayList<>();
        JsonNode ag = n.get("agents");
        if (ag != null && !ag.isNull()) {
            if (!ag.isArray()) {
                throw new IllegalArgumentException("'agents' must be an array of USCCs");
            }
            for (JsonNode a : ag) {
                if (!a.isTextual()) {
                    throw new IllegalArgumentException("'agents' must hold USCC strings");
                }
                agents.add(a.asText());
            }
        }
        List<ItemResult> items = new ArrayList<>();
        JsonNode arr = field(n, "items");
        if (!arr.isArray()) {
            throw new IllegalArgumentException("'items' must be an array");
        }
        for (JsonNode it : arr) {
            items.add(item(it));
        }
        JsonNode sup = n.get("supersedes");
        return new ReportDocument(text(n, "reportId"), text(n, "lab"), text(n, "standard"),
                optionalText(n, "profile", ReportDocument.IMPLIED_PROFILE), optionalText(n, "productClass", ""),
                products, text(n, "exporter"), agents, date(n, "issueDate"), items,
                sup == null || sup.isNull() ? null : sup.asText());
    }

    private static ItemResult item(JsonNode it) {
        JsonNode no = field(it, "item");
        if (!no.isInt()) {
            throw new IllegalArgumentException("'item' must be an item number");
        }
        String result = text(it, "result");
        ItemResult.Result r;
        try {
            r = ItemResult.Result.valueOf(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("item result must be PASS, FAIL or NOT_APPLICABLE: " + result);
        }
        if (r == ItemResult.Result.NOT_APPLICABLE) {
            if (it.has("testDate") || it.has("value")) {
                throw new IllegalArgumentException("item " + no.asInt() + " is NOT_APPLICABLE and so has no testDate or figures");
            }
            return ItemResult.notApplicable(no.asInt());
        }
        ItemResult.Measurement m = null;
        if (it.has("value") || it.has("limit") || it.has("unit") || it.has("method")) {
            m = new ItemResult.Measurement(optionalText(it, "value", ""), optionalText(it, "limit", ""),
                    optionalText(it, "unit", ""), optionalText(it, "method", ""));
        }
        return new ItemResult(no.asInt(), r, date(it, "testDate"), m);
    }

    private static String optionalText(JsonNode n, String name, String absent) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return v.asText();
    }

    public static ObjectNode toJson(ReportDocument d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reportId", d.reportId());
        n.put("lab", d.labId());
        n.put("standard", d.standard());
        n.put("profile", d.profile());
        if (!d.productClass().isEmpty()) {
            n.put("productClass", d.productClass());
        }
        if (d.products().size() == 1) {
            n.putObject("product").put("hs", d.product().hsCode()).put("model", d.product().model());
        } else {
            ArrayNode ps = n.putArray("products");
            d.products().forEach(p -> ps.addObject().put("hs", p.hsCode()).put("model", p.model()));
        }
        n.put("exporter", d.exporter());
        if (!d.agents().isEmpty()) {
            ArrayNode a = n.putArray("agents");
            d.agents().forEach(a::add);
        }
        n.put("issueDate", d.issueDate().toString());
        if (d.supersedes() != null) {
            n.put("supersedes", d.supersedes());
        }
        ArrayNode items = n.putArray("items");
        for (ItemResult r : d.items()) {
            ObjectNode i = items.addObject().put("item", r.item()).put("result", r.result().name());
            if (r.testDate() != null) {
                i.put("testDate", r.testDate().toString());
            }
            if (r.measurement() != null) {
                i.put("value", r.measurement().value()).put("limit", r.measurement().limit())
                        .put("unit", r.measurement().unit()).put("method", r.measurement().method());
            }
        }
        return n;
    }

    public static String toPrettyString(ReportDocument d) {
        return toJson(d).toPrettyString();
    }



}
