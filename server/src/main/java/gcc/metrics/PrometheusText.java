package gcc.metrics;

import gcc.decision.Reason;
import gcc.transport.WorkerPool;
import gcc.verify.SignatureMemo;
import org.HdrHistogram.Histogram;

/**
 * Renders the node's counters in the Prometheus text exposition format (version 0.0.4). Called
 * by the metrics endpoint on scrape; allocates freely, the hot path never calls it.
 *
 * <p>Metric names (all prefixed {@code gcc_}) are listed in {@code docs/operations.md}.
 */
public final class PrometheusText {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private final GateMetrics m;
    private final SignatureMemo memo;
    private final WorkerPool workers;
    private final NodeHealth health;

    public PrometheusText(GateMetrics metrics, SignatureMemo memo, WorkerPool workers, NodeHealth health) {
        this.m = metrics;
        this.memo = memo;
        this.workers = workers;
        this.health = health;
    }

    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        type(sb, "gcc_decisions_total", "counter", "decisions by outcome (gate and HTTP)");
        sb.append("gcc_decisions_total{outcome=\"release\"} ").append(m.released()).append('\n');
        sb.append("gcc_decisions_total{outcome=\"hold\"} ").append(m.held()).append('\n');
        sb.append("gcc_decisions_total{outcome=\"busy\"} ").append(m.busyCount()).append('\n');
        type(sb, "gcc_http_decisions_total", "counter", "decisions asked over HTTP (pre-validation)");
        sb.append("gcc_http_decisions_total ").append(m.httpDecisions()).append('\n');
        type(sb, "gcc_hold_reasons_total", "counter", "reasons found in decisions");
        for (Reason r : Reason.values()) {
            sb.append("gcc_hold_reasons_total{reason=\"").append(r.name()).append("\"} ").append(m.reasonCount(r)).append('\n');
        }
        summary(sb, "gcc_decide_latency_microseconds", "server-side decision time, receipt to answer", m.decideLatency().snapshot());
        summary(sb, "gcc_signature_check_latency_microseconds", "signature checks on memo misses", m.signatureLatency().snapshot());
        long hits = memo.hits();
        long misses = memo.misses();
        type(sb, "gcc_memo_hits_total", "counter", "verified-signature memo hits");
        sb.append("gcc_memo_hits_total ").append(hits).append('\n');
        type(sb, "gcc_memo_misses_total", "counter", "verified-signature memo misses");
        sb.append("gcc_memo_misses_total ").append(misses).append('\n');
        gauge(sb, "gcc_memo_hit_ratio", "memo hits over lookups since start", hits + misses == 0 ? 0 : (double) hits / (hits + misses));
        gauge(sb, "gcc_worker_queue_depth", "signature checks waiting for a worker", workers.queueDepth());
        type(sb, "gcc_busy_total", "counter", "requests answered BUSY because the worker queue was full");
        sb.append("gcc_busy_total ").append(m.busyCount()).append('\n');
        gauge(sb, "gcc_open_connections", "open gate connections", m.openConnections());
        type(sb, "gcc_protocol_errors_total", "counter", "gate connections closed for a protocol error");
        sb.append("gcc_protocol_errors_total ").append(m.protocolErrors()).append('\n');
        type(sb, "gcc_connections_refused_total", "counter", "connections closed at accept: the listener had its maximum open");
        sb.append("gcc_connections_refused_total ").append(m.connectionsRefused()).append('\n');
        type(sb, "gcc_frame_deadline_total", "counter", "gate connections closed because a started frame was not completed in time");
        sb.append("gcc_frame_deadline_total ").append(m.frameDeadlinesMissed()).append('\n');
        type(sb, "gcc_idle_reaped_total", "counter", "gate connections closed for silence");
        sb.append("gcc_idle_reaped_total ").append(m.idleReapedCount()).append('\n');
        gauge(sb, "gcc_registry_entries", "reports in the registry index", health.registryEntries());
        gauge(sb, "gcc_registry_last_sequence", "last journal sequence applied to the index", health.registryLastSequence());
        gauge(sb, "gcc_registry_ready", "1 when the index is open and current", health.registryReady() ? 1 : 0);
        gauge(sb, "gcc_trust_list_version", "version of the trust list in force (0 = none)", health.trustListVersion());
        gauge(sb, "gcc_audit_healthy", "1 when decisions can be recorded", health.auditHealthy() ? 1 : 0);
        type(sb, "gcc_audit_rejected_total", "counter", "decisions held because the audit could not take them");
        sb.append("gcc_audit_rejected_total ").append(m.auditRejectedCount()).append('\n');
        type(sb, "gcc_internal_errors_total", "counter", "internal errors (decisions held for INTERNAL_ERROR, HTTP 500s), each logged");
        sb.append("gcc_internal_errors_total ").append(m.internalErrorCount()).append('\n');
        gauge(sb, "gcc_ready", "1 when the node answers /ready with 200", health.ready() ? 1 : 0);
        gcc.registry.RegistryLink link = health.registryLink();
        if (link != null) {
            gauge(sb, "gcc_cluster_lag", "registry messages in the topic not yet applied here (-1 before the first contact)", link.lag());
            gauge(sb, "gcc_cluster_applied_offset", "next registry topic offset to apply", link.appliedOffset());
            gauge(sb, "gcc_cluster_last_contact_seconds", "epoch seconds of the last answer from the cluster (0 = never)",
                    link.lastContactMillis() / 1000.0);
            gauge(sb, "gcc_cluster_confirmed_age_seconds", "since the index was last confirmed current by the cluster",
                    link.freshnessAgeMillis() / 1000.0);
            gauge(sb, "gcc_cluster_stale", "1 while decisions hold with REGISTRY_STALE", link.stale() ? 1 : 0);
            gauge(sb, "gcc_cluster_staleness_bound_seconds", "the staleness bound", link.stalenessBoundMillis() / 1000.0);
            type(sb, "gcc_cluster_applied_messages_total", "counter", "registry messages applied since start");
            sb.append("gcc_cluster_applied_messages_total ").append(link.appliedMessages()).append('\n');
            type(sb, "gcc_cluster_undecodable_total", "counter", "registry messages this port could not read (their reports hold)");
            sb.append("gcc_cluster_undecodable_total ").append(link.undecodable()).append('\n');
        }
        return sb.toString();
    }

    private static void type(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        type(sb, name, "gauge", help);
        sb.append(name).append(' ');
        if (value == Math.rint(value)) {
            sb.append((long) value);
        } else {
            sb.append(value);
        }
        sb.append('\n');
    }

    private static void summary(StringBuilder sb, String name, String help, Histogram h) {
        type(sb, name, "summary", help);
        for (double q : QUANTILES) {
            sb.append(name).append("{quantile=\"").append(q).append("\"} ")
                    .append(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(q * 100)).append('\n');
        }
        sb.append(name).append("_sum ").append((long) (h.getMean() * h.getTotalCount())).append('\n');
        sb.append(name).append("_count ").append(h.getTotalCount()).append('\n');
        type(sb, name.replace("_microseconds", "_max_microseconds"), "gauge", help + " (maximum)");
        sb.append(name.replace("_microseconds", "_max_microseconds")).append(' ').append(h.getMaxValue()).append('\n');
    }
}
