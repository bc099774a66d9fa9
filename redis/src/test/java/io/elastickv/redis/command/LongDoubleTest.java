package io.elastickv.redis.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link LongDouble} on its own; every expected text here is what redis-server 7 on x86-64 replied. */
class LongDoubleTest {
    @Test
    void addsAndPrintsAsRedis() {
        assertSums(new String[][] {
            {"10.50", "0.1", "10.6"},
            {"10.6", "5.0e3", "5010.60000000000000009"},
            // A double would print 0.30000000000000004; 64 bits of significand round back to 0.3.
            {"0.1", "0.2", "0.3"},
            {"-5", "2.25", "-2.75"},
            {"3.14159265358979323846", "-0.5", "2.64159265358979324"},
            {"0x10", "0x1p3", "24"},
            {"24", ".5", "24.5"},
            {"24.5", "5.", "29.5"},
            {"29.5", "+5", "34.5"},
        });
    }

    @Test
    void roundsToSixtyFourBits() {
        assertSums(new String[][] {
            {"18446744073709551615", "0", "18446744073709551615"},
            // 2^64 + 1 needs 65 bits: halfway, to even.
            {"18446744073709551617", "0", "18446744073709551616"},
            // 1e20 has 67 bits, so its last place is 8 and a half is lost.
            {"1e20", "0.5", "100000000000000000000"},
            {"1", "1e-4940", "1"},
        });
    }

    @Test
    void printsSeventeenDecimalsHalfToEven() {
        assertSums(new String[][] {
            // 0.000003814697265625 is 2^-18 exactly: its 18th decimal 5 is a tie, kept even.
            {"0", "0.000003814697265625", "0.00000381469726562"},
            {"-1", "0.99999999999999999999", "0"},
            {"0", "-0.00000000000000000001", "0"},
            {"0", "-0.00000000000000001", "-0.00000000000000001"},
            {"-0", "-0", "0"},
        });
        assertEquals("0", new String(LongDouble.ZERO.format(), StandardCharsets.US_ASCII));
    }

    @Test
    void printsHugeValuesInFull() {
        final String text = sum("0", "1e400");
        assertEquals(401, text.length());
        assertTrue(text.startsWith("10000000000000000000281880683947586514586453433629052038625910693539685534"), text);
        assertTrue(text.endsWith("734806343732497430221946880"), text);
        assertEquals(4933, sum("1.18973149535723176502e4932", "0").length());
    }

    @Test
    void refusesWhatStringToLongDoubleRefuses() {
        for (final String text : new String[] {"", " 1", "1 ", "1e", "1e+", "e5", ".", "-", "+-5", "1.5.3", "0x",
            "0x1p", "0xg", "nan", "-nan", "infinit", "1\u0000", "1e5000", "1.2e4932", "1e-5000", "1e-4952",
            "0x1p16384", "0x1p-16446", "\u00b2"}) {
            assertNull(LongDouble.parse(bytes(text)), () -> "parsed '" + text + "'");
        }
        // string2ld copies the text into a 5120-byte buffer with its terminator.
        assertNull(LongDouble.parse(bytes("1." + "0".repeat(5117) + "1")), "5120 bytes");
        assertEquals("2", sum("1." + "0".repeat(5116) + "1", "1"), "5119 bytes");
    }

    @Test
    void acceptsSubnormalsAndZeroWithAnyExponent() {
        assertNotNull(LongDouble.parse(bytes("0x1p-16445")));
        assertNotNull(LongDouble.parse(bytes("0x1.8p-16446")));
        assertNotNull(LongDouble.parse(bytes("3.6e-4951")));
        assertEquals("0", sum("0e99999", "0"));
    }

    @Test
    void infinitiesParseButNeverSum() {
        assertFalse(LongDouble.parse(bytes("inf")).add(LongDouble.parse(bytes("1"))).isFinite());
        assertFalse(LongDouble.parse(bytes("-INFINITY")).add(LongDouble.ZERO).isFinite());
        assertFalse(LongDouble.parse(bytes("inf")).add(LongDouble.parse(bytes("-inf"))).isFinite());
        assertFalse(LongDouble.parse(bytes("1e4932")).add(LongDouble.parse(bytes("1e4932"))).isFinite());
        assertFalse(LongDouble.parse(bytes("-1e4932")).add(LongDouble.parse(bytes("-1e4932"))).isFinite());
        final LongDouble infinite = LongDouble.parse(bytes("+inf"));
        assertThrows(IllegalStateException.class, infinite::format);
    }

    /** Each row: two operands and the text of their sum. */
    private static void assertSums(final String[][] rows) {
        for (final String[] row : rows) {
            assertEquals(row[2], sum(row[0], row[1]), () -> row[0] + " + " + row[1]);
        }
    }

    private static String sum(final String a, final String b) {
        final LongDouble x = LongDouble.parse(bytes(a));
        final LongDouble y = LongDouble.parse(bytes(b));
        assertNotNull(x, a);
        assertNotNull(y, b);
        return new String(x.add(y).format(), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
