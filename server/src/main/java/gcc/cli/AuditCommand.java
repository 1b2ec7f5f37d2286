package gcc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatectl audit}: find decisions and admin actions in the audit journal. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Query the audit journal (DATA/audit) by declaration, container, report, exporter, gate, outcome and time.",
                "Example: every release of a recalled report: gatectl audit --report NB26-000123 --outcome RELEASE",
                "Example: the decision for a shipment: gatectl audit --declaration 310420261000123456 --container CSQU3054383"})
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data)")
    Path data = Path.of("data");
    @Option(names = "--declaration", paramLabel = "NUMBER", description = "customs declaration (entry) number the gate sent")
    String declaration;
    @Option(names = "--container", paramLabel = "NUMBER", description = "container number the gate sent (ISO 6346)")
    String container;
    @Option(names = "--report", paramLabel = "ID")
    String report;
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
        AuditQuery.Filter f = new AuditQuery.Filter(report, exporter, gate, out, AuditQuery.micros(from), AuditQuery.micros(to),
                declaration, container);
        ObjectMapper json = new ObjectMapper();
        if (format.equals("table")) {
            System.out.printf("%-27s %-11s %-10s %4s %-18s %-14s %-18s %-11s %-7s %6s %s%n", "time", "source", "gate", "lane",
                    "exporter", "report", "declaration", "container", "outcome", "us", "reasons / action");
        }
        if (cluster != null) {
            return clusterWide(f, json);
        }
        long n = AuditQuery.scan(data.resolve("audit"), f, limit, r -> {
            if (format.equals("jsonl")) {
                System.out.println(jsonl(json, r));
            } else {
                System.out.printf("%-27s %-11s %-10s %4d %-18s %-14s %-18s %-11s %-7s %6d %s%n", r.time(), r.source(), r.gate(),
                        r.lane(), r.exporter(), r.reportId(), dash(r.declaration()), dash(r.container()), r.outcomeName(), r.micros(),
                        (r.action().isEmpty() ? String.join(",", r.reasonNames()) : r.actor() + ": " + r.action())
                                + (r.preCheck() ? " (pre-check for " + r.decidedForTime() + ", not a gate release)" : ""));
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
        return gcc.audit.AuditJson.of(r).toString();
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
