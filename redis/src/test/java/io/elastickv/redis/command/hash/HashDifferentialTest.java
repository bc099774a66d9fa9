package io.elastickv.redis.command.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hash commands, compared with redis-server.
 *
 * <p>Order: elastickv returns fields in unsigned byte order; redis-server returns a small (listpack) hash
 * in insertion order and a large one in hash-table order. Byte-for-byte scripts therefore insert fields in
 * byte order and stay at or under 128 fields with short values, where both orders agree; larger hashes
 * are compared through {@link #assertSameContent}, which sorts both replies first. Random replies
 * (HRANDFIELD with more than one possible answer) are compared by shape only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HashDifferentialTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    @Test
    void setAndGet() throws Exception {
        same("""
            HSET hs:h f1 v1
            HSET hs:h f1 v2 f2 v2
            HSET hs:h f3 v3 f3 v4
            HGET hs:h f1
            HGET hs:h f3
            HGET hs:h nofield
            HGET hs:missing f
            HMSET hs:h f4 v4 f5 v5
            HSET hs:h f6 v6 f7
            HMSET hs:h f6 v6 f7
            HSET hs:h f6
            HMSET hs:h f6
            HSET hs:h
            HSET
            HMSET hs:h
            HGET hs:h
            HGET hs:h a b
            HSETNX hs:h f1 x
            HGET hs:h f1
            HSETNX hs:h f8 v8
            HSETNX hs:new f v
            HGET hs:new f
            HSETNX hs:h f9
            HSETNX hs:h f9 a b
            HMGET hs:h f1 nofield f8 f1
            HMGET hs:missing a b
            HMGET hs:h
            HLEN hs:h
            HLEN hs:missing
            HLEN hs:h x
            HSTRLEN hs:h f1
            HSTRLEN hs:h nofield
            HSTRLEN hs:missing f
            HSTRLEN hs:h
            HEXISTS hs:h f1
            HEXISTS hs:h nofield
            HEXISTS hs:missing f
            HEXISTS hs:h
            HSET hs:h "" ""
            HGET hs:h ""
            HSTRLEN hs:h ""
            HEXISTS hs:h ""
            HLEN hs:h
            HSET hs:bin \\x00\\xff \\r\\n\\x00 \\x80 \\s
            HGET hs:bin \\x00\\xff
            HMGET hs:bin \\x00\\xff \\x00 \\x80
            HSTRLEN hs:bin \\x00\\xff
            HSET hs:num 123 456 -1 0 9223372036854775808 x 1.5 -0
            HGET hs:num 123
            HGET hs:num -1
            HSTRLEN hs:num 123
            HSTRLEN hs:num 1.5
            hset hs:case F v
            HGET hs:case f
            HGET hs:case F
            SET hs:str value
            HSET hs:str f v
            HSET hs:str f v g
            HMSET hs:str f v
            HSETNX hs:str f v
            HGET hs:str f
            HMGET hs:str f
            HLEN hs:str
            HSTRLEN hs:str f
            HEXISTS hs:str f
            GET hs:h
            SET hs:h now-a-string
            HGET hs:h f1
            GET hs:h
            DEL hs:h
            HSET hs:h f1 again
            HMGET hs:h f1 f2
            """);
    }

    @Test
    void largeValues() throws Exception {
        final String big = "v".repeat(100_000);
        same("HSET hv:h f " + big + "\n"
            + "HGET hv:h f\n"
            + "HSTRLEN hv:h f\n"
            + "HSETNX hv:h g " + big + "\n"
            + "HMGET hv:h f g x\n"
            + "HSET hv:h " + big + " x\n"
            + "HGET hv:h " + big + "\n");
    }

    @Test
    void deletingTheLastFieldDeletesTheKey() throws Exception {
        same("""
            HSET hd:h a 1 b 2 c 3
            HDEL hd:h a a x
            HLEN hd:h
            HDEL hd:h
            HDEL hd:missing a
            EXISTS hd:h
            HDEL hd:h b c
            EXISTS hd:h
            HLEN hd:h
            HGET hd:h b
            HGETALL hd:h
            HSET hd:h b 9
            HGETALL hd:h
            HDEL hd:h b
            EXISTS hd:h
            SET hd:str v
            HDEL hd:str a
            GET hd:str
            """);
    }

    @Test
    void incrementBy() throws Exception {
        same("""
            HINCRBY hi:h f 5
            HINCRBY hi:h f -10
            HGET hi:h f
            HINCRBY hi:h f 0
            HINCRBY hi:h g 9223372036854775807
            HINCRBY hi:h g 1
            HGET hi:h g
            HINCRBY hi:h g -9223372036854775808
            HINCRBY hi:h n -9223372036854775807
            HINCRBY hi:h n -1
            HINCRBY hi:h n -1
            HINCRBY hi:h n 0
            HGET hi:h n
            HINCRBY hi:h n 9223372036854775807
            HINCRBY hi:h f x
            HINCRBY hi:h f 1.5
            HINCRBY hi:h f ""
            HINCRBY hi:h f 9223372036854775808
            HINCRBY hi:h f -9223372036854775809
            HINCRBY hi:h f \\s1
            HINCRBY hi:h f 1\\s
            HINCRBY hi:h f 01
            HINCRBY hi:h f +1
            HINCRBY hi:h f -0
            HSET hi:h s abc t \\s1 u 1.0 v "" w 007 x 9223372036854775808 y -9223372036854775808 z +5
            HINCRBY hi:h s 1
            HINCRBY hi:h t 1
            HINCRBY hi:h u 1
            HINCRBY hi:h v 1
            HINCRBY hi:h w 1
            HINCRBY hi:h x 1
            HINCRBY hi:h y 1
            HINCRBY hi:h y -1
            HINCRBY hi:h z 1
            HINCRBY hi:h \\x00\\xff 7
            HGET hi:h \\x00\\xff
            HLEN hi:h
            HINCRBY hi:h f
            HINCRBY hi:h f 1 2
            HINCRBY hi:new f x
            EXISTS hi:new
            SET hi:str v
            HINCRBY hi:str f 1
            HINCRBY hi:str f x
            """);
    }

    @Test
    void incrementByFloat() throws Exception {
        same("""
            HINCRBYFLOAT hf:h f 1.5
            HINCRBYFLOAT hf:h f 0.1
            HINCRBYFLOAT hf:h f -1.6
            HINCRBYFLOAT hf:h f 5.0e3
            HINCRBYFLOAT hf:h f 1e4000
            HINCRBYFLOAT hf:h f -1e4000
            HINCRBYFLOAT hf:h f inf
            HINCRBYFLOAT hf:h f -inf
            HINCRBYFLOAT hf:h f nan
            HINCRBYFLOAT hf:h f abc
            HINCRBYFLOAT hf:h f ""
            HINCRBYFLOAT hf:h f \s1
            HSET hf:h n 5 s xyz e ""
            HINCRBYFLOAT hf:h n 0.5
            HINCRBYFLOAT hf:h s 1
            HINCRBYFLOAT hf:h e 1
            HINCRBYFLOAT hf:h new 10.50
            HGET hf:h new
            HINCRBYFLOAT hf:big f 1.18e4932
            HINCRBYFLOAT hf:big f 1.18e4932
            HGETALL hf:big
            SET hf:s 1
            HINCRBYFLOAT hf:s f 1
            HINCRBYFLOAT hf:s f x
            HINCRBYFLOAT hf:h f
            HINCRBYFLOAT hf:h f 1 2
            """);
    }

    @Test
    void wholeHashReplies() throws Exception {
        // Fields go in in byte order, so redis-server's insertion order is elastickv's byte order.
        same("""
            HSET ha:h a 1 b 2 c 3
            HGETALL ha:h
            HKEYS ha:h
            HVALS ha:h
            HSET ha:h d 4
            HDEL ha:h b
            HGETALL ha:h
            HKEYS ha:h
            HVALS ha:h
            HGETALL ha:missing
            HKEYS ha:missing
            HVALS ha:missing
            HGETALL ha:h x
            HKEYS
            HVALS ha:h x
            HSET ha:bin "" e \\x00 z \\x01 o \\x7f x \\x80 y \\xff w
            HGETALL ha:bin
            HKEYS ha:bin
            HVALS ha:bin
            SET ha:str v
            HGETALL ha:str
            HKEYS ha:str
            HVALS ha:str
            """);
    }

    @Test
    void randomFieldArgumentsAndDeterministicCases() throws Exception {
        same("""
            HRANDFIELD hr:missing
            HRANDFIELD hr:missing 5
            HRANDFIELD hr:missing -5 WITHVALUES
            HRANDFIELD hr:missing 0
            HRANDFIELD hr:missing x
            HRANDFIELD hr:missing 1.5
            HRANDFIELD hr:missing 1 WITHVALUES x
            HRANDFIELD hr:missing 1 x
            HRANDFIELD hr:missing 1 withvalues
            HRANDFIELD hr:missing -9223372036854775808
            HRANDFIELD hr:missing -9223372036854775807
            HRANDFIELD hr:missing 9223372036854775807
            HRANDFIELD hr:missing 9223372036854775807 WITHVALUES
            HRANDFIELD hr:missing -4611686018427387904 WITHVALUES
            HRANDFIELD hr:missing -4611686018427387903 WITHVALUES
            HRANDFIELD hr:missing 4611686018427387903 WITHVALUES
            HRANDFIELD hr:missing 4611686018427387904 WITHVALUES
            HRANDFIELD hr:missing 9223372036854775808
            SET hr:str v
            HRANDFIELD hr:str
            HRANDFIELD hr:str 1
            HRANDFIELD hr:str 0
            HRANDFIELD hr:str x
            HRANDFIELD hr:str 1 foo
            HRANDFIELD hr:str 1 WITHVALUES
            HSET hr:one f v
            HRANDFIELD hr:one
            HRANDFIELD hr:one 1
            HRANDFIELD hr:one -1
            HRANDFIELD hr:one -3
            HRANDFIELD hr:one -3 WITHVALUES
            HRANDFIELD hr:one 5 withvalues
            HRANDFIELD hr:one 0
            HRANDFIELD hr:one 0 WITHVALUES
            HSET hr:three a 1 b 2 c 3
            HRANDFIELD hr:three 3 WITHVALUES
            HRANDFIELD hr:three 10
            HRANDFIELD hr:three 9223372036854775807
            HRANDFIELD
            """);
    }

    @Test
    void randomFieldRepliesHaveRedisShapes() throws Exception {
        load("hr:shape", fields("f", 200));
        try (RawRespClient theirs = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            for (final int protocol : new int[] {2, 3}) {
                theirs.call("HELLO", Integer.toString(protocol));
                ours.call("HELLO", Integer.toString(protocol));
                for (final String[] command : List.of(
                    new String[] {"HRANDFIELD", "hr:shape"},
                    new String[] {"HRANDFIELD", "hr:shape", "1"},
                    new String[] {"HRANDFIELD", "hr:shape", "50"},
                    new String[] {"HRANDFIELD", "hr:shape", "199", "WITHVALUES"},
                    new String[] {"HRANDFIELD", "hr:shape", "-500"},
                    new String[] {"HRANDFIELD", "hr:shape", "-7", "WITHVALUES"},
                    new String[] {"HRANDFIELD", "hr:shape", "1", "WITHVALUES"})) {
                    final Object expected = Replies.parse(theirs.call(bytes(command)));
                    final Object actual = Replies.parse(ours.call(bytes(command)));
                    assertEquals(shape(expected), shape(actual), () -> String.join(" ", command) + " in RESP"
                        + protocol);
                    assertValidPick(actual, command, protocol);
                }
            }
        }
    }

    @Test
    void randomFieldIsUniform() throws Exception {
        load("hr:uniform", fields("u", 3));
        try (RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            final TreeMap<String, Integer> seen = new TreeMap<>();
            for (final Object field : Replies.list(ours.call(bytes("HRANDFIELD", "hr:uniform", "-3000")))) {
                seen.merge((String) field, 1, Integer::sum);
            }
            for (int i = 0; i < 300; i++) {
                seen.merge((String) Replies.parse(ours.call(bytes("HRANDFIELD", "hr:uniform"))), 1, Integer::sum);
            }
            assertEquals(Set.of("u000", "u001", "u002"), seen.keySet());
            // Each field is expected 1100 times; under 800 has a probability far below 1e-20.
            seen.values().forEach(n -> assertTrue(n > 800, () -> "not uniform: " + seen));
        }
    }

    /**
     * Deviation, so not compared: redis-server tries to answer any negative count (near -2^62 it never
     * finishes); elastickv holds the picks in memory and refuses more than {@link HashRandomField#MAX_SAMPLES}.
     */
    @Test
    void randomFieldRefusesHugeNegativeCounts() throws Exception {
        try (RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            assertEquals(":1\r\n", ours.call("HSET", "hr:huge", "f", "v"));
            final String limit = Long.toString(HashRandomField.MAX_SAMPLES);
            final byte[] most = ours.call(bytes("HRANDFIELD", "hr:huge", "-" + limit));
            assertEquals(HashRandomField.MAX_SAMPLES, Replies.list(most).size());
            assertEquals("-ERR value is out of range\r\n", ours.call("HRANDFIELD", "hr:huge", "-" + limit + "1"));
            assertEquals("-ERR value is out of range\r\n",
                ours.call("HRANDFIELD", "hr:huge", "-4611686018427387903", "WITHVALUES"));
            assertEquals("*0\r\n", ours.call("HRANDFIELD", "hr:missing-huge", "-4611686018427387903"));
        }
    }

    @Test
    void scanSmallHashesWhole() throws Exception {
        same("""
            HSET hc:h "" e a 1 ab 3 b 2
            HSCAN hc:h 0
            HSCAN hc:h 0 MATCH a*
            HSCAN hc:h 0 MATCH *
            HSCAN hc:h 0 MATCH **
            HSCAN hc:h 0 MATCH ""
            HSCAN hc:h 0 COUNT 1
            HSCAN hc:h 0 count 1 match ?
            HSCAN hc:h 12345
            HSCAN hc:h 0 COUNT 0
            HSCAN hc:h 0 COUNT -1
            HSCAN hc:h 0 COUNT x
            HSCAN hc:h 0 COUNT -9223372036854775808
            HSCAN hc:h 0 COUNT 9223372036854775807
            HSCAN hc:h 0 COUNT
            HSCAN hc:h 0 MATCH
            HSCAN hc:h 0 FOO bar
            HSCAN hc:h 0 NOVALUES
            HSCAN hc:h 0 MATCH a* COUNT 5 MATCH b*
            HSCAN hc:h 0 COUNT 0 MATCH a*
            HSCAN hc:h x
            HSCAN hc:h -1
            HSCAN hc:h +1
            HSCAN hc:h 007
            HSCAN hc:h \\s1
            HSCAN hc:h \\x091
            HSCAN hc:h 1\\s
            HSCAN hc:h ""
            HSCAN hc:h -
            HSCAN hc:h +
            HSCAN hc:h 0x10
            HSCAN hc:h 18446744073709551615
            HSCAN hc:h 18446744073709551616
            HSCAN hc:h -18446744073709551615
            HSCAN hc:h -18446744073709551616
            HSCAN hc:h 1\\x00x
            HSCAN hc:h \\x00x
            HSCAN hc:missing 0 COUNT 0
            HSCAN hc:missing 0 FOO
            HSCAN hc:missing x
            SET hc:str v
            HSCAN hc:str 0
            HSCAN hc:str 0 COUNT 0
            HSCAN hc:str x
            HSCAN hc:h
            """);
    }

    /** Random patterns and names over the bytes glob syntax cares about, matched by both servers. */
    @Test
    void scanMatchFollowsRedisGlobSemantics() throws Exception {
        final Random random = new Random(20_240_611L);
        final byte[] alphabet = "ab-]^[\\*?".getBytes(StandardCharsets.ISO_8859_1);
        final TreeSet<String> names = new TreeSet<>();
        while (names.size() < 120) {
            names.add(randomText(random, "ab-]^[\\".getBytes(StandardCharsets.ISO_8859_1), 5));
        }
        final StringBuilder script = new StringBuilder("HSET hg:h");
        for (final String name : names) {
            script.append(' ').append(hex(name)).append(" v");
        }
        script.append('\n');
        for (int i = 0; i < 400; i++) {
            script.append("HSCAN hg:h 0 MATCH ").append(hex(randomText(random, alphabet, 7))).append('\n');
        }
        same(script.toString());
    }

    @Test
    void largeHashesHaveTheSameContent() throws Exception {
        final List<String[]> pairs = fields("field:", 300);
        pairs.add(new String[] {"\u0000\u00ff", "binary"});
        pairs.add(new String[] {"", "empty"});
        load("hl:h", pairs);
        assertSameContent("HGETALL", "hl:h");
        assertSameContent("HKEYS", "hl:h");
        assertSameContent("HVALS", "hl:h");
        same("""
            HLEN hl:h
            HGET hl:h field:123
            HMGET hl:h field:000 field:299 nofield
            HSTRLEN hl:h field:007
            HEXISTS hl:h field:300
            """);
        for (final String[] options : List.of(new String[0], new String[] {"COUNT", "1"},
            new String[] {"COUNT", "37"}, new String[] {"MATCH", "field:1*"}, new String[] {"MATCH", "*"},
            new String[] {"MATCH", "**"}, new String[] {"COUNT", "1000"})) {
            assertEquals(scanAll(SERVERS.oraclePort(), "hl:h", options), scanAll(SERVERS.leaderPort(), "hl:h", options),
                () -> "HSCAN " + String.join(" ", options));
        }
    }

    @Test
    void resp3Replies() throws Exception {
        final List<List<byte[]>> commands = DifferentialCase.parse("""
            HSET h3:h a 1 b 2
            HGETALL h3:h
            HGETALL h3:missing
            HKEYS h3:h
            HVALS h3:h
            HGET h3:h a
            HGET h3:h x
            HMGET h3:h a x
            HEXISTS h3:h a
            HRANDFIELD h3:missing
            HRANDFIELD h3:h 2 WITHVALUES
            HRANDFIELD h3:h 0 WITHVALUES
            HSET h3:one f v
            HRANDFIELD h3:one -2 WITHVALUES
            HRANDFIELD h3:one 1 WITHVALUES
            HSCAN h3:h 0
            HSCAN h3:missing 0
            """);
        try (RawRespClient theirs = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            theirs.call("HELLO", "3");
            ours.call("HELLO", "3");
            for (final List<byte[]> command : commands) {
                final String expected = text(theirs.pipeline(List.of(command)).get(0));
                assertEquals(expected, text(ours.pipeline(List.of(command)).get(0)),
                    () -> "RESP3 reply to " + text(command));
            }
        }
    }

    @Test
    void transactions() throws Exception {
        same("""
            HSET hm:h a 1
            MULTI
            HSET hm:h b 2
            HINCRBY hm:h a 10
            HINCRBY hm:h b x
            HSET hm:h odd x y
            HRANDFIELD hm:h 5 WITHVALUES
            HSCAN hm:h 0
            HDEL hm:h a b
            EXEC
            EXISTS hm:h
            HSET hm:w f v
            WATCH hm:w
            HSETNX hm:w f other
            HDEL hm:w nofield
            MULTI
            HGET hm:w f
            EXEC
            WATCH hm:w
            HSET hm:w f v
            MULTI
            HGET hm:w f
            EXEC
            """);
    }

    // ---- helpers

    private static void same(final String script) throws IOException {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), script);
    }

    /** Runs {@code command key} on both servers and compares the replies' items (or pairs) sorted. */
    private static void assertSameContent(final String command, final String key) throws IOException {
        assertEquals(sortedContent(SERVERS.oraclePort(), command, key), sortedContent(SERVERS.leaderPort(), command, key),
            command);
    }

    private static List<String> sortedContent(final int port, final String command, final String key)
        throws IOException {
        try (RawRespClient client = new RawRespClient(port)) {
            final List<Object> items = Replies.list(client.call(bytes(command, key)));
            final List<String> out = new ArrayList<>();
            final int step = command.equals("HGETALL") ? 2 : 1;
            for (int i = 0; i < items.size(); i += step) {
                out.add(step == 2 ? items.get(i) + "=" + items.get(i + 1) : (String) items.get(i));
            }
            out.sort(null);
            return out;
        }
    }

    /** Every field=value a full HSCAN iteration returns, sorted, without duplicates. */
    static TreeSet<String> scanAll(final int port, final String key, final String... options) throws IOException {
        final TreeSet<String> seen = new TreeSet<>();
        try (RawRespClient client = new RawRespClient(port)) {
            String cursor = "0";
            int calls = 0;
            do {
                final List<String> command = new ArrayList<>(List.of("HSCAN", key, cursor));
                command.addAll(List.of(options));
                final List<Object> reply = Replies.list(client.call(bytes(command.toArray(String[]::new))));
                cursor = (String) reply.get(0);
                @SuppressWarnings("unchecked")
                final List<Object> items = (List<Object>) reply.get(1);
                for (int i = 0; i < items.size(); i += 2) {
                    seen.add(items.get(i) + "=" + items.get(i + 1));
                }
                assertTrue(++calls < 100_000, "HSCAN did not end");
            } while (!cursor.equals("0"));
        }
        return seen;
    }

    /** Sends {@code HSET key f v ...} to both servers. */
    private static void load(final String key, final List<String[]> pairs) throws IOException {
        final List<String> command = new ArrayList<>(List.of("HSET", key));
        for (final String[] pair : pairs) {
            command.add(pair[0]);
            command.add(pair[1]);
        }
        for (final int port : new int[] {SERVERS.oraclePort(), SERVERS.leaderPort()}) {
            try (RawRespClient client = new RawRespClient(port)) {
                assertEquals(":" + pairs.size() + "\\r\\n", text(client.call(bytes(command.toArray(String[]::new)))));
            }
        }
    }

    static List<String[]> fields(final String prefix, final int count) {
        final List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(new String[] {prefix + String.format("%03d", i), "value-" + i});
        }
        return pairs;
    }

    /** The reply's structure: sizes of nested lists, with leaves as "." (what random replies share). */
    private static String shape(final Object reply) {
        if (reply instanceof List<?> list) {
            final StringBuilder out = new StringBuilder("[").append(list.size()).append(':');
            list.forEach(item -> out.append(shape(item)));
            return out.append(']').toString();
        }
        return reply == null ? "null" : ".";
    }

    /** Fields of {@code hr:shape} are fNNN with value value-NNN; positive counts never repeat a field. */
    private static void assertValidPick(final Object reply, final String[] command, final int protocol) {
        final List<String> fields = new ArrayList<>();
        if (reply instanceof String single) {
            fields.add(single);
        } else {
            final boolean withValues = command.length == 4;
            final List<?> items = (List<?>) reply;
            for (int i = 0; i < items.size(); i += withValues && protocol == 2 ? 2 : 1) {
                final String field;
                final Object value;
                if (withValues && protocol == 3) {
                    field = (String) ((List<?>) items.get(i)).get(0);
                    value = ((List<?>) items.get(i)).get(1);
                } else {
                    field = (String) items.get(i);
                    value = withValues ? items.get(i + 1) : null;
                }
                if (withValues) {
                    assertEquals("value-" + Integer.parseInt(field.substring(1)), value);
                }
                fields.add(field);
            }
        }
        fields.forEach(field -> assertTrue(field.matches("f[01]\\d\\d"), field));
        if (command.length > 2 && !command[2].startsWith("-")) {
            assertEquals(fields.size(), new HashSet<>(fields).size(), () -> "repeated field in " + fields);
        }
    }

    private static String randomText(final Random random, final byte[] alphabet, final int maxLength) {
        final byte[] out = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A script argument spelling every byte as \xHH, so the script syntax never reads it. */
    private static String hex(final String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        final StringBuilder out = new StringBuilder();
        for (final byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            out.append(String.format("\\x%02x", b & 0xFF));
        }
        return out.toString();
    }

    static byte[][] bytes(final String... args) {
        final byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    private static String text(final byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
    }

    private static String text(final List<byte[]> command) {
        final List<String> args = new ArrayList<>();
        command.forEach(arg -> args.add(new String(arg, StandardCharsets.ISO_8859_1)));
        return String.join(" ", args);
    }
}
