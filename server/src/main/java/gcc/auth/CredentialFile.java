package gcc.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.io.DurableFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The credentials file ({@code DATA/credentials.json}, setting {@code auth.credentials-file}):
 *
 * <pre>
 * {"credentials": [
 *   {"principal": "lab-l1234", "role": "lab:L1234", "tokenSha256": "64 hex digits"},
 *   {"principal": "samr-ningbo", "role": "customs", "certSubject": "CN=samr-ningbo,O=GACC"},
 *   {"principal": "prometheus", "role": "operations", "certSha256": "64 hex digits"}
 * ]}
 * </pre>
 *
 * Each entry has exactly one of the three credential fields; principal names and credentials are
 * unique; {@code admin} is reserved for the {@code admin.token} principal. Anything else is refused
 * whole, with the entry and the reason. Written owner-only, synced and renamed into place
 * ({@link DurableFile}), so a reader sees the old file or the new one.
 */
public final class CredentialFile {
    /** Largest credentials file read. */
    public static final int MAX_BYTES = 4 << 20;
    /** Most credentials in one file. */
    public static final int MAX_CREDENTIALS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CredentialFile() {
    }

    /** The credentials in {@code file}; none if it does not exist. Throws {@link IllegalArgumentException} naming the problem. */
    public static List<Credential> read(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("credentials file " + file + " is over " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials file " + file + " refused: " + e.getMessage(), e);
        }
    }

    /** Parses and checks a credentials document. */
    public static List<Credential> parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("credentials").isArray() || root.size() != 1) {
            throw new IllegalArgumentException("expected {\"credentials\": [...]} and nothing else");
        }
        JsonNode list = root.get("credentials");
        if (list.size() > MAX_CREDENTIALS) {
            throw new IllegalArgumentException(list.size() + " credentials, over the limit of " + MAX_CREDENTIALS);
        }
        List<Credential> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Credential c;
            try {
                c = entry(list.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": " + e.getMessage());
            }
            if (c.principal().name().equals(Principal.ADMIN.name())) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": principal 'admin' is reserved for the admin.token setting");
            }
            if (!names.add(c.principal().name())) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": principal '" + c.principal().name() + "' appears twice");
            }
            String key = c.kind() == Credential.Kind.CERT_SUBJECT ? "subject:" + c.subject().getName("CANONICAL") : c.kind() + ":" + c.value();
            if (!values.add(key)) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": the same credential is given to two principals");
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    private static Credential entry(JsonNode e) {
        if (e == null || !e.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        Iterator<String> fields = e.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!Set.of("principal", "role", "tokenSha256", "certSubject", "certSha256").contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'");
            }
            if (!e.get(f).isTextual()) {
                throw new IllegalArgumentException("'" + f + "' must be a string");
            }
        }
        if (!e.has("principal") || !e.has("role")) {
            throw new IllegalArgumentException("needs 'principal' and 'role'");
        }
        Principal p = Principal.of(e.get("principal").asText(), e.get("role").asText());
        Credential.Kind kind = null;
        for (Credential.Kind k : Credential.Kind.values()) {
            if (e.has(k.field())) {
                if (kind != null) {
                    throw new IllegalArgumentException("has both " + kind.field() + " and " + k.field() + ": give one");
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("needs one of tokenSha256, certSubject, certSha256");
        }
        return new Credential(p, kind, e.get(kind.field()).asText());
    }

    /** The document for {@code credentials}, as {@link #parse} reads it. */
    public static byte[] encode(List<Credential> credentials) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("credentials");
        for (Credential c : credentials) {
            list.addObject().put("principal", c.principal().name()).put("role", c.principal().roleText())
                    .put(c.kind().field(), c.value());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks {@code credentials} as a reader would, then replaces {@code file} owner-only, synced and renamed. */
    public static void write(Path file, List<Credential> credentials) throws IOException {
        byte[] doc = encode(credentials);
        parse(doc);
        DurableFile.replaceOwnerOnly(file, doc);
    }
}
