package io.elastickv.redis.command.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KEYS and SCAN: replies compared with redis-server's as sets (their order is unspecified), and SCAN's
 * guarantees checked on elastickv alone: a full iteration returns every key once, and a key present for the
 * whole iteration is returned even while others come and go.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyspaceScanTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    @Test
    void keysAndScanMatchRedisServerAsSets() throws Exception {
        final String setup = """
            SELECT 11
            FLUSHDB
            SET user:1 a
            SET user:2 b
            SET user:10 c
            SET user:\\xff d
            SET usex e
            SET other f
            SET "" g
            SET u\\x00ser h
            SET [x] i
            SET a*b j
            """;
        final List<String> queries = List.of("KEYS *", "KEYS user:*", "KEYS user:?", "KEYS user:1*", "KEYS us*",
            "KEYS use[rx]*", "KEYS use[^r]", "KEYS user:[0-9]", "KEYS user:[2-1]*", "KEYS *:1*", "KEYS \\[x]",
            "KEYS [[]x*", "KEYS a\\*b", "KEYS a\\*", "KEYS u\\x00*", "KEYS ?", "KEYS \"\"", "KEYS *\\xff",
            "KEYS user:[", "KEYS user:[1", "SCAN 0 COUNT 1000", "SCAN 0 COUNT 1000 MATCH user:*",
            "SCAN 0 MATCH *1* COUNT 1000", "SCAN 0 COUNT 1000 TYPE string MATCH u*", "SCAN 0 COUNT 1000 TYPE list");
        try (RawRespClient redis = new RawRespClient(SERVERS.oraclePort());
             RawRespClient ours = new RawRespClient(SERVERS.leaderPort())) {
            for (final List<byte[]> command : DifferentialCase.parse(setup)) {
                assertEquals(new String(redis.pipeline(List.of(command)).get(0), StandardCharsets.ISO_8859_1),
                    new String(ours.pipeline(List.of(command)).get(0), StandardCharsets.ISO_8859_1));
            }
            for (final String query : queries) {
                final List<byte[]> command = DifferentialCase.parse(query).get(0);
                assertEquals(canonical(redis.pipeline(List.of(command)).get(0)),
                    canonical(ours.pipeline(List.of(command)).get(0)), query);
            }
        }
    }

    /** A reply with every array of plain strings sorted, so two servers' orders compare equal. */
    private static String canonical(final byte[] reply) {
        return new Reply(reply).read().toString();
    }

    /** Just enough RESP2 parsing for KEYS and SCAN replies. */
    private static final class Reply {
        private final String text;
        private int pos;

        Reply(final byte[] reply) {
            this.text = new String(reply, StandardCharsets.ISO_8859_1);
        }

        Object read() {
            final int end = text.indexOf("\r\n", pos);
            final char type = text.charAt(pos);
            final String header = text.substring(pos + 1, end);
            pos = end + 2;
            if (type == '$') {
                final String value = text.substring(pos, pos + Integer.parseInt(header));
                pos += value.length() + 2;
                return value;
            }
            if (type != '*') {
                return type + header;
            }
            final List<Object> items = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(header); i++) {
                items.add(read());
            }
            if (items.stream().allMatch(String.class::isInstance)) {
                return new TreeSet<>(items.stream().map(String.class::cast).toList());
            }
            return items;
        }
    }

    @Test
    void aFullScanReturnsEveryKeyOnce() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            client.call("SELECT", "12");
            final Set<String> expected = new HashSet<>();
            final List<List<byte[]>> sets = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                final String key = "full:" + i;
                expected.add(key);
                sets.add(List.of(bytes("SET"), bytes(key), bytes("v")));
            }
            client.pipeline(sets);
            for (final int count : new int[] {1, 7, 100, 5000}) {
                final List<String> seen = scanAll(client, count, null);
                assertEquals(expected.size(), seen.size(), "keys returned with COUNT " + count);
                assertEquals(expected, new HashSet<>(seen), "COUNT " + count);
            }
        }
    }

    /**
     * Keys written and deleted between SCAN calls never make a key that stays put go missing, and a page
     * never holds more than COUNT keys (no hash collisions among these keys).
     */
    @Test
    void keysPresentThroughoutAreReturnedWhileOthersChange() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            client.call("SELECT", "13");
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                stable.add("stable:" + i);
                client.call("SET", "stable:" + i, "v");
                client.call("SET", "churn:" + i, "v");
            }
            final Set<String> seen = new HashSet<>();
            String cursor = "0";
            int round = 0;
            do {
                final List<String> page = scanPage(client, cursor, 10, null);
                cursor = page.get(0);
                assertTrue(page.size() - 1 <= 10, "page size " + (page.size() - 1));
                seen.addAll(page.subList(1, page.size()));
                // Between calls: delete some churn keys, add new ones, rewrite stable ones.
                client.call("DEL", "churn:" + round, "churn:" + (299 - round));
                client.call("SET", "added:" + round, "v");
                client.call("SET", "stable:" + (round % 300), "rewritten");
                client.call("EXPIRE", "stable:" + ((round + 7) % 300), "1000");
                round++;
            } while (!cursor.equals("0"));
            assertTrue(seen.containsAll(stable), () -> "missing " + stable.stream().filter(k -> !seen.contains(k))
                .toList());
            assertTrue(round > 50, "the scan took " + round + " calls");
        }
    }

    @Test
    void scanFiltersAndRandomKey() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            client.call("SELECT", "14");
            for (int i = 0; i < 10; i++) {
                client.call("SET", "r:" + i, "v");
            }
            assertEquals(Set.of("r:1"), new HashSet<>(scanAll(client, 3, "r:1")));
            assertEquals(10, scanAll(client, 3, "r:*").size());
            assertTrue(scanAll(client, 3, "x*").isEmpty());
            final Set<String> picked = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                final String reply = client.call("RANDOMKEY");
                picked.add(reply.split("\r\n")[1]);
            }
            assertTrue(picked.size() > 1, "RANDOMKEY always answered " + picked);
            assertTrue(picked.stream().allMatch(k -> k.startsWith("r:")), picked.toString());
            client.call("FLUSHDB");
            assertEquals("$-1\r\n", client.call("RANDOMKEY"));
            assertFalse(scanPage(client, "0", 10, null).size() > 1);
        }
    }

    @Test
    void aCursorPastEveryPositionEndsTheScan() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            client.call("SELECT", "15");
            client.call("SET", "p:a", "v");
            assertEquals(List.of("0"), scanPage(client, "9223372036854775808", 10, null));
            assertEquals(List.of("0"), scanPage(client, "18446744073709551615", 10, null));
            final List<String> fromStart = scanPage(client, "0", 1, null);
            assertNotEquals("0", fromStart.get(0), "a full page continues");
            assertEquals(List.of("0"), scanPage(client, fromStart.get(0), 1, null));
        }
    }

    /** The keys of a whole SCAN with COUNT {@code count} and optional MATCH, in the order returned. */
    static List<String> scanAll(final RawRespClient client, final int count, final String match) throws IOException {
        final List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            final List<String> page = scanPage(client, cursor, count, match);
            cursor = page.get(0);
            keys.addAll(page.subList(1, page.size()));
        } while (!cursor.equals("0"));
        return keys;
    }

    /** One SCAN call: the next cursor, then the keys. */
    static List<String> scanPage(final RawRespClient client, final String cursor, final int count,
                                 final String match) throws IOException {
        final List<String> args = new ArrayList<>(List.of("SCAN", cursor, "COUNT", Integer.toString(count)));
        if (match != null) {
            args.addAll(List.of("MATCH", match));
        }
        final String[] lines = client.call(args.toArray(String[]::new)).split("\r\n");
        final List<String> out = new ArrayList<>();
        out.add(lines[2]);
        for (int i = 5; i < lines.length; i += 2) {
            out.add(lines[i]);
        }
        return out;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
