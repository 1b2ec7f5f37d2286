package gcc.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsccTest {
    @Test
    void shouldAcceptPublishedExampleAndRejectAnyOtherCheckCharacter() {
        // The example code printed in GB 32100-2015 guidance material.
        assertTrue(Uscc.isValid("91350100M000100Y43"));
        for (char c : "0123456789ABCDEFGHJKLMNPQRTUWXY".toCharArray()) {
            if (c != '3') {
                assertFalse(Uscc.isValid("91350100M000100Y4" + c));
            }
        }
        assertFalse(Uscc.isValid("91350100M000100Y4"));
        assertFalse(Uscc.isValid("91350100M000I00Y43"), "I is not in the alphabet");
        assertEquals('3', Uscc.checkCharacter("91350100M000100Y4"));
    }

    @Test
    void shouldPackAndUnpackIntoTwelveBytes() {
        Random r = new Random(1);
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 17; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String code = sb.append(Uscc.checkCharacter(sb)).toString();
            byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
            byte[] packed = Uscc.pack(ascii, 0);
            assertEquals(Uscc.PACKED_LENGTH, packed.length);
            assertArrayEquals(ascii, Uscc.unpack(packed));
        }
    }

    @Test
    void shouldUnpackExactlyAsBigIntegerArithmeticDoes() {
        Random r = new Random(7);
        java.math.BigInteger limit = java.math.BigInteger.valueOf(31).pow(18);
        for (int i = 0; i < 20_000; i++) {
            byte[] packed = new byte[Uscc.PACKED_LENGTH];
            r.nextBytes(packed);
            if (i % 2 == 0) {
                packed[0] = 0;
                packed[1] &= 0x03; // below 2^90, mostly under 31^18
            }
            java.math.BigInteger n = new java.math.BigInteger(1, packed);
            byte[] got = Uscc.unpack(packed);
            if (n.compareTo(limit) >= 0) {
                assertEquals(null, got, "31^18 or more is no USCC");
                continue;
            }
            StringBuilder want = new StringBuilder();
            String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            for (int d = 0; d < 18; d++) {
                java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(31));
                want.insert(0, alphabet.charAt(qr[1].intValue()));
                n = qr[0];
            }
            assertArrayEquals(want.toString().getBytes(StandardCharsets.US_ASCII), got);
            assertArrayEquals(packed, Uscc.pack(got, 0));
        }
    }
}
