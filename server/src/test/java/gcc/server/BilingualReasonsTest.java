package gcc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gcc.client.GateClient;
import gcc.client.VerifyAnswer;
import gcc.decision.Language;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reasons in Chinese and English through a real server: HTTP by Accept-Language, the gate SDK both. */
class BilingualReasonsTest {
    @TempDir
    Path dir;

    private static JsonNode verify(ServerFixture s, String code, String at, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/v1/verify")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"exporter\":\"" + EXPORTER
                        + "\",\"at\":\"" + at + "\"}"));
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(acceptLanguage != null && acceptLanguage.startsWith("zh") ? "zh-CN" : "en",
                r.headers().firstValue("content-language").orElse(""));
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void shouldExplainAHoldInChineseWhenAskedAndInEnglishOtherwise() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = gcc.testkit.Reports.report("NB26-ZH0001", TestWorld.STANDARD, EXPORTER, 21, 9, LocalDate.of(2026, 5, 2));
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);

            JsonNode zh = verify(s, code, "2026-12-01", "zh-CN,zh;q=0.9,en;q=0.5");
            assertEquals("HOLD", zh.get("outcome").asText());
            assertEquals("zh-CN", zh.get("lang").asText());
            JsonNode failed = find(zh, "ITEM_FAILED");
            assertEquals("有检测项目不合格", failed.get("summary").asText());
            assertEquals("不合格项目：9（锑（修订限量））", failed.get("detail").asText(), "item names come from the built-in policy");
            assertEquals("failed items 9 (antimony)", failed.get("en").get("detail").asText());
            JsonNode expired = find(zh, "ITEM_EXPIRED");
            assertTrue(expired.get("detail").asText().contains("附件抗拉强力") && expired.get("detail").asText().contains("起失效"),
                    expired.toString());

            JsonNode en = verify(s, code, "2026-12-01", null);
            assertEquals("item failed", find(en, "ITEM_FAILED").get("summary").asText());
            assertEquals("failed items 9 (antimony)", find(en, "ITEM_FAILED").get("detail").asText());
            assertEquals("不合格项目：9（锑（修订限量））", find(en, "ITEM_FAILED").get("zh").get("detail").asText());

            VerifyAnswer a = s.verify(c, code, EXPORTER);
            List<String> cn = a.summaries(Language.ZH);
            assertTrue(cn.contains("有检测项目不合格"), cn.toString());
            assertTrue(a.summaries(Language.EN).contains("item failed"), a.toString());
        }
    }

    private static JsonNode find(JsonNode decision, String reason) {
        for (JsonNode r : decision.get("reasons")) {
            if (r.get("reason").asText().equals(reason)) {
                return r;
            }
        }
        throw new AssertionError(reason + " missing from " + decision);
    }
}
