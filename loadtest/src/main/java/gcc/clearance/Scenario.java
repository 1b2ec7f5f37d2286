package gcc.clearance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A port's export clearance as data (format and sources in {@code docs/clearance-model.md}):
 * arrivals, manual document review, inspection, gate passage, and the green lane's eligible share
 * and scan time. Units are in the field names. Immutable.
 */
public record Scenario(String name, double arrivalsPerHour, double horizonHours, double warmupHours, int replications,
                       long seed, Service review, double inspectionShare, double greenInspectionShare, Service inspection,
                       Service gate, double eligibleShare, double scanSeconds) {

    /** A station: staff (servers) and its service-time distribution. */
    public record Service(int servers, String distribution, double meanMinutes, double cv) {
        ServiceTime time() {
            double mean = meanMinutes * 60;
            return switch (distribution) {
                case "exponential" -> ServiceTime.exponential(mean);
                case "deterministic" -> ServiceTime.deterministic(mean);
                case "lognormal" -> ServiceTime.lognormal(mean, cv);
                case "erlang" -> ServiceTime.erlang(Math.max(1, (int) Math.round(1 / (cv * cv))), mean);
                default -> throw new IllegalArgumentException("unknown distribution " + distribution);
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    public Scenario withEligibleShare(double share) {
        return new Scenario(name, arrivalsPerHour, horizonHours, warmupHours, replications, seed, review, inspectionShare,
                greenInspectionShare, inspection, gate, share, scanSeconds);
    }

    public static Scenario load(Path file) throws IOException {
        JsonNode n = JSON.readTree(Files.readAllBytes(file));
        try {
            Scenario s = new Scenario(text(n, "name"), num(n, "arrivalsPerHour", 0.001, 1e6), num(n, "horizonHours", 1, 1e5),
                    num(n, "warmupHours", 0, 1e4), (int) num(n, "replications", 1, 1000), (long) num(n, "seed", 0, Long.MAX_VALUE),
                    service(n, "documentReview"), num(n, "inspectionShare", 0, 1), num(n, "greenInspectionShare", 0, 1),
                    service(n, "inspection"), service(n, "gatePassage"), num(n, "eligibleShare", 0, 1), num(n, "scanSeconds", 0, 3600));
            if (s.warmupHours >= s.horizonHours) {
                throw new IllegalArgumentException("'warmupHours' must be below 'horizonHours'");
            }
            s.review.time();
            s.inspection.time();
            s.gate.time();
            return s;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Service service(JsonNode n, String field) {
        JsonNode s = n.get(field);
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException("missing object '" + field + "'");
        }
        String dist = text(s, "distribution");
        if (!dist.matches("exponential|deterministic|lognormal|erlang")) {
            throw new IllegalArgumentException("'" + field + ".distribution' must be exponential, deterministic, lognormal or erlang");
        }
        double cv = s.has("cv") ? num(s, "cv", 0.01, 10) : 1.0;
        return new Service((int) num(s, "servers", 1, 10_000), dist, num(s, "meanMinutes", 0.0001, 100_000), cv);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text '" + field + "'");
        }
        return v.asText();
    }

    private static double num(JsonNode n, String field, double min, double max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("missing number '" + field + "'");
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            throw new IllegalArgumentException("'" + field + "' must be in [" + min + ", " + max + "]: " + d);
        }
        return d;
    }
}
