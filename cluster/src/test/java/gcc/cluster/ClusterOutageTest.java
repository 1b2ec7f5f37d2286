package gcc.cluster;

import gcc.cluster.harness.LocalBroker;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.report.ReportDocument;
import gcc.testkit.MetricNames;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static gcc.cluster.SharedBroker.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link to the cluster fails (the broker is killed) and returns (started again on its data). */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterOutageTest {
    /** The bound the policy shared from ningbo sets; each port's own setting says 5 s. */
    private static final long STALENESS_MS = 3_000;
    private static final long SETTING_MS = 5_000;
    private static LocalBroker broker;
    private final TestWorld world = new TestWorld();
    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SharedBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldKeepDecidingUntilTheStalenessBoundThenHoldAndCatchUpWhenTheBrokerReturns() throws Exception {
        java.nio.file.Path policy = tmp.resolve("policy.json");
        java.nio.file.Files.writeString(policy, gcc.policy.PolicyJson.builtInText()
                .replace("\"registryStalenessMs\": 5000", "\"registryStalenessMs\": " + STALENESS_MS)
                .replace("\"version\": \"", "\"version\": \"short-bound-"));
        try (PortFixture ningbo = new PortFixture(world, tmp.resolve("ningbo"), broker.bootstrap(), "o.", "ningbo", SETTING_MS, policy);
             PortFixture taicang = new PortFixture(world, tmp.resolve("taicang"), broker.bootstrap(), "o.", "taicang", SETTING_MS)) {
            assertTrue(eventually(60_000, () -> ningbo.node.health().ready() && taicang.node.health().ready()));
            assertEquals(5_000, taicang.node.health().registryLink().stalenessBoundMillis(), "the built-in policy's bound");
            // The bound is policy: shared from one port, it is in force at every port.
            assertEquals(200, ningbo.reloadPolicy().statusCode());
            assertTrue(eventually(5_000, () -> taicang.node.health().registryLink().stalenessBoundMillis() == STALENESS_MS),
                    "taicang took the bound from the policy ningbo shared");
            assertTrue(taicang.node.health().policyVersion().startsWith("short-bound-"));
            ReportDocument kept = TestWorld.report("OUT-1");
            ReportDocument revoked = TestWorld.report("OUT-2");
            assertEquals(201, ningbo.register(kept).statusCode());
            assertEquals(201, ningbo.register(revoked).statusCode());
            String keptCode = world.issue(kept, world.labA);
            String revokedCode = world.issue(revoked, world.labA);
            assertTrue(eventually(5_000, () -> taicang.verify(revokedCode).outcome() == Outcome.RELEASE));

            broker.kill();
            long ageAtKill = taicang.node.health().registryLink().freshnessAgeMillis();
            long asked = System.nanoTime();
            Outcome during = taicang.verify(keptCode).outcome();
            long tookMs = (System.nanoTime() - asked) / 1_000_000;
            if (ageAtKill + tookMs < STALENESS_MS - 200) {
                assertEquals(Outcome.RELEASE, during, "within the bound the port keeps deciding on its index");
            }
            assertTrue(eventually(STALENESS_MS + 5_000, () -> taicang.verify(keptCode).has(Reason.REGISTRY_STALE)),
                    "beyond the bound every decision holds as stale");
            // Stale exactly when the index was last confirmed current longer ago than the bound
            // (confirmations stop at the kill; on a busy machine the last one may come a little before it).
            gcc.registry.RegistryLink link = taicang.node.health().registryLink();
            assertTrue(link.stale() && link.freshnessAgeMillis() >= STALENESS_MS, link.toString());
            var notReady = taicang.get("/ready");
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("{\"name\":\"cluster\",\"ok\":false,") && notReady.body().contains("REGISTRY_STALE"),
                    "/ready names the unmet cluster condition: " + notReady.body());
            String metrics = taicang.get("/metrics").body();
            assertTrue(metrics.contains("gcc_cluster_stale 1"), metrics);
            java.util.Set<String> exported = MetricNames.exported(metrics);
            MetricNames.referenced().forEach((name, where) -> assertTrue(!name.startsWith("gcc_cluster_")
                    || exported.contains(name), name + " (named in " + where + ") is not exported in Kafka mode:\n" + metrics));
            assertTrue(ningbo.revoke(revoked.reportId()).statusCode() >= 400, "no change is acknowledged without the cluster");

            broker.restart();
            assertTrue(eventually(60_000, () -> taicang.verify(keptCode).outcome() == Outcome.RELEASE),
                    "caught up by itself once the broker is back");
            assertEquals(200, taicang.get("/ready").statusCode());
            assertEquals(200, ningbo.revoke(revoked.reportId()).statusCode());
            assertTrue(eventually(5_000, () -> taicang.verify(revokedCode).has(Reason.REPORT_REVOKED)));
            // The other port shows why, who and when, from the registry message.
            String report = taicang.get("/v1/reports/" + revoked.reportId()).body();
            assertTrue(report.contains("\"statusChange\":{\"change\":\"REVOKE\",\"reason\":\"recall\",\"actor\":"), report);
        }
    }
}
