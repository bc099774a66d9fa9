package io.elastickv.redis.command.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.elastickv.redis.command.LongDouble;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LongDouble} against redis-server's own long double: for each pair, {@code SET k a} then
 * {@code INCRBYFLOAT k b} on the oracle, and the reply LongDouble predicts for it (the sum's text, or the
 * error Redis gives). Thousands of seeded random operands cover the ordinary range, long mantissas, huge
 * and tiny exponents, subnormals, hexadecimal literals and malformed text.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LongDoubleDifferentialTest {
    private static final long SEED = 0x5EEDL;

    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.oracleOnly();

    @Test
    void chosenOperands() throws Exception {
        final String[] values = {
            "0", "-0", "+0", "1", "-1", "10.50", "0.1", "5.0e3", "3.0e3", "1e400", "-1e400", "1e4932",
            "1.18973149535723176502e4932",
            "1.18973149535723176503e4932", "1.2e4932", "1e4933", "1e5000", "1e-5000", "1e-4940", "1e-4950", "3.6e-4951",
            "1.9e-4951", "1.8e-4951", "1e-4951", "1e-4952", "0.000003814697265625", "0.000011444091796875",
            "inf", "-inf", "+inf", "INFINITY", "Infinity", "infinit", "nan", "-nan", "NaN", "0x10", "0x1p3", "0X1P-2",
            "0x1.8p1", "0x.8", "0x", "0x1p", "0xg", "0x1p-16445", "0x1p-16446", "0x1.8p-16446", "0x1p16383",
            "0x1p16384", "0x1.fffffffffffffffep16383", "0x1.ffffffffffffffffp16383", ".5", "5.", ".", "+5", "-",
            "+-5", "1e", "1e+", "1e+5", "1E5", "e5", " 1", "1 ", "1\u0000", "", "1.5.3", "0e99999", "1e-99999",
            "9223372036854775807", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
            "18446744073709551617", "36893488147419103231", "0.99999999999999999999", "-0.00000000000000000001",
            "-0.00000000000000001", "0.000000000000000005", "0.000000000000000015", "123456789012345678901234567890",
            "3.14159265358979323846264338327950288", "1e-17", "5e-18", "1.5e-17", "2.5e-17",
        };
        final List<String[]> pairs = new ArrayList<>();
        for (final String a : values) {
            for (final String b : values) {
                pairs.add(new String[] {a, b});
            }
        }
        compare(pairs);
    }

    @Test
    void randomOperands() throws Exception {
        final Random random = new Random(SEED);
        final List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            pairs.add(new String[] {operand(random), operand(random)});
        }
        compare(pairs);
    }

    @Test
    void longText() throws Exception {
        // string2ld copies into a 5120-byte buffer: 5119 bytes parse, 5120 do not.
        final String justFits = "1." + "0".repeat(5116) + "1";
        final String tooLong = "1." + "0".repeat(5117) + "1";
        compare(List.of(new String[] {justFits, "1"}, new String[] {"1", justFits}, new String[] {tooLong, "1"},
            new String[] {"1", tooLong}, new String[] {"1" + "0".repeat(4932), "1"}));
    }

    private static void compare(final List<String[]> pairs) throws Exception {
        final List<List<byte[]>> commands = new ArrayList<>();
        for (final String[] pair : pairs) {
            commands.add(List.of(bytes("SET"), bytes("ld"), bytes(pair[0])));
            commands.add(List.of(bytes("INCRBYFLOAT"), bytes("ld"), bytes(pair[1])));
        }
        final List<byte[]> replies;
        try (RawRespClient client = new RawRespClient(SERVERS.oraclePort())) {
            replies = client.pipeline(commands);
        }
        for (int i = 0; i < pairs.size(); i++) {
            final String[] pair = pairs.get(i);
            assertEquals(new String(replies.get(2 * i + 1), StandardCharsets.ISO_8859_1), predicted(pair[0], pair[1]),
                () -> "SET ld " + clip(pair[0]) + "; INCRBYFLOAT ld " + clip(pair[1]));
        }
    }

    private static String predicted(final String stored, final String increment) {
        final LongDouble value = LongDouble.parse(bytes(stored));
        final LongDouble incr = LongDouble.parse(bytes(increment));
        if (value == null || incr == null) {
            return "-ERR value is not a valid float\r\n";
        }
        final LongDouble sum = value.add(incr);
        if (!sum.isFinite()) {
            return "-ERR increment would produce NaN or Infinity\r\n";
        }
        final String text = sum.toString();
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    /** A random operand of one of several shapes, most of them valid. */
    static String operand(final Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 1 -> sign(random) + random.nextInt(100_000) + "." + random.nextInt(100);
            case 2 -> sign(random) + digits(random, 1 + random.nextInt(30)) + "." + digits(random, random.nextInt(30));
            case 3 -> sign(random) + digits(random, 1 + random.nextInt(25)) + "e" + (random.nextInt(81) - 40);
            case 4 -> sign(random) + digits(random, 1 + random.nextInt(20)) + "e" + (random.nextInt(60) + 4900)
                * (random.nextBoolean() ? 1 : -1);
            case 5 -> sign(random) + "0x" + hexDigits(random, 1 + random.nextInt(20)) + "."
                + hexDigits(random, random.nextInt(20)) + "p" + (random.nextInt(32_900) - 16_450);
            case 6 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 7 -> sign(random) + random.nextInt(1 << 20) + "e-" + (12 + random.nextInt(12));
            case 8 -> malformed(random, digits(random, 1 + random.nextInt(6)) + "." + digits(random, 3));
            default -> Double.toString(Double.longBitsToDouble(random.nextLong()));
        };
    }

    private static String malformed(final Random random, final String valid) {
        final String[] noise = {" ", "x", "e", ".", "-", "+", "\u0000", "p", "inf", "1e"};
        final int at = random.nextInt(valid.length() + 1);
        return valid.substring(0, at) + noise[random.nextInt(noise.length)] + valid.substring(at);
    }

    private static String sign(final Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        };
    }

    private static String digits(final Random random, final int count) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static String hexDigits(final Random random, final int count) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private static String clip(final String text) {
        return text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
