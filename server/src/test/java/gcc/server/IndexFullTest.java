package gcc.server;

import gcc.client.GateClient;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.registry.PersistentRegistry;
import gcc.registry.RegistryEvent;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pilot that outgrows its index: the admin API refuses with the setting to raise; the gate keeps deciding. */
class IndexFullTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseARegistrationBeyondTheIndexNamingTheSettingAndKeepDeciding() throws Exception {
        List<RegistryEvent> fill = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            fill.add(RegistryEvent.register(TestWorld.report(String.format("FL26-%06d", i)), "lab"));
        }
        try (PersistentRegistry r = PersistentRegistry.open(dir.resolve("registry"), 1_000, Clock.systemUTC())) {
            assertEquals(List.of(), r.submitAll(fill, 1_000, () -> { }));
        }
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.REGISTRY_ENTRIES, "1000")); GateClient c = s.client()) {
            ReportDocument last = TestWorld.report("NB26-400001");
            String code = s.world.issue(last, s.world.labA);
            assertEquals(201, s.post("/v1/admin/reports", ReportJson.toJson(last).toString(), s.token).statusCode());
            assertEquals(Outcome.RELEASE, s.verify(c, code, TestWorld.EXPORTER).outcome());

            HttpResponse<String> full = s.post("/v1/admin/reports",
                    ReportJson.toJson(TestWorld.report("NB26-400002")).toString(), s.token);
            assertEquals(409, full.statusCode(), full.body());
            assertTrue(full.body().contains("index is full") && full.body().contains("registry.entries"), full.body());
            assertEquals(Outcome.RELEASE, s.verify(c, code, TestWorld.EXPORTER).outcome(), "the gate keeps deciding");
            assertEquals(200, s.get("/health").statusCode());
        }
    }
}
