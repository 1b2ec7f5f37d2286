package gcc.bench;

import gcc.metrics.GateMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What counting one decision costs the deciding thread: our counters and lock-free latency
 * histogram ({@link GateMetrics#decided}, what the hit path calls) against the same counting with
 * the Prometheus client's own stateful {@code Counter} and classic {@code Histogram} (exemplars
 * off). Each alone on one thread ({@code ours}, {@code client}), and each while a second thread
 * scrapes without pause ({@code oursScraped}, {@code clientScraped}: the worst case of a scrape,
 * when the client's histogram takes its lock and buffers). A decision here is a HOLD with two
 * reasons, 40 µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Group)
public class MetricsBench {
    private static final long TWO_REASONS = (1L << 3) | (1L << 9);
    private static final double[] BUCKETS = {1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2,
            5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private GateMetrics ours;
    private PrometheusRegistry oursRegistry;
    private CounterDataPoint clientRelease;
    private CounterDataPoint clientHold;
    private CounterDataPoint[] clientReasons;
    private DistributionDataPoint clientLatency;
    private PrometheusRegistry clientRegistry;

    @Setup
    public void setup() {
        ours = new GateMetrics();
        oursRegistry = new PrometheusRegistry();
        CounterWithCallback.builder().name("ours_decisions").labelNames("outcome").callback(cb -> {
            cb.call(ours.released(), "release");
            cb.call(ours.held(), "hold");
        }).register(oursRegistry);
        oursRegistry.register(() -> ours.decideLatency().snapshot());

        clientRegistry = new PrometheusRegistry();
        Counter decisions = Counter.builder().name("client_decisions").labelNames("outcome").withoutExemplars()
                .register(clientRegistry);
        clientRelease = decisions.labelValues("release");
        clientHold = decisions.labelValues("hold");
        Counter reasons = Counter.builder().name("client_reasons").labelNames("reason").withoutExemplars()
                .register(clientRegistry);
        clientReasons = new CounterDataPoint[64];
        for (int i = 0; i < clientReasons.length; i++) {
            clientReasons[i] = reasons.labelValues("r" + i);
        }
        clientLatency = Histogram.builder().name("client_decision_duration_seconds").classicOnly()
                .classicUpperBounds(BUCKETS).withoutExemplars().register(clientRegistry);
    }

    private void oursDecided() {
        ours.decided(false, TWO_REASONS, 40, GateMetrics.Channel.GATE);
    }

    private void clientDecided() {
        clientHold.inc();
        long m = TWO_REASONS;
        while (m != 0) {
            int bit = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            clientReasons[bit].inc();
        }
        clientLatency.observe(40 / 1e6);
    }

    @Benchmark
    @Group("ours")
    @GroupThreads(1)
    public void ours() {
        oursDecided();
    }

    @Benchmark
    @Group("client")
    @GroupThreads(1)
    public void client() {
        clientDecided();
    }

    @Benchmark
    @Group("oursScraped")
    @GroupThreads(1)
    public void oursWhileScraped() {
        oursDecided();
    }

    @Benchmark
    @Group("oursScraped")
    @GroupThreads(1)
    public MetricSnapshots oursScrape() {
        return oursRegistry.scrape();
    }

    @Benchmark
    @Group("clientScraped")
    @GroupThreads(1)
    public void clientWhileScraped() {
        clientDecided();
    }

    @Benchmark
    @Group("clientScraped")
    @GroupThreads(1)
    public MetricSnapshots clientScrape() {
        return clientRegistry.scrape();
    }
}
