package gcc.decision;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reason table stays complete in both languages, and language choice follows the request. */
class ReasonTextTest {

    @Test
    void shouldHaveAnEnglishAndAChineseSummaryForEveryReason() {
        Set<String> zh = new HashSet<>();
        for (Reason r : Reason.values()) {
            String en = r.summary(Language.EN);
            String cn = r.summary(Language.ZH);
            assertFalse(en.isBlank(), r + " en");
            assertFalse(cn.isBlank(), r + " zh");
            assertTrue(en.chars().allMatch(c -> c < 0x80), r + " English summary is ASCII: " + en);
            assertTrue(cn.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), r + " Chinese summary has Han characters: " + cn);
            assertNotEquals(en, cn, r.name());
            assertTrue(zh.add(cn), "two reasons share the Chinese summary " + cn);
            assertEquals(en, r.summary());
        }
    }

    @Test
    void shouldRefuseATableMissingAReasonOrNamingAnUnknownOne() throws Exception {
        List<String> problems = new ArrayList<>();
        ReasonText.parse(new BufferedReader(new StringReader(
                "# comment\nMALFORMED_CODE\tbad\t坏\nNO_SUCH_REASON\tx\ty\nBAD_SIGNATURE\tonly english\t\n")), problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("NO_SUCH_REASON")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals("BAD_SIGNATURE has no ZH summary")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals("UNKNOWN_KEY has no EN summary")), problems.toString());
        assertFalse(problems.stream().anyMatch(p -> p.startsWith("MALFORMED_CODE")), problems.toString());
    }

    @Test
    void shouldPickTheLanguageOfAcceptLanguage() {
        assertEquals(Language.EN, Language.fromAcceptLanguage(null));
        assertEquals(Language.EN, Language.fromAcceptLanguage(""));
        assertEquals(Language.ZH, Language.fromAcceptLanguage("zh-CN"));
        assertEquals(Language.ZH, Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Language.EN, Language.fromAcceptLanguage("en-GB,en;q=0.9,zh;q=0.5"));
        assertEquals(Language.ZH, Language.fromAcceptLanguage("fr, zh-Hans;q=0.7"));
        assertEquals(Language.EN, Language.fromAcceptLanguage("fr, de;q=0.5"));
        assertEquals(Language.EN, Language.fromAcceptLanguage("zh;q=0, en;q=0.1"));
        assertEquals(Language.EN, Language.fromAcceptLanguage(";;;q=x,,"));
        assertEquals(Language.ZH, Language.parse("ZH"));
        assertEquals(Language.EN, Language.parse("en-US"));
    }
}
