package gcc.cbor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CborTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({"0,00", "10,0a", "23,17", "24,1818", "100,1864", "1000,1903e8", "1000000,1a000f4240",
            "1000000000000,1b000000e8d4a51000", "-1,20", "-10,29", "-100,3863", "-1000,3903e7",
            "9223372036854775807,1b7fffffffffffffff", "-9223372036854775808,3b7fffffffffffffff"})
    void shouldEncodeIntegersAsRfc8949AppendixA(long value, String hex) throws Exception {
        assertEquals(hex, HEX.formatHex(Cbor.encode(value)));
        assertEquals(value, Cbor.decode(HEX.parseHex(hex), CborLimits.CODE));
    }

    @Test
    void shouldSortMapKeysByEncodedBytes() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(10L, 1L);
        m.put(-1L, 2L);
        m.put(1L, 3L);
        m.put("a", 4L);
        // 01 < 0a < 20 < 61: unsigned, then negative, then text
        assertEquals("a401030a012002616104", HEX.formatHex(Cbor.encode(m)));
    }

    @Test
    void shouldRoundTripNestedValues() throws Exception {
        Object v = List.of(1L, "text", new byte[]{1, 2}, Map.of(1L, List.of()), Boolean.TRUE, Cbor.NULL,
                new CborTag(18, 7L));
        byte[] enc = Cbor.encode(v);
        assertArrayEquals(enc, Cbor.encode(Cbor.decode(enc, CborLimits.CODE)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "indefinite array,9f01ff",
            "indefinite byte string,5f4101ff",
            "break alone,ff",
            "non-shortest 1-byte int,1817",
            "non-shortest 2-byte int,1900ff",
            "non-shortest 4-byte int,1a0000ffff",
            "non-shortest 8-byte int,1b00000000ffffffff",
            "uint beyond long,1bffffffffffffffff",
            "half float,f93c00",
            "double,fb3ff0000000000000",
            "undefined,f7",
            "reserved additional info,1c",
            "trailing bytes,0101",
            "truncated byte string,4401",
            "truncated map,a201",
            "duplicate map key,a2010101 02",
            "unsorted map keys,a2020101 01",
            "non-integer map key,a1400101",
            "invalid utf-8,62c328",
            "empty input,''"
    })
    void shouldRejectWhatDeterministicEncodingForbids(String what, String hex) {
        byte[] in = HEX.parseHex(hex.replace(" ", ""));
        assertThrows(CborException.class, () -> Cbor.decode(in, CborLimits.CODE), what);
    }

    @Test
    void shouldCapDepthItemsAndStringLength() {
        CborLimits tight = new CborLimits(2, 2, 3);
        assertThrows(CborException.class, () -> Cbor.decode(HEX.parseHex("818101"), tight));
        assertThrows(CborException.class, () -> Cbor.decode(HEX.parseHex("83010203"), tight));
        assertThrows(CborException.class, () -> Cbor.decode(HEX.parseHex("4401020304"), tight));
        // a declared length far beyond the input fails fast, without allocating it
        assertThrows(CborException.class, () -> Cbor.decode(HEX.parseHex("5a7fffffff"), CborLimits.DOCUMENT));
        assertThrows(CborException.class, () -> Cbor.decode(HEX.parseHex("9a7fffffff"), CborLimits.DOCUMENT));
    }
}
