package gcc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code gatectl audit}: find decisions and admin actions in the audit journal. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Query the audit journal (DATA/audit) by declaration, container, report, exporter, gate, outcome and time.",
                "Example: the decision for a shipment: gatectl audit --declaration 310420261000123456 --container CSQU3054383",
                "Example: every release of a recalled report: gatectl audit --report NB26-000123 --outcome RELEASE"})
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data)")
    Path data = Path.of("data");
    @Option(names = "--report", paramLabel = "ID")
    String report;
    @Option(names = "--declaration", paramLabel = "NUMBER", description = "customs declaration number a gate sent (protocol v2)")
    String declaration;
    @Option(names = "--container", paramLabel = "NUMBER", description = "container number a gate sent (protocol v2)")
    String container;
    @Option(names = "--exporter", paramLabel = "USCC")
    String exporter;
    @Option(names = "--gate", paramLabel = "ID")
    String gate;
    @Option(names = "--outcome", paramLabel = "RELEASE|HOLD|BUSY")
    String outcome;
    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "from this time (dates are UTC+8 midnight)")
    String from;
    @Option(names = "--to", paramLabel = "DATE|INSTANT", description = "up to (not including) this time")
    String to;
    @Option(names = "--format", description = "table or jsonl (default: ${DEFAULT-VALUE})")
    String format = "table";
    @Option(names = "--limit", description = "at most this many records (default: ${DEFAULT-VALUE})")
    long limit = 10_000;
    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
            description = "read the audit every port forwarded to Kafka (these bootstrap servers) instead of DATA/audit")
    String cluster;
    @Option(names = "--topic-prefix", paramLabel = "P", description = "shared topic prefix with --cluster (default: ${DEFAULT-VALUE})")
    String topicPrefix = "gcc.";

    @Override
    public Integer call() throws java.io.IOException {
        if (!format.equals("table") && !format.equals("jsonl")) {
            throw new IllegalArgumentException("--format must be table or jsonl");
        }
        Integer out = outcome == null ? null : switch (outcome) {
            case "RELEASE" -> 1;
            case "HOLD" -> 2;
            case "BUSY" -> 3;
            default -> throw new IllegalArgumentException("--outcome must be RELEASE, HOLD or BUSY");
        };
        AuditQuery.Filter f = new AuditQuery.Filter(report, exporter, gate, out, micros(from), micros(to), declaration,
                container);
        ObjectMapper json = new ObjectMapper();
        if (format.equals("table")) {
            System.out.printf("%-27s %-11s %-10s %4s %-18s %-14s %-7s %6s %s%n", "time", "source", "gate", "lane", "exporter",
                    "report", "outcome", "us", "reasons / action");
        }
        if (cluster != null) {
            return clusterWide(f, json);
        }
        long n = AuditQuery.scan(data.resolve("audit"), f, limit, r -> {
            if (format.equals("jsonl")) {
                System.out.println(jsonl(json, r));
            } else {
                System.out.printf("%-27s %-11s %-10s %4d %-18s %-14s %-7s %6d %s%n", r.time(), r.source(), r.gate(), r.lane(),
                        r.exporter(), r.reportId(), r.outcomeName(), r.micros(),
                        (r.action().isEmpty() ? String.join(",", r.reasonNames()) : r.actor() + ": " + r.action())
                                + (r.preCheck() ? " (pre-check for " + r.decidedForTime() + ", not a gate release)" : "")
                                + (r.declaration().isEmpty() && r.container().isEmpty() ? ""
                                : " [declaration " + r.declaration() + " container " + r.container() + "]"));
            }
        });
        if (n == 0) {
            System.err.println("no matching records");
        }
        return GateCtl.EXIT_OK;
    }

    /** Every port's forwarded audit, repeats dropped, oldest first, with a port column. */
    private Integer clusterWide(AuditQuery.Filter f, ObjectMapper json) throws java.io.IOException {
        long[] duplicates = new long[1];
        var records = gcc.cluster.ClusterAudit.read(cluster, topicPrefix, f, limit, duplicates);
        if (format.equals("table")) {
            System.out.printf("%-16s %-27s %-11s %-10s %4s %-18s %-14s %-7s %6s %s%n", "port", "time", "source", "gate", "lane",
                    "exporter", "report", "outcome", "us", "reasons / action");
        }
        for (var pr : records) {
            AuditRecord r = pr.record();
            if (format.equals("jsonl")) {
                ObjectNode o = (ObjectNode) json.readTree(jsonl(json, r));
                System.out.println(o.put("port", pr.port()).put("journalIndex", pr.index()));
            } else {
                System.out.printf("%-16s %-27s %-11s %-10s %4d %-18s %-14s %-7s %6d %s%n", pr.port(), r.time(), r.source(),
                        r.gate(), r.lane(), r.exporter(), r.reportId(), r.outcomeName(), r.micros(),
                        r.action().isEmpty() ? String.join(",", r.reasonNames()) : r.actor() + ": " + r.action());
            }
        }
        System.err.println(records.size() + " matching records from every port" + (duplicates[0] == 0 ? ""
                : " (" + duplicates[0] + " repeats sent by a restarted forwarder dropped)"));
        return GateCtl.EXIT_OK;
    }

    private static String jsonl(ObjectMapper json, AuditRecord r) {
        ObjectNode o = json.createObjectNode();
        o.put("time", r.time().toString()).put("source", r.source().name()).put("gate", r.gate()).put("lane", r.lane())
                .put("exporter", r.exporter()).put("reportId", r.reportId()).put("outcome", r.outcomeName())
                .put("micros", r.micros()).put("declaration", r.declaration()).put("container", r.container());
        if (r.preCheck()) {
            o.put("preCheck", true).put("decidedFor", r.decidedFor() == 0 ? null : r.decidedForTime().toString());
        }
        ArrayNode reasons = o.putArray("reasons");
        r.reasonNames().forEach(reasons::add);
        if (!r.action().isEmpty()) {
            o.put("actor", r.actor()).put("action", r.action());
        }
        return o.toString();
    }

    private static Long micros(String t) {
        if (t == null) {
            return null;
        }
        try {
            Instant i = t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.ofHours(8)).toInstant() : Instant.parse(t);
            return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time must be a date YYYY-MM-DD or an ISO instant: " + t);
        }
    }
}
