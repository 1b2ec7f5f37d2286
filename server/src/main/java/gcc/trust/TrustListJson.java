package gcc.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.crypto.Keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static gcc.json.JsonFields.array;
import static gcc.json.JsonFields.instant;
import static gcc.json.JsonFields.text;

/**
 * The trust list's editable source (JSON naming labs and the PEM files of their public keys,
 * format in {@code docs/operations.md}) and its JSON rendering for inspection.
 */
public final class TrustListJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TrustListJson() {
    }

    /** Reads a source file; key paths are relative to the file's directory. */
    public static TrustList read(Path source) throws IOException {
        JsonNode n = JSON.readTree(Files.readAllBytes(source));
        Path base = source.toAbsolutePath().getParent();
        try {
            List<Lab> labs = new ArrayList<>();
            for (JsonNode l : array(n, "labs")) {
                List<LabKey> keys = new ArrayList<>();
                for (JsonNode k : array(l, "keys")) {
                    Path pem = base.resolve(text(k, "publicKey"));
                    if (!Files.exists(pem)) {
                        throw new IllegalArgumentException("public key file not found: " + pem);
                    }
                    byte[] spki = Keys.fromPem("PUBLIC KEY", Files.readString(pem));
                    String status = text(k, "status");
                    KeyStatus st = switch (status) {
                        case "active" -> KeyStatus.ACTIVE;
                        case "revoked" -> KeyStatus.REVOKED;
                        default -> throw new IllegalArgumentException("key status must be active or revoked: " + status);
                    };
                    keys.add(new LabKey(Keys.algorithmOf(Keys.publicFromSpki(spki)), spki,
                            instant(k, "notBefore").getEpochSecond(), instant(k, "notAfter").getEpochSecond(), st));
                }
                List<String> standards = new ArrayList<>();
                for (JsonNode s : array(l, "standards")) {
                    standards.add(s.asText());
                }
                labs.add(new Lab(text(l, "id"), text(l, "name"), text(l, "accreditation"), standards, keys));
            }
            JsonNode v = n.get("version");
            if (v == null || !v.canConvertToLong() || v.asLong() < 1) {
                throw new IllegalArgumentException("'version' must be a whole number of at least 1");
            }
            return new TrustList(v.asLong(), instant(n, "issuedAt").getEpochSecond(), labs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The list as JSON for people: labs, keys with kid, algorithm, window and status. */
    public static ObjectNode render(TrustList t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", t.version());
        n.put("issuedAt", Instant.ofEpochSecond(t.issuedAt()).toString());
        ArrayNode labs = n.putArray("labs");
        for (Lab l : t.labs()) {
            ObjectNode ln = labs.addObject().put("id", l.id()).put("name", l.name()).put("accreditation", l.accreditation());
            ArrayNode st = ln.putArray("standards");
            l.standards().forEach(st::add);
            ArrayNode keys = ln.putArray("keys");
            for (LabKey k : l.keys()) {
                keys.addObject().put("kid", Keys.kidHex(k.kid())).put("alg", k.algorithm().cliName())
                        .put("notBefore", Instant.ofEpochSecond(k.notBefore()).toString())
                        .put("notAfter", Instant.ofEpochSecond(k.notAfter()).toString())
                        .put("status", k.status().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return n;
    }



}
