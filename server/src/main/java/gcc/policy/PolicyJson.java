package gcc.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static gcc.json.JsonFields.bool;
import static gcc.json.JsonFields.field;
import static gcc.json.JsonFields.integer;
import static gcc.json.JsonFields.nonBlankText;

/**
 * Reads the release policy from its human-editable JSON file (format in {@code docs/policy.md};
 * {@code //} and {@code #} comments allowed). Every problem is an {@link IllegalArgumentException}
 * naming the field, so an operator can fix the file; a running server keeps its policy when a
 * reload fails.
 */
public final class PolicyJson {
    /** Classpath location of the built-in provisional GB 31701-2026 policy. */
    public static final String BUILT_IN = "/gcc/policy/gb31701-2026-provisional.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_YAML_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PolicyJson() {
    }

    /** The built-in provisional policy. */
    public static Policy builtIn() {
        try (InputStream in = PolicyJson.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy missing from the jar: " + BUILT_IN);
            }
            return parse(in.readAllBytes(), "built-in policy");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in policy", e);
        }
    }

    /** The built-in policy file's text, for {@code gatectl policy init}. */
    public static String builtInText() {
        try (InputStream in = PolicyJson.class.getResourceAsStream(BUILT_IN)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the built-in policy", e);
        }
    }

    /** Loads a policy file, or the built-in policy when {@code file} is null. */
    public static Policy load(Path file) throws IOException {
        if (file == null) {
            return builtIn();
        }
        if (Files.size(file) > PolicyLimits.MAX_FILE_BYTES) { // checked before reading it into memory
            throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes, over the policy file limit of "
                    + PolicyLimits.MAX_FILE_BYTES);
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses policy JSON from bytes; {@code where} names the source in error messages. */
    public static Policy parse(byte[] bytes, String where) {
        if (bytes.length > PolicyLimits.MAX_FILE_BYTES) {
            throw new IllegalArgumentException(where + ": " + bytes.length + " bytes, over the policy file limit of "
                    + PolicyLimits.MAX_FILE_BYTES);
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Policy fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the policy must be a JSON object");
        }
        List<Profile> profiles = new ArrayList<>();
        if (n.has("profiles")) {
            if (n.has("profile")) {
                throw new IllegalArgumentException("give either 'profile' or 'profiles', not both");
            }
            JsonNode arr = field(n, "profiles");
            if (!arr.isArray() || arr.isEmpty()) {
                throw new IllegalArgumentException("'profiles' must be a non-empty array");
            }
            for (JsonNode p : arr) {
                profiles.add(profile(p, nonBlankText(p, "id"), nonBlankText(p, "category")));
            }
        } else {
            // The first policy format: one profile, which is the one reports without a profile name.
            profiles.add(profile(field(n, "profile"), Policy.IMPLIED_PROFILE, "infant-products"));
        }
        Map<String, Boolean> cross = new LinkedHashMap<>();
        JsonNode cr = n.get("crossRecognition");
        if (cr != null) {
            if (!cr.isObject()) {
                throw new IllegalArgumentException("'crossRecognition' must map standards to true or false");
            }
            cr.fields().forEachRemaining(e -> {
                if (!e.getValue().isBoolean()) {
                    throw new IllegalArgumentException("crossRecognition '" + e.getKey() + "' must be true or false");
                }
                cross.put(e.getKey(), e.getValue().asBoolean());
            });
        }
        JsonNode binding = field(n, "binding");
        ZoneOffset zone;
        try {
            zone = ZoneOffset.of(nonBlankText(n, "zone"));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'zone' must be a UTC offset such as +08:00");
        }
        return new Policy(nonBlankText(n, "version"), profiles, texts(n, "acceptedStandards"),
                texts(n, "legacyStandards"), cross, bool(binding, "exporterMustMatch"),
                bool(binding, "productMustMatchWhenSupplied"), Duration.ofSeconds(integer(n, "clockSkewSeconds")), zone,
                n.has("registryStalenessMs") ? Duration.ofMillis(integer(n, "registryStalenessMs")) : null);
    }





    private static Profile profile(JsonNode p, String id, String category) {
        String where = "profile " + id + ": ";
        List<ItemSpec> items = new ArrayList<>();
        JsonNode arr = field(p, "items");
        if (!arr.isArray()) {
            throw new IllegalArgumentException(where + "'items' must be an array");
        }
        for (JsonNode it : arr) {
            String name = nonBlankText(it, "name");
            String nameZh = it.has("nameZh") ? nonBlankText(it, "nameZh") : name;
            items.add(new ItemSpec(integer(it, "item"), name, nameZh, nonBlankText(it, "group"), integer(it, "validityMonths")));
        }
        Map<String, List<Integer>> na = new LinkedHashMap<>();
        JsonNode nn = p.get("notApplicable");
        if (nn != null) {
            if (!nn.isObject()) {
                throw new IllegalArgumentException(where + "'notApplicable' must map product classes to item numbers");
            }
            nn.fields().forEachRemaining(e -> {
                List<Integer> nums = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException(where + "notApplicable '" + e.getKey() + "' must be an array of item numbers");
                }
                for (JsonNode x : e.getValue()) {
                    if (!x.isInt()) {
                        throw new IllegalArgumentException(where + "notApplicable '" + e.getKey() + "' must hold item numbers");
                    }
                    nums.add(x.asInt());
                }
                na.put(e.getKey(), nums);
            });
        }
        try {
            return new Profile(id, category, nonBlankText(p, "standard"), items, na);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("profile") ? e.getMessage() : where + e.getMessage(), e);
        }
    }

    private static List<String> texts(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException("'" + name + "' must hold strings only");
            }
            out.add(s.asText());
        }
        return out;
    }
}
