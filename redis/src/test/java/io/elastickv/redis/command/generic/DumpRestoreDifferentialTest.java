package io.elastickv.redis.command.generic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DUMP payloads moved between redis-server and elastickv in both directions, and the generic commands on
 * hashes (which RESTORE can create before the hash family exists).
 *
 * <p>redis-server 7.0.15, the oracle, writes RDB version 10 and refuses 11 (Redis 7.2's, which elastickv
 * writes); strings and hashes are serialized identically in both versions, so payloads going to the oracle
 * are re-stamped as version 10 with a fresh checksum, and payload bodies are compared without the footer.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DumpRestoreDifferentialTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    private static List<byte[]> stringValues() {
        final List<byte[]> values = new ArrayList<>();
        for (final String text : List.of("", "hello", "0", "-1", "127", "128", "-128", "-129", "32767", "32768",
            "-32769", "2147483647", "2147483648", "-2147483648", "-2147483649", "12345678901", "007", "-0", "1.5",
            "9223372036854775807", "-9223372036854775808", "x".repeat(44), "a".repeat(1000),
            "abcabcabcabcabcabcabcabcabcabcabcabc", "y".repeat(20_000))) {
            values.add(text.getBytes(StandardCharsets.US_ASCII));
        }
        values.add(new byte[] {0, (byte) 0xFF, '\r', '\n', 0});
        final byte[] noise = new byte[70_000];
        new Random(7).nextBytes(noise);
        values.add(noise);
        return values;
    }

    @Test
    void stringsTravelBothWays() throws Exception {
        try (RawRespClient redis = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            int i = 0;
            for (final byte[] value : stringValues()) {
                final String description = "value " + i;
                final byte[] key = ("ds:" + i++).getBytes(StandardCharsets.US_ASCII);
                call(redis, "SET", key, value);
                final byte[] redisPayload = bulk(call(redis, "DUMP", key));
                assertEquals("+OK\r\n", text(call(ours, "RESTORE", key, "0", redisPayload, "REPLACE")));
                assertArrayEquals(value, bulk(call(ours, "GET", key)), description);
                assertEquals(text(call(redis, "OBJECT", "ENCODING", key)), text(call(ours, "OBJECT", "ENCODING", key)));

                call(ours, "SET", key, value);
                final byte[] ourPayload = bulk(call(ours, "DUMP", key));
                assertEquals(DumpPayload.RDB_VERSION, ourPayload[ourPayload.length - 10]);
                if (value.length <= 20) {
                    // Redis compresses only longer strings, so short ones serialize to the same bytes.
                    assertArrayEquals(body(redisPayload), body(ourPayload), description);
                }
                call(redis, "DEL", key);
                assertEquals("+OK\r\n", text(call(redis, "RESTORE", key, "0", asRdb10(ourPayload))));
                assertArrayEquals(value, bulk(call(redis, "GET", key)), description);
            }
        }
    }

    @Test
    void hashesTravelBothWays() throws Exception {
        final List<HashCase> hashes = List.of(
            // Fields in byte order, so Redis's listpack (insertion order) and ours (field order) agree.
            new HashCase(List.of("a", "1", "b", "-1", "c", "127", "d", "128", "e", "-4096", "f", "4095", "g",
                "4096", "h", "-32768", "i", "32768", "j", "8388607", "k", "-8388609", "l", "2147483648", "m",
                "9223372036854775807", "n", "", "o", noise(63), "p", noise(64), "q", "007"), true),
            new HashCase(List.of("f", noise(65)), true),
            new HashCase(bigHash(Encodings.HASH_LISTPACK_MAX_ENTRIES), false),
            new HashCase(bigHash(Encodings.HASH_LISTPACK_MAX_ENTRIES + 1), false));
        try (RawRespClient redis = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            int i = 0;
            for (final HashCase hash : hashes) {
                final String key = "dh:" + i++;
                final List<String> hset = new ArrayList<>(List.of("HSET", key));
                hset.addAll(hash.fields());
                redis.call(hset.toArray(String[]::new));
                final byte[] payload = bulk(call(redis, "DUMP", key));
                assertEquals("+OK\r\n", text(call(ours, "RESTORE", key, "0", payload)));
                for (final String command : List.of("TYPE", "OBJECT ENCODING", "EXISTS")) {
                    final List<String> args = new ArrayList<>(List.of(command.split(" ")));
                    args.add(key);
                    assertEquals(redis.call(args.toArray(String[]::new)), ours.call(args.toArray(String[]::new)),
                        command + " " + key);
                }
                final byte[] ourPayload = bulk(call(ours, "DUMP", key));
                if (hash.sameBytes()) {
                    assertArrayEquals(body(payload), body(ourPayload), "payload of " + key);
                }
                final String copy = key + ":back";
                assertEquals("+OK\r\n", text(call(redis, "RESTORE", copy, "0", asRdb10(ourPayload))));
                assertEquals(sortedHash(redis, key), sortedHash(redis, copy));
            }
        }
    }

    /**
     * A hash's fields and values, and whether both servers serialize it to the same bytes: true when Redis
     * would not compress it and has only one order for its fields.
     */
    private record HashCase(List<String> fields, boolean sameBytes) {
    }

    /** Letters and digits without repeats that LZF could use, so Redis stores them uncompressed. */
    private static String noise(final int length) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        final Random random = new Random(length);
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static List<String> bigHash(final int fields) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            out.add(String.format("field:%04d", i));
            out.add(i % 3 == 0 ? Integer.toString(i * 1000) : "value-" + i);
        }
        return out;
    }

    private static List<String> sortedHash(final RawRespClient client, final String key) throws IOException {
        final String reply = client.call("HGETALL", key);
        final List<String> lines = new ArrayList<>(Arrays.asList(reply.split("\r\n")));
        lines.remove(0);
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 3 < lines.size(); i += 4) {
            pairs.add(lines.get(i + 1) + "=" + lines.get(i + 3));
        }
        pairs.sort(null);
        return pairs;
    }

    /** The generic commands on hashes: every reply, DUMPs included (by payload body), as redis-server's. */
    @Test
    void genericCommandsOnHashes() throws Exception {
        try (RawRespClient redis = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            redis.call("HSET", "hx", "a", "1", "b", "two", "c", "3");
            redis.call("HSET", "hy", "z", "26");
            final byte[] hx = bulk(call(redis, "DUMP", "hx"));
            final byte[] hy = bulk(call(redis, "DUMP", "hy"));
            redis.call("DEL", "hx", "hy");
            final Object[][] script = {
                {"SELECT", "9"}, {"FLUSHDB"}, {"SELECT", "10"}, {"FLUSHDB"}, {"SELECT", "9"},
                {"RESTORE", "h:1", "0", hx}, {"RESTORE", "h:2", "0", hy}, {"RESTORE", "h:1", "0", hy},
                {"TYPE", "h:1"}, {"SCAN", "0", "TYPE", "hash", "MATCH", "h:1"}, {"SCAN", "0", "TYPE", "string"},
                {"GET", "h:1"}, {"RENAME", "h:1", "h:3"}, {"DUMP", "h:3"}, {"EXISTS", "h:1"}, {"DBSIZE"},
                {"COPY", "h:3", "h:2"}, {"COPY", "h:3", "h:2", "REPLACE"}, {"DUMP", "h:2"}, {"DUMP", "h:3"},
                {"SET", "h:s", "v"}, {"RENAME", "h:3", "h:s"}, {"TYPE", "h:s"}, {"DUMP", "h:s"},
                {"RENAME", "h:2", "h:s"}, {"DUMP", "h:s"}, {"RESTORE", "h:3", "0", hx}, {"EXPIRE", "h:3", "100"},
                {"COPY", "h:3", "h:4", "DB", "10"}, {"MOVE", "h:3", "10"}, {"MOVE", "h:s", "10"}, {"DBSIZE"},
                {"SELECT", "10"}, {"DUMP", "h:s"}, {"DUMP", "h:4"}, {"TTL", "h:4"}, {"TTL", "h:s"}, {"DBSIZE"},
                {"SWAPDB", "9", "10"}, {"DBSIZE"}, {"SELECT", "9"}, {"DBSIZE"}, {"DUMP", "h:4"}, {"DUMP", "h:3"},
                {"RESTORE", "h:4", "0", hy, "REPLACE"}, {"DUMP", "h:4"}, {"DEL", "h:4"}, {"RESTORE", "h:4", "0", hx},
                {"DUMP", "h:4"}, {"FLUSHDB"}, {"RESTORE", "h:4", "0", hy}, {"DUMP", "h:4"}, {"DBSIZE"},
                {"EXPIRE", "h:4", "-1"}, {"EXISTS", "h:4"}, {"DBSIZE"},
                {"RESTORE", "h:5", "100000", hx}, {"TTL", "h:5"}, {"RESTORE", "h:5", "1000", hx, "ABSTTL", "REPLACE"},
                {"EXISTS", "h:5"}, {"RESTORE", "h:5", "0", hx}, {"RESTORE", "h:5", "0", hx, "IDLETIME", "10"},
                {"RESTORE", "h:5", "0", hx, "REPLACE", "FREQ", "5", "IDLETIME", "1"},
                {"RESTORE", "h:5", "9223372036854775807", hx, "REPLACE"}, {"EXISTS", "h:5"},
                {"RESTORE", "h:5", "99999999999999", hx, "ABSTTL"}, {"PEXPIRETIME", "h:5"},
                {"RESTORE", "h:6", "0", hx, "REPLACE", "ABSTTL", "FREQ", "255"}, {"TTL", "h:6"},
                {"RESTORE", "h:7", "0", hx, "IDLETIME", "0"}, {"EXISTS", "h:7"},
            };
            for (final Object[] command : script) {
                final byte[][] args = new byte[command.length][];
                for (int i = 0; i < command.length; i++) {
                    args[i] = command[i] instanceof byte[] bytes ? bytes
                        : ((String) command[i]).getBytes(StandardCharsets.UTF_8);
                }
                byte[] expected = redis.call(args);
                byte[] actual = ours.call(args);
                if (command[0].equals("DUMP")) {
                    expected = body(bulk(expected));
                    actual = body(bulk(actual));
                }
                assertEquals(text(expected), text(actual), () -> "reply to " + Arrays.deepToString(command));
            }
        }
    }

    @Test
    void restoreErrors() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET de:a v
            RESTORE de:a 0 payload
            RESTORE de:a x payload
            RESTORE de:b -1 payload
            RESTORE de:b x payload
            RESTORE de:b 0 payload
            RESTORE de:b 0 ""
            RESTORE de:b 0 \\x00\\x05hello\\x0a\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00
            RESTORE de:b 0 payload REPLACE
            RESTORE de:b 0 payload IDLETIME -1
            RESTORE de:b 0 payload IDLETIME x
            RESTORE de:b 0 payload IDLETIME
            RESTORE de:b 0 payload FREQ 256
            RESTORE de:b 0 payload FREQ -1
            RESTORE de:b 0 payload FREQ x
            RESTORE de:b 0 payload FREQ 1 IDLETIME 1
            RESTORE de:b 0 payload IDLETIME 1 FREQ 1
            RESTORE de:b 0 payload FOO
            RESTORE de:a 0 payload FOO
            RESTORE de:a x payload REPLACE
            RESTORE de:a -5 payload REPLACE
            RESTORE de:a 0
            RESTORE de:a
            DUMP de:missing
            DUMP
            DUMP a b
            """);
    }

    /** A payload body (type and object) and whether redis-server 7.0 refuses it as well. */
    private record Malformed(byte[] body, boolean redisRefuses) {
    }

    /**
     * Payloads with a valid footer whose object is malformed. redis-server reads the object from the whole
     * payload, footer included, and does not look past the object; elastickv reads exactly the bytes before
     * the footer, so a string running into the footer or followed by stray bytes is refused here, and a hash
     * that repeats a field cannot be stored.
     */
    @Test
    void malformedPayloadsWithAValidChecksumAreBadDataFormat() throws Exception {
        final List<Malformed> cases = List.of(
            new Malformed(new byte[] {0}, true),                                  // a string with no length
            new Malformed(new byte[] {0, 5, 'a'}, false),                         // runs into the footer
            new Malformed(new byte[] {0, 1, 'a', 'b'}, false),                    // trailing bytes
            new Malformed(new byte[] {0, (byte) 0xC3, 2, 10, 0, 'a'}, true),      // LZF short of its length
            new Malformed(new byte[] {0, (byte) 0xC5}, true),                     // unknown string encoding
            new Malformed(new byte[] {4, 0}, true),                               // an empty hash
            new Malformed(new byte[] {4, 2, 1, 'f', 1, 'v', 1, 'f', 1, 'w'}, false), // a field twice
            new Malformed(new byte[] {16, 3, 1, 2, 3}, true));                    // not a listpack
        try (RawRespClient redis = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            for (final Malformed malformed : cases) {
                final String description = Arrays.toString(malformed.body());
                assertEquals("-ERR Bad data format\r\n", text(call(ours, "RESTORE", "dm:x", "0",
                    withFooter(malformed.body(), DumpPayload.RDB_VERSION), "REPLACE")), description);
                final String redisReply = text(call(redis, "RESTORE", "dm:x", "0", withFooter(malformed.body(), 10),
                    "REPLACE"));
                assertEquals(malformed.redisRefuses(), redisReply.equals("-ERR Bad data format\r\n"), description);
            }
            assertEquals("-ERR Bad data format: RDB object type 18 is not supported (strings and hashes are)\r\n",
                text(call(ours, "RESTORE", "dm:x", "0", withFooter(new byte[] {18, 0}, DumpPayload.RDB_VERSION))));
            assertEquals("-ERR DUMP payload version or checksum are wrong\r\n",
                text(call(ours, "RESTORE", "dm:x", "0", withFooter(new byte[] {0, 1, 'a'}, 12))));
            final byte[] payload = withFooter(new byte[] {0, 1, 'a'}, DumpPayload.RDB_VERSION);
            payload[payload.length - 1] ^= 1;
            assertEquals("-ERR DUMP payload version or checksum are wrong\r\n",
                text(call(ours, "RESTORE", "dm:x", "0", payload)));
        }
    }

    private static byte[] call(final RawRespClient client, final Object... args) throws IOException {
        final byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i] instanceof byte[] raw ? raw : ((String) args[i]).getBytes(StandardCharsets.UTF_8);
        }
        return client.call(bytes);
    }

    /** The bytes of a bulk-string reply. */
    private static byte[] bulk(final byte[] reply) {
        final int start = indexOfCrlf(reply) + 2;
        if (reply[0] != '$' || reply[1] == '-') {
            throw new AssertionError("not a bulk string: " + text(reply));
        }
        return Arrays.copyOfRange(reply, start, reply.length - 2);
    }

    private static int indexOfCrlf(final byte[] reply) {
        for (int i = 0; i + 1 < reply.length; i++) {
            if (reply[i] == '\r' && reply[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line in " + text(reply));
    }

    /** A payload without its RDB version and checksum. */
    private static byte[] body(final byte[] payload) {
        return Arrays.copyOf(payload, payload.length - 10);
    }

    private static byte[] asRdb10(final byte[] payload) {
        return withFooter(body(payload), 10);
    }

    private static byte[] withFooter(final byte[] body, final int version) {
        final ByteBuffer out = ByteBuffer.allocate(body.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        out.put(body).putShort((short) version);
        return out.putLong(Crc64.of(out.array(), 0, body.length + 2)).array();
    }

    private static String text(final byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }
}
