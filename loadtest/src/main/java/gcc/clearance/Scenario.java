package gcc.clearance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Export clearance at one or more ports as data (format, every value's source and every
 * assumption in {@code docs/clearance-model.md}): ports with their own traffic and staff, the
 * stations' service times, the inspection policy, the arrival pattern, rework, the green lane and
 * its adoption. Each realism feature has a switch ({@code poolPorts}, {@code arrivals.pattern},
 * {@code inspectionPolicy.targeting}, {@code rework.enabled}) so its effect can be isolated.
 * Units are in the field names. Immutable; the {@code with...} methods return changed copies.
 */
public record Scenario(String name, Controls controls, List<Port> ports, boolean poolPorts, Staffing staffing, Service review,
                       Service inspection, Service gate, InspectionPolicy inspectionPolicy, Arrivals arrivals,
                       Rework rework, Green green, Adoption adoption) {

    /** Simulation length and replications; the sweeps use {@code sweepReplications} per point. */
    public record Controls(double horizonHours, double warmupHours, int replications, int sweepReplications, long seed) {
    }

    /** A port: its infant-product export consignments per hour (long-run mean) and its own staff. */
    public record Port(String name, double arrivalsPerHour, int reviewOfficers, int inspectionTeams, int gateLanes) {
        Port withReviewOfficers(int officers) {
            return new Port(name, arrivalsPerHour, officers, inspectionTeams, gateLanes);
        }

        Port withArrivalsPerHour(double perHour) {
            return new Port(name, perHour, reviewOfficers, inspectionTeams, gateLanes);
        }
    }

    /** A service-time distribution: exponential, deterministic, lognormal or erlang, by mean and cv. */
    public record Service(String distribution, double meanMinutes, double cv) {
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

        Service withMeanMinutes(double minutes) {
            return new Service(distribution, minutes, cv);
        }
    }

    /**
     * Who is on duty when. CONSTANT: every officer, team and lane around the clock. SHIFTS: review
     * officers and inspection teams follow the arrivals' hour-of-day pattern (the same officer-hours
     * per day, more of them on the day shift); gate lanes stay open around the clock.
     */
    public enum Staffing { CONSTANT, SHIFTS }

    public Scenario withStaffing(Staffing st) {
        return new Scenario(name, controls, ports, poolPorts, st, review, inspection, gate, inspectionPolicy, arrivals, rework, green,
                adoption);
    }

    /**
     * Servers on duty per hour of the week for {@code servers} on average: proportional to the
     * hour-of-day arrival factors, rounded so the day's officer-hours stay {@code 24 * servers}
     * (largest remainders), never fewer than one; null under CONSTANT staffing.
     */
    int[] roster(int servers) {
        return switch (staffing) {
            case CONSTANT -> null;
            case SHIFTS -> {
                double[] f = arrivals.hourFactors();
                double sum = 0;
                for (double v : f) {
                    sum += v;
                }
                int[] day = new int[24];
                double[] rest = new double[24];
                int left = 24 * servers;
                for (int h = 0; h < 24; h++) {
                    double ideal = 24.0 * servers * f[h] / sum;
                    day[h] = Math.max(1, (int) Math.floor(ideal));
                    rest[h] = ideal - Math.floor(ideal);
                    left -= day[h];
                }
                while (left > 0) {
                    int best = 0;
                    for (int h = 1; h < 24; h++) {
                        if (rest[h] > rest[best]) {
                            best = h;
                        }
                    }
                    day[best]++;
                    rest[best] = -1;
                    left--;
                }
                int[] week = new int[WeeklyProfile.HOURS_PER_WEEK];
                for (int h = 0; h < week.length; h++) {
                    week[h] = day[h % 24];
                }
                yield week;
            }
        };
    }

    /** How inspection picks consignments. */
    public enum Targeting { UNIFORM, RISK }

    /**
     * {@code share}: the fraction of all consignments inspected (the inspection budget). UNIFORM:
     * green consignments at {@code greenShare}, the rest at {@code share}. RISK: green consignments
     * at {@code share * greenRiskRatio}, the rest at whatever keeps the overall fraction at {@code share}.
     */
    public record InspectionPolicy(double share, Targeting targeting, double greenShare, double greenRiskRatio) {
    }

    /** The arrival pattern. */
    public enum Pattern { POISSON, WEEKLY }

    /** POISSON: constant rate. WEEKLY: the non-homogeneous Poisson process of {@link WeeklyProfile}. */
    public record Arrivals(Pattern pattern, double[] weekdayFactors, double[] hourFactors, List<WeeklyProfile.Wave> cutoffWaves) {
        ArrivalProcess process(double perHour) {
            return switch (pattern) {
                case POISSON -> ArrivalProcess.poisson(perHour / 3600);
                case WEEKLY -> ArrivalProcess.weekly(perHour / 3600, WeeklyProfile.hourly(weekdayFactors, hourFactors, cutoffWaves));
            };
        }
    }

    /**
     * Rework: a manual review ends in HOLD with {@code reviewHoldShare} (the exporter fixes, then
     * review again); a green scan fails (unreadable code or HOLD) with {@code scanFailureShare},
     * after which the consignment fixes and takes the manual route. {@code fix} is the time the
     * exporter, forwarder or lab needs (a delay, no queue). Disabled: neither happens.
     */
    public record Rework(boolean enabled, double reviewHoldShare, double scanFailureShare, Service fix) {
    }

    /** The green lane: the share of consignments holding an eligible code, and the scan's handling time. */
    public record Green(double eligibleShare, double scanSeconds) {
    }

    /**
     * The eligible share over the rollout: a logistic demand curve capped by what accredited labs
     * can issue. Reports in force at month m are at most {@code labReportsPerMonth * min(m,
     * reportValidityMonths)}; each covers {@code consignmentsPerReport} consignments over its
     * validity.
     */
    public record Adoption(int months, double maxShare, double midpointMonth, double steepness, double labReportsPerMonth,
                           double reportValidityMonths, double consignmentsPerReport) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    public double arrivalsPerHour() {
        return ports.stream().mapToDouble(Port::arrivalsPerHour).sum();
    }

    public Scenario withEligibleShare(double share) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review, inspection, gate, inspectionPolicy, arrivals, rework,
                new Green(share, green.scanSeconds), adoption);
    }

    public Scenario withReviewMeanMinutes(double minutes) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review.withMeanMinutes(minutes), inspection, gate, inspectionPolicy,
                arrivals, rework, green, adoption);
    }

    public Scenario withInspectionMeanMinutes(double minutes) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review, inspection.withMeanMinutes(minutes), gate, inspectionPolicy,
                arrivals, rework, green, adoption);
    }

    public Scenario withInspectionPolicy(InspectionPolicy p) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review, inspection, gate, p, arrivals, rework, green, adoption);
    }

    public Scenario withInspectionShare(double share) {
        return withInspectionPolicy(new InspectionPolicy(share, inspectionPolicy.targeting, inspectionPolicy.greenShare,
                inspectionPolicy.greenRiskRatio));
    }

    public Scenario withRework(Rework r) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review, inspection, gate, inspectionPolicy, arrivals, r, green, adoption);
    }

    /** Failed scans at {@code share}; switches rework on (with no review holds) if it was off. */
    public Scenario withScanFailureShare(double share) {
        return withRework(rework.enabled ? new Rework(true, rework.reviewHoldShare, share, rework.fix)
                : new Rework(true, 0, share, rework.fix));
    }

    public Scenario withPorts(List<Port> p, boolean pooled) {
        return new Scenario(name, controls, List.copyOf(p), pooled, staffing, review, inspection, gate, inspectionPolicy, arrivals, rework, green,
                adoption);
    }

    public Scenario withArrivals(Arrivals a) {
        return new Scenario(name, controls, ports, poolPorts, staffing, review, inspection, gate, inspectionPolicy, a, rework, green, adoption);
    }

    public Scenario withControls(Controls c) {
        return new Scenario(name, c, ports, poolPorts, staffing, review, inspection, gate, inspectionPolicy, arrivals, rework, green, adoption);
    }

    public Scenario withName(String n) {
        return new Scenario(n, controls, ports, poolPorts, staffing, review, inspection, gate, inspectionPolicy, arrivals, rework, green, adoption);
    }

    /** Reads and checks a scenario file; a bad value's message names its field. */
    public static Scenario load(Path file) throws IOException {
        JsonNode n = JSON.readTree(Files.readAllBytes(file));
        try {
            return parse(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static Scenario parse(JsonNode n) {
        JsonNode c = obj(n, "simulation");
        Controls controls = new Controls(num(c, "horizonHours", 1, 1e5), num(c, "warmupHours", 0, 1e4),
                (int) num(c, "replications", 2, 1000), (int) num(c, "sweepReplications", 2, 1000), (long) num(c, "seed", 0, 9e15));
        if (controls.warmupHours >= controls.horizonHours) {
            throw new IllegalArgumentException("'simulation.warmupHours' must be below 'simulation.horizonHours'");
        }
        JsonNode ps = n.get("ports");
        if (ps == null || !ps.isArray() || ps.isEmpty()) {
            throw new IllegalArgumentException("missing array 'ports' (at least one port)");
        }
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : ps) {
            ports.add(new Port(text(p, "name"), num(p, "arrivalsPerHour", 0.001, 1e6), (int) num(p, "reviewOfficers", 1, 10_000),
                    (int) num(p, "inspectionTeams", 1, 10_000), (int) num(p, "gateLanes", 1, 10_000)));
        }
        JsonNode ip = obj(n, "inspectionPolicy");
        String targeting = text(ip, "targeting");
        if (!targeting.matches("uniform|risk")) {
            throw new IllegalArgumentException("'inspectionPolicy.targeting' must be uniform or risk");
        }
        InspectionPolicy policy = new InspectionPolicy(num(ip, "share", 0, 1),
                targeting.equals("risk") ? Targeting.RISK : Targeting.UNIFORM, num(ip, "greenShare", 0, 1), num(ip, "greenRiskRatio", 0, 10));
        JsonNode a = obj(n, "arrivals");
        String pattern = text(a, "pattern");
        if (!pattern.matches("poisson|weekly")) {
            throw new IllegalArgumentException("'arrivals.pattern' must be poisson or weekly");
        }
        List<WeeklyProfile.Wave> waves = new ArrayList<>();
        JsonNode ws = a.get("cutoffWaves");
        if (ws != null) {
            for (JsonNode w : ws) {
                waves.add(new WeeklyProfile.Wave((int) num(w, "weekday", 1, 7), (int) num(w, "startHour", 0, 23),
                        (int) num(w, "hours", 1, 168), num(w, "factor", 0, 100)));
            }
        }
        Arrivals arrivals = new Arrivals(pattern.equals("weekly") ? Pattern.WEEKLY : Pattern.POISSON, factors(a, "weekdayFactors", 7),
                factors(a, "hourFactors", 24), List.copyOf(waves));
        JsonNode r = obj(n, "rework");
        JsonNode en = r.get("enabled");
        if (en == null || !en.isBoolean()) {
            throw new IllegalArgumentException("missing boolean 'rework.enabled'");
        }
        Rework rework = new Rework(en.asBoolean(), num(r, "reviewHoldShare", 0, 0.9), num(r, "scanFailureShare", 0, 1),
                service(r, "fix"));
        JsonNode g = obj(n, "green");
        Green green = new Green(num(g, "eligibleShare", 0, 1), num(g, "scanSeconds", 0, 3600));
        Adoption adoption = null;
        if (n.has("adoption")) {
            JsonNode d = obj(n, "adoption");
            adoption = new Adoption((int) num(d, "months", 1, 120), num(d, "maxShare", 0, 1), num(d, "midpointMonth", 0, 120),
                    num(d, "steepness", 0.01, 10), num(d, "labReportsPerMonth", 0, 1e9), num(d, "reportValidityMonths", 1, 120),
                    num(d, "consignmentsPerReport", 0.01, 1e6));
        }
        JsonNode pool = n.get("poolPorts");
        if (pool == null || !pool.isBoolean()) {
            throw new IllegalArgumentException("missing boolean 'poolPorts'");
        }
        String staffing = text(n, "staffing");
        if (!staffing.matches("constant|shifts")) {
            throw new IllegalArgumentException("'staffing' must be constant or shifts");
        }
        Scenario s = new Scenario(text(n, "name"), controls, List.copyOf(ports), pool.asBoolean(),
                staffing.equals("shifts") ? Staffing.SHIFTS : Staffing.CONSTANT, service(n, "documentReview"),
                service(n, "inspection"), service(n, "gatePassage"), policy, arrivals, rework, green, adoption);
        s.review.time();
        s.inspection.time();
        s.gate.time();
        return s;
    }

    /** This scenario as a file {@link #load} reads back. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("name", name);
        n.putObject("simulation").put("horizonHours", controls.horizonHours).put("warmupHours", controls.warmupHours)
                .put("replications", controls.replications).put("sweepReplications", controls.sweepReplications).put("seed", controls.seed);
        ArrayNode ps = n.putArray("ports");
        for (Port p : ports) {
            ps.addObject().put("name", p.name).put("arrivalsPerHour", p.arrivalsPerHour).put("reviewOfficers", p.reviewOfficers)
                    .put("inspectionTeams", p.inspectionTeams).put("gateLanes", p.gateLanes);
        }
        n.put("poolPorts", poolPorts);
        n.put("staffing", staffing == Staffing.SHIFTS ? "shifts" : "constant");
        service(n.putObject("documentReview"), review);
        service(n.putObject("inspection"), inspection);
        service(n.putObject("gatePassage"), gate);
        n.putObject("inspectionPolicy").put("share", inspectionPolicy.share)
                .put("targeting", inspectionPolicy.targeting == Targeting.RISK ? "risk" : "uniform")
                .put("greenShare", inspectionPolicy.greenShare).put("greenRiskRatio", inspectionPolicy.greenRiskRatio);
        ObjectNode a = n.putObject("arrivals");
        a.put("pattern", arrivals.pattern == Pattern.WEEKLY ? "weekly" : "poisson");
        ArrayNode wd = a.putArray("weekdayFactors");
        for (double v : arrivals.weekdayFactors) {
            wd.add(v);
        }
        ArrayNode hf = a.putArray("hourFactors");
        for (double v : arrivals.hourFactors) {
            hf.add(v);
        }
        ArrayNode ws = a.putArray("cutoffWaves");
        for (WeeklyProfile.Wave w : arrivals.cutoffWaves) {
            ws.addObject().put("weekday", w.weekday()).put("startHour", w.startHour()).put("hours", w.hours()).put("factor", w.factor());
        }
        ObjectNode r = n.putObject("rework");
        r.put("enabled", rework.enabled).put("reviewHoldShare", rework.reviewHoldShare).put("scanFailureShare", rework.scanFailureShare);
        service(r.putObject("fix"), rework.fix);
        n.putObject("green").put("eligibleShare", green.eligibleShare).put("scanSeconds", green.scanSeconds);
        if (adoption != null) {
            n.putObject("adoption").put("months", adoption.months).put("maxShare", adoption.maxShare)
                    .put("midpointMonth", adoption.midpointMonth).put("steepness", adoption.steepness)
                    .put("labReportsPerMonth", adoption.labReportsPerMonth).put("reportValidityMonths", adoption.reportValidityMonths)
                    .put("consignmentsPerReport", adoption.consignmentsPerReport);
        }
        return n;
    }

    private static void service(ObjectNode n, Service s) {
        n.put("distribution", s.distribution).put("meanMinutes", s.meanMinutes).put("cv", s.cv);
    }

    private static double[] factors(JsonNode n, String field, int count) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.size() != count) {
            throw new IllegalArgumentException("'arrivals." + field + "' must be an array of " + count + " numbers");
        }
        double[] f = new double[count];
        for (int i = 0; i < count; i++) {
            if (!v.get(i).isNumber() || v.get(i).asDouble() < 0) {
                throw new IllegalArgumentException("'arrivals." + field + "[" + i + "]' must be a number >= 0");
            }
            f[i] = v.get(i).asDouble();
        }
        return f;
    }

    private static JsonNode obj(JsonNode n, String field) {
        JsonNode s = n.get(field);
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException("missing object '" + field + "'");
        }
        return s;
    }

    private static Service service(JsonNode n, String field) {
        JsonNode s = obj(n, field);
        String dist = text(s, "distribution");
        if (!dist.matches("exponential|deterministic|lognormal|erlang")) {
            throw new IllegalArgumentException("'" + field + ".distribution' must be exponential, deterministic, lognormal or erlang");
        }
        double cv = s.has("cv") ? num(s, "cv", 0.01, 10) : 1.0;
        return new Service(dist, num(s, "meanMinutes", 0.0001, 100_000), cv);
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
