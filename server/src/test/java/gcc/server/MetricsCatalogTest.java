package gcc.server;

import gcc.report.ReportDocument;
import gcc.testkit.MetricNames;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric the docs ({@code docs/*.md}) and the Grafana dashboard ({@code docs/grafana/gate.json})
 * name is exported by a real server's {@code /metrics}; the Kafka-mode ones ({@code gcc_cluster_*})
 * by a port on a real broker ({@code ClusterOutageTest}).
 */
class MetricsCatalogTest {
    @TempDir
    Path dir;

    @Test
    void shouldExportEveryMetricTheDocsAndTheDashboardName() throws Exception {
        Map<String, String> referenced = MetricNames.referenced();
        assertTrue(referenced.containsKey("gcc_decision_duration_seconds_bucket"), "the dashboard's latency query is read");
        assertTrue(referenced.size() > 25, "names read: " + referenced.keySet());
        try (ServerFixture s = new ServerFixture(dir); var c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-930001");
            s.register(doc);
            s.verify(c, s.world.issue(doc, s.world.labA), TestWorld.EXPORTER);
            HttpResponse<String> m = s.get("/metrics");
            assertEquals(200, m.statusCode());
            assertTrue(m.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            Set<String> exported = MetricNames.exported(m.body());
            Map<String, String> missing = new TreeMap<>();
            referenced.forEach((name, where) -> {
                if (!name.startsWith("gcc_cluster_") && !exported.contains(name)) {
                    missing.put(name, where);
                }
            });
            assertEquals(Map.of(), missing, "named in the docs or the dashboard but not exported; exported: " + exported);
        }
    }

    @Test
    void shouldExportDecisionLatencyAsAHistogramInSecondsFrom10MicrosecondsTo10Seconds() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); var c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-930002");
            s.register(doc);
            s.verify(c, s.world.issue(doc, s.world.labA), TestWorld.EXPORTER);
            String body = s.get("/metrics").body();
            assertTrue(body.contains("# TYPE gcc_decision_duration_seconds histogram"), body);
            assertTrue(body.contains("gcc_decision_duration_seconds_bucket{le=\"1.0E-5\"}")
                    || body.contains("gcc_decision_duration_seconds_bucket{le=\"0.00001\"}"), body);
            assertTrue(body.contains("gcc_decision_duration_seconds_bucket{le=\"10.0\"}"), body);
            assertTrue(body.contains("gcc_decision_duration_seconds_bucket{le=\"+Inf\"} 1"), body);
            assertTrue(body.contains("gcc_decision_duration_seconds_count 1"), body);
        }
    }
}
