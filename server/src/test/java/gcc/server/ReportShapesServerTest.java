package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.policy.Policy;
import gcc.policy.PolicyJson;
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.Reports;
import gcc.testkit.TestWorld;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.TrustList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real report shapes and a second product category through a real server. */
class ReportShapesServerTest {
    private static final String AGENT = Reports.uscc("91310115MA1K4QWE7");

    @TempDir
    Path dir;

    /** A feeding bottle series exported by its maker or its agent, with itemized figures for lead. */
    private static ReportDocument bottles() {
        ReportDocument base = TestWorld.report("NB26-FEED01");
        List<ItemResult> items = new ArrayList<>(base.items());
        for (int n : new int[]{12, 13, 14, 15, 19, 20}) {
            items.set(n - 1, ItemResult.notApplicable(n));
        }
        items.set(6, items.get(6).with(new ItemResult.Measurement("ND (< 5)", "<= 90", "mg/kg", "GB/T 30157-2013")));
        return base.withProfile(ReportDocument.IMPLIED_PROFILE, "feeding").withItems(items).withAgents(List.of(AGENT))
                .withProducts(List.of(new Product("3924100000", "FB-260"), new Product("3924100000", "FB-240")));
    }

    @Test
    void shouldRegisterAndShowARealReportAndReleaseItsAgentAndSeries() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = bottles();
            HttpResponse<String> created = s.post("/v1/admin/reports", ReportJson.toJson(doc).toString(), s.token);
            assertEquals(201, created.statusCode(), created.body());
            String code = s.world.issue(doc, s.world.labA);

            VerifyAnswer byAgent = c.verify(new GateRequest(code, AGENT, "3924100000/FB-240", "NGB-G01", 1));
            assertEquals(Outcome.RELEASE, byAgent.outcome(), byAgent.toString());
            VerifyAnswer wrongModel = c.verify(new GateRequest(code, AGENT, "3924100000/FB-999", "NGB-G01", 1));
            assertTrue(wrongModel.has(Reason.PRODUCT_MISMATCH), wrongModel.toString());
            assertTrue(c.verify(GateRequest.of(code, TestWorld.OTHER_EXPORTER, "NGB-G01")).has(Reason.EXPORTER_MISMATCH));

            JsonNode r = new ObjectMapper().readTree(s.get("/v1/reports/NB26-FEED01").body());
            assertEquals("feeding", r.get("productClass").asText());
            assertEquals("GB31701-2026.1", r.get("profile").asText());
            assertEquals(2, r.get("products").size());
            assertEquals(List.of(EXPORTER, AGENT), List.of(r.get("authorizedExporters").get(0).asText(),
                    r.get("authorizedExporters").get(1).asText()));
            assertEquals("NOT_APPLICABLE", r.get("items").get(11).get("result").asText());
            JsonNode lead = r.get("items").get(6);
            assertEquals("ND (< 5)", lead.get("value").asText(), r.toString());
            assertEquals("<= 90", lead.get("limit").asText());
            assertEquals("mg/kg", lead.get("unit").asText());
            assertEquals("GB/T 30157-2013", lead.get("method").asText());

            String bad = ReportJson.toJson(doc).toString().replace("NB26-FEED01", "NB26-FEED02")
                    .replace("\"NOT_APPLICABLE\"", "\"MAYBE\"");
            assertEquals(422, s.post("/v1/admin/reports", bad, s.token).statusCode());
        }
    }

    @Test
    void shouldDecideToysUnderTheExamplePolicyFileWithoutCode() throws Exception {
        Path policyFile = dir.resolve("policy.json");
        try (InputStream in = PolicyJson.class.getResourceAsStream("/gcc/policy/example-infant-and-toys.json")) {
            Files.write(policyFile, in.readAllBytes());
        }
        Policy policy = PolicyJson.load(policyFile);
        try (ServerFixture s = new ServerFixture(dir.resolve("data"), Map.of(Setting.POLICY_FILE, policyFile.toString()));
             GateClient c = s.client()) {
            // Customs accredits lab L1234 for toys too.
            TestWorld w = s.world;
            long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
            long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
            TrustList list = new TrustList(3, TestWorld.NOW.getEpochSecond(), List.of(new Lab("L1234", "Ningbo Testing Centre",
                    "CNAS L1234", List.of(TestWorld.STANDARD, "GB 6675-2014"),
                    List.of(TestWorld.key(w.labA, from, to, KeyStatus.ACTIVE)))));
            assertEquals(200, s.put("/v1/admin/trust-list", list.sign(w.root), s.token).statusCode());

            ReportDocument toy = toy("NB26-TOY001", 12, -1);
            s.register(toy);
            String code = gcc.code.ClearanceCode.issue(gcc.code.CodeIssuer.claims(toy, policy), w.labA);
            assertEquals(Outcome.RELEASE, s.verify(c, code, EXPORTER).outcome());

            ReportDocument failed = toy("NB26-TOY002", 12, 8);
            s.register(failed);
            VerifyAnswer a = s.verify(c, gcc.code.ClearanceCode.issue(gcc.code.CodeIssuer.claims(failed, policy), w.labA), EXPORTER);
            assertTrue(a.has(Reason.ITEM_FAILED), a.toString());
            HttpResponse<String> why = s.post("/v1/verify", "{\"code\":\"" + gcc.code.ClearanceCode.issue(
                    gcc.code.CodeIssuer.claims(failed, policy), w.labA) + "\",\"exporter\":\"" + EXPORTER + "\"}", null);
            assertTrue(why.body().contains("failed items 8 (migration of lead)"), why.body());

            ReportDocument scope = toy("NB26-TOY003", 10, -1);
            s.register(scope);
            VerifyAnswer b = s.verify(c, gcc.code.ClearanceCode.issue(gcc.code.CodeIssuer.claims(scope, policy), w.labA), EXPORTER);
            assertTrue(b.has(Reason.INCOMPLETE_SCOPE), "a toy report without the phthalate items: " + b);

            ReportDocument wooden = toy("NB26-TOY004", 10, -1);
            List<ItemResult> items = new ArrayList<>(wooden.items());
            items.add(ItemResult.notApplicable(11));
            items.add(ItemResult.notApplicable(12));
            wooden = wooden.withItems(items).withProfile("GB6675-2014.example-1", "wooden");
            s.register(wooden);
            assertEquals(Outcome.RELEASE, s.verify(c, gcc.code.ClearanceCode.issue(gcc.code.CodeIssuer.claims(wooden, policy),
                    w.labA), EXPORTER).outcome(), "phthalates are not applicable to a wooden toy");
        }
    }

    private static ReportDocument toy(String id, int items, int failItem) {
        List<ItemResult> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            list.add(new ItemResult(i, i != failItem, LocalDate.of(2026, 5, 2)));
        }
        return new ReportDocument(id, "L1234", "GB 6675-2014", "GB6675-2014.example-1", "", List.of(new Product("9503008900",
                "BLK-100")), EXPORTER, List.of(), LocalDate.of(2026, 5, 20), list, null);
    }
}
