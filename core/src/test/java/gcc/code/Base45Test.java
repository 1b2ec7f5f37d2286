package gcc.code;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base45Test {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"AB|BB8", "Hello!!|%69 VD92EX0", "base-45|UJCLQE7W581", "ietf!|QED8WEX0"})
    void shouldMatchRfc9285Examples(String plain, String encoded) throws Exception {
        assertEquals(encoded, Base45.encode(plain.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(plain, new String(Base45.decode(encoded), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GGW", "A", "ABCD", "ab", "::~", "Z Z"})
    void shouldRejectInvalidBase45(String text) {
        assertThrows(MalformedCodeException.class, () -> Base45.decode(text));
    }
}
