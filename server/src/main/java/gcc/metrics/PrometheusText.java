package gcc.metrics;

import gcc.decision.Reason;
import gcc.registry.RegistryLink;
import gcc.transport.WorkerPool;
import gcc.verify.SignatureMemo;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's metrics as the Prometheus Java client models and writes them (text exposition
 * 0.0.4). The hot path keeps its own allocation-free counters ({@link GateMetrics}); the client
 * reads them through callbacks on scrape, so a scrape allocates freely and a decision never
 * waits for one.
 *
 * <p>Metric names (all prefixed {@code gcc_}, base units, counters ending in {@code _total}) are
 * listed in {@code docs/operations.md}; a test checks every name the docs and the Grafana
 * dashboard use is exported.
 */
public final class PrometheusText {
    /** The content type of {@link #render()}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusText(GateMetrics m, SignatureMemo memo, WorkerPool workers, NodeHealth health) {
        CounterWithCallback.builder().name("gcc_decisions").help("decisions by outcome (gate and HTTP); busy: answered BUSY")
                .labelNames("outcome").callback(cb -> {
                    cb.call(m.released(), "release");
                    cb.call(m.held(), "hold");
                    cb.call(m.busyCount(), "busy");
                }).register(registry);
        counter("gcc_http_decisions", "decisions asked over HTTP (pre-validation)", m::httpDecisions);
        CounterWithCallback.builder().name("gcc_hold_reasons").help("reasons found in decisions, by name")
                .labelNames("reason").callback(cb -> {
                    for (Reason r : Reason.values()) {
                        cb.call(m.reasonCount(r), r.name());
                    }
                }).register(registry);
        registry.register(() -> m.decideLatency().snapshot());
        registry.register(() -> m.signatureLatency().snapshot());
        counter("gcc_memo_hits", "verified-signature memo hits", memo::hits);
        counter("gcc_memo_misses", "verified-signature memo misses", memo::misses);
        gauge("gcc_memo_hit_ratio", "memo hits over lookups since start", () -> {
            long hits = memo.hits();
            long lookups = hits + memo.misses();
            return lookups == 0 ? 0 : (double) hits / lookups;
        });
        gauge("gcc_worker_queue_depth", "signature checks waiting for a worker", workers::queueDepth);
        counter("gcc_busy", "requests answered BUSY (gate) or 503 (HTTP) because the worker queue was full", m::busyCount);
        gauge("gcc_open_connections", "open gate connections", m::openConnections);
        counter("gcc_protocol_errors", "gate connections closed for a protocol error", m::protocolErrors);
        counter("gcc_connections_refused", "connections closed at accept: the listener had its maximum open",
                m::connectionsRefused);
        counter("gcc_frame_deadline", "gate connections closed because a started frame was not completed in time",
                m::frameDeadlinesMissed);
        counter("gcc_idle_reaped", "gate connections closed for silence", m::idleReapedCount);
        counter("gcc_receive_buffers_exhausted", "gate reads that found every lent io_uring receive buffer held (io.receive-buffers too small)",
                m::receiveBuffersExhaustedCount);
        gauge("gcc_registry_entries", "reports in the registry index", health::registryEntries);
        gauge("gcc_registry_last_sequence", "last journal sequence applied to the index", health::registryLastSequence);
        gauge("gcc_registry_ready", "1 when the index is open and current", () -> health.registryReady() ? 1 : 0);
        gauge("gcc_trust_list_version", "version of the trust list in force (0 = none)", health::trustListVersion);
        gauge("gcc_audit_healthy", "1 when decisions can be recorded", () -> health.auditHealthy() ? 1 : 0);
        counter("gcc_audit_rejected", "decisions held because the audit could not take them", m::auditRejectedCount);
        counter("gcc_internal_errors", "internal errors (decisions held for INTERNAL_ERROR, HTTP 500s), each logged",
                m::internalErrorCount);
        gauge("gcc_ready", "1 when the node answers /ready with 200", () -> health.ready() ? 1 : 0);
        // Kafka mode only: a single port has no link, and these families stay empty (not written).
        linkGauge(health, "gcc_cluster_lag", "registry messages in the topic not yet applied here (-1 before the first contact)",
                RegistryLink::lag);
        linkGauge(health, "gcc_cluster_applied_offset", "next registry topic offset to apply", RegistryLink::appliedOffset);
        linkGauge(health, "gcc_cluster_last_contact_timestamp_seconds",
                "epoch seconds of the last answer from the cluster (0 = never)", l -> l.lastContactMillis() / 1000.0);
        linkGauge(health, "gcc_cluster_confirmed_age_seconds", "since the index was last confirmed current by the cluster",
                l -> l.freshnessAgeMillis() / 1000.0);
        linkGauge(health, "gcc_cluster_stale", "1 while decisions hold with REGISTRY_STALE", l -> l.stale() ? 1 : 0);
        linkGauge(health, "gcc_cluster_staleness_bound_seconds", "the staleness bound", l -> l.stalenessBoundMillis() / 1000.0);
        linkCounter(health, "gcc_cluster_applied_messages", "registry messages applied since start", RegistryLink::appliedMessages);
        linkCounter(health, "gcc_cluster_undecodable", "registry messages this port could not read (their reports hold)",
                RegistryLink::undecodable);
    }

    /** Every metric in the Prometheus text format, read now. */
    public String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void counter(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    private void linkGauge(NodeHealth health, String name, String help, ToDoubleFunction<RegistryLink> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            RegistryLink link = health.registryLink();
            if (link != null) {
                cb.call(value.applyAsDouble(link));
            }
        }).register(registry);
    }

    private void linkCounter(NodeHealth health, String name, String help, ToDoubleFunction<RegistryLink> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> {
            RegistryLink link = health.registryLink();
            if (link != null) {
                cb.call(value.applyAsDouble(link));
            }
        }).register(registry);
    }
}
