package gcc.cluster;

import gcc.cluster.harness.LocalBroker;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static gcc.cluster.SharedBroker.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gate servers of several ports on one real broker, driven through their gate protocol and admin API. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SeveralPortsTest {
    private static LocalBroker broker;
    private final TestWorld world = new TestWorld();
    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SharedBroker.shared();
    }

    private PortFixture port(String prefix, String name) throws Exception {
        PortFixture p = new PortFixture(world, tmp.resolve(name), broker.bootstrap(), prefix, name, 5_000);
        assertTrue(eventually(60_000, () -> p.node.health().ready()), name + " never became ready");
        return p;
    }

    @Test
    void shouldReleaseAtEveryPortWhatOnePortRegisteredAndHoldWhatItRevoked() throws Exception {
        try (PortFixture ningbo = port("p1.", "ningbo"); PortFixture taicang = port("p1.", "taicang")) {
            ReportDocument doc = TestWorld.report("NB-GATE-1");
            assertEquals(201, ningbo.register(doc).statusCode());
            String code = world.issue(doc, world.labA);
            assertEquals(Outcome.RELEASE, ningbo.verify(code).outcome(), "in force at the writing port on its answer");
            assertTrue(eventually(5_000, () -> taicang.verify(code).outcome() == Outcome.RELEASE), "registered elsewhere, released here");

            assertEquals(200, taicang.revoke(doc.reportId()).statusCode());
            assertTrue(taicang.verify(code).has(Reason.REPORT_REVOKED), "held at once where it was revoked");
            assertTrue(eventually(5_000, () -> ningbo.verify(code).has(Reason.REPORT_REVOKED)), "and soon at the other port");
            assertEquals(409, ningbo.revoke(doc.reportId()).statusCode(), "the other port knows it is revoked");
        }
    }

    /** A report whose lead result carries its figures, as a lab's report does. */
    private static ReportDocument withFigures(String id) {
        ReportDocument base = TestWorld.report(id);
        java.util.List<gcc.report.ItemResult> items = new java.util.ArrayList<>(base.items());
        items.set(6, items.get(6).with(new gcc.report.ItemResult.Measurement("ND (< 5)", "<= 90", "mg/kg", "GB/T 30157-2013")));
        return base.withItems(items);
    }

    private static void assertFigures(PortFixture at, String id, String status) throws Exception {
        var answer = at.get("/v1/reports/" + id);
        assertEquals(200, answer.statusCode(), answer.body());
        var r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertEquals(status, r.get("status").asText(), answer.body());
        var lead = r.get("items").get(6);
        assertEquals("ND (< 5)", lead.path("value").asText(), "item 7's figures from the topic: " + answer.body());
        assertEquals("<= 90", lead.path("limit").asText());
        assertEquals("mg/kg", lead.path("unit").asText());
        assertEquals("GB/T 30157-2013", lead.path("method").asText());
    }

    @Test
    void shouldShowTheItemizedFiguresAtEveryPortFromWhatTheTopicCarries() throws Exception {
        ReportDocument doc = withFigures("NB-ITEMS-1");
        try (PortFixture ningbo = port("p4.", "ningbo"); PortFixture taicang = port("p4.", "taicang")) {
            assertEquals(201, ningbo.register(doc).statusCode());
            assertFigures(ningbo, doc.reportId(), "ACTIVE");
            assertTrue(eventually(5_000, () -> taicang.node.health().registryEntries() == 1));
            assertFigures(taicang, doc.reportId(), "ACTIVE");
            // The revocation's message repeats the document, so the latest message per report
            // (all that compaction keeps) still carries the figures.
            assertEquals(200, taicang.revoke(doc.reportId()).statusCode());
            assertTrue(eventually(5_000, () -> ningbo.verify(world.issue(doc, world.labA)).has(Reason.REPORT_REVOKED)));
            assertFigures(ningbo, doc.reportId(), "REVOKED");
        }
        try (PortFixture late = port("p4.", "lianyungang")) { // bootstraps from the topic
            assertFigures(late, doc.reportId(), "REVOKED");
        }
    }

    @Test
    void shouldPutATrustListChangeAtOnePortInForceAtAll() throws Exception {
        try (PortFixture shanghai = port("p2.", "shanghai"); PortFixture taicang = port("p2.", "taicang")) {
            ReportDocument doc = TestWorld.report("SH-KEY-1");
            assertEquals(201, shanghai.register(doc).statusCode());
            String code = world.issue(doc, world.revokedKey);
            assertTrue(eventually(5_000, () -> taicang.verify(code).outcome() == Outcome.RELEASE), "key active in trust list v2");

            var answer = shanghai.putTrustList(world.trustList(3, KeyStatus.REVOKED).sign(world.root));
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(shanghai.verify(code).has(Reason.KEY_REVOKED), "in force where it was loaded");
            assertTrue(eventually(5_000, () -> taicang.verify(code).has(Reason.KEY_REVOKED)), "and at the other port");
            assertEquals(422, taicang.putTrustList(world.trustList(3, KeyStatus.ACTIVE).sign(world.root)).statusCode(),
                    "an older or equal version is refused everywhere");
            assertEquals(422, taicang.putTrustList(world.trustList(9, KeyStatus.ACTIVE).sign(world.labA)).statusCode(),
                    "a list not signed by the customs root never reaches the cluster");
        }
        // A port joining later takes the shared list from the topic, not its own older file.
        try (PortFixture late = port("p2.", "ningbo")) {
            assertTrue(eventually(5_000, () -> late.node.health().trustListVersion() == 3));
        }
    }

    @Test
    void shouldForwardEveryPortsAuditWithoutGapsOrRepeatsAcrossARestart() throws Exception {
        ReportDocument doc = TestWorld.report("AU-1");
        String code = world.issue(doc, world.labA);
        try (PortFixture ningbo = port("p3.", "ningbo"); PortFixture taicang = port("p3.", "taicang")) {
            assertEquals(201, ningbo.register(doc).statusCode());
            assertTrue(eventually(5_000, () -> taicang.verify(code).outcome() == Outcome.RELEASE));
            for (int i = 0; i < 20; i++) {
                ningbo.verify(code);
                taicang.verify(code);
            }
        }
        try (PortFixture taicang = port("p3.", "taicang")) { // the same data directory: restarted
            for (int i = 0; i < 10; i++) {
                taicang.verify(code);
            }
        }
        gcc.audit.AuditQuery.Filter decisions = new gcc.audit.AuditQuery.Filter("AU-1", null, null, 1, null, null);
        var records = ClusterAudit.read(broker.bootstrap(), "p3.", decisions, 10_000, new long[1]);
        long atNingbo = records.stream().filter(r -> r.port().equals("ningbo")).count();
        long atTaicang = records.stream().filter(r -> r.port().equals("taicang")).count();
        assertEquals(20, atNingbo, "every release at ningbo, once");
        assertTrue(atTaicang >= 30, "every release at taicang before and after its restart: " + atTaicang);
        long distinct = records.stream().map(r -> r.port() + r.index()).distinct().count();
        assertEquals(records.size(), distinct, "no record twice");
        var local = new java.util.ArrayList<gcc.audit.AuditRecord>();
        gcc.audit.AuditQuery.scan(tmp.resolve("taicang/audit"), decisions, 10_000, local::add);
        assertEquals(local.size(), atTaicang, "the cluster holds exactly what the port's own journal holds");
    }
}
