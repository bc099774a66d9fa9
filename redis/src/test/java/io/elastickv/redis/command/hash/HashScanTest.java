package io.elastickv.redis.command.hash;

import static io.elastickv.redis.command.hash.HashDifferentialTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HSCAN over hashes too large to answer whole: page sizes, cursors that resume anywhere (another call,
 * inside MULTI), and the SCAN guarantee under concurrent change: a field present for the whole iteration
 * is returned. redis-server pages by hash buckets, so these properties are checked on elastickv alone.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HashScanTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(1);

    private static RawRespClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = new RawRespClient(SERVERS.leaderPort());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void pagesHoldCountFieldsAndCursorsFitASignedLong() throws Exception {
        final Set<String> fields = load("sp:h", numbered("user:", 1000));
        final Set<String> seen = new HashSet<>();
        String cursor = "0";
        int pages = 0;
        do {
            final Page page = scan("sp:h", cursor, "COUNT", "10");
            cursor = page.cursor;
            assertTrue(Long.parseLong(cursor) >= 0, cursor);
            if (!cursor.equals("0")) {
                assertEquals(10, page.fields.size(), () -> "page of " + page.fields);
            }
            seen.addAll(page.fields);
            pages++;
        } while (!cursor.equals("0"));
        assertEquals(fields, seen);
        assertEquals(100, pages);
    }

    @Test
    void matchFiltersEachPage() throws Exception {
        load("sm:h", numbered("k", 500));
        final Page first = scan("sm:h", "0", "COUNT", "100", "MATCH", "k*7");
        assertNotEquals("0", first.cursor);
        assertEquals(Set.of("k00007", "k00017", "k00027", "k00037", "k00047", "k00057", "k00067", "k00077",
            "k00087", "k00097"), new HashSet<>(first.fields));
        assertEquals(50, scanAll("sm:h", "MATCH", "k*7").size());
    }

    @Test
    void noFieldPresentThroughoutIsMissedWhileTheHashChanges() throws Exception {
        final Random random = new Random(42);
        final Set<String> present = load("sc:h", numbered("i", 800));
        final Set<String> throughout = new HashSet<>(present);
        final Set<String> seen = new HashSet<>();
        int returned = 0;
        String cursor = "0";
        int calls = 0;
        do {
            final Page page = scan("sc:h", cursor, "COUNT", "23");
            cursor = page.cursor;
            seen.addAll(page.fields);
            returned += page.fields.size();
            for (int i = 0; i < 5; i++) {
                final String victim = new ArrayList<>(present).get(random.nextInt(present.size()));
                hash("HDEL", "sc:h", victim);
                present.remove(victim);
                throughout.remove(victim);
                final String added = "i" + random.nextInt(2000) + "x";
                hash("HSET", "sc:h", added, "v");
                present.add(added);
            }
            // A field outside the shared prefix "i" makes the next call restart (duplicates, no misses);
            // once it is gone the prefix is back.
            final String outlier = calls < 10 ? "a-outlier" : "\u00ff-outlier";
            if (calls == 3 || calls == 10) {
                hash("HSET", "sc:h", outlier, "v");
                present.add(outlier);
            } else if (calls == 6 || calls == 13) {
                hash("HDEL", "sc:h", outlier);
                present.remove(outlier);
            }
            assertTrue(++calls < 10_000, "HSCAN did not end");
        } while (!cursor.equals("0"));
        final Set<String> missed = new TreeSet<>(throughout);
        missed.removeAll(seen);
        assertEquals(Set.of(), missed);
        assertTrue(calls > 13, "the scan ended before the outliers came and went: calls=" + calls);
        assertTrue(returned > seen.size(), "no call restarted: returned=" + returned);
    }

    @Test
    void deletingEveryFieldBeforeTheCursorSkipsNothingAfterIt() throws Exception {
        // "a.." and "b.." fields share no prefix; the cursor of a page within the "a" fields must not be
        // rebuilt against the "b" fields once every "a" field is gone.
        final List<String> early = numbered("a", 100);
        final Set<String> late = load("sd:h", numbered("b", 200));
        load("sd:h", early);
        final Page first = scan("sd:h", "0", "COUNT", "10");
        final List<String> delete = new ArrayList<>(List.of("HDEL", "sd:h"));
        delete.addAll(early);
        hash(delete.toArray(String[]::new));
        final Set<String> seen = resume("sd:h", first, "COUNT", "10");
        assertTrue(seen.containsAll(late), () -> "missed " + late.stream().filter(f -> !seen.contains(f)).toList());
    }

    @Test
    void aRunOfFieldsAgreeingOnTheirCursorBytesComesBackInOnePage() throws Exception {
        // Past the longest shared prefix a cursor records (4095 bytes) plus 6 bytes, these fields agree:
        // no cursor can separate them, so the first call returns them all.
        final String shared = "p".repeat(5000);
        final Set<String> fields = load("sr:h", numbered(shared, 200));
        final Page page = scan("sr:h", "0", "COUNT", "10");
        assertEquals("0", page.cursor);
        assertEquals(fields, new HashSet<>(page.fields));
    }

    @Test
    void fieldsOfHighBytes() throws Exception {
        final Set<String> fields = load("sx:h", numbered("\u00ff\u00ff", 300));
        fields.addAll(load("sx:h", numbered("\u00ff\u00ff\u00ff", 10)));
        assertEquals(fields, scanAll("sx:h", "COUNT", "7"));
    }

    @Test
    void aCursorFromInsideMultiResumesOutside() throws Exception {
        final Set<String> fields = load("st:h", numbered("t", 300));
        client.call("MULTI");
        client.call("HSCAN", "st:h", "0", "COUNT", "50");
        final List<Object> exec = Replies.list(client.call(bytes("EXEC")));
        final Page first = Page.of(exec.get(0));
        assertEquals(50, first.fields.size());
        assertEquals(fields, resume("st:h", first, "COUNT", "50"));
    }

    @Test
    void aMadeUpCursorStillAnswersFromTheHash() throws Exception {
        final Set<String> fields = load("sz:h", numbered("z", 200));
        for (final String cursor : List.of("1", "12345", "9223372036854775807", "18446744073709551615")) {
            final Page page = scan("sz:h", cursor, "COUNT", "10");
            assertTrue(fields.containsAll(page.fields), cursor);
        }
    }

    // ---- helpers

    /** One HSCAN reply: the next cursor and the fields (values dropped). */
    private record Page(String cursor, List<String> fields) {
        static Page of(final Object reply) {
            final List<?> parts = (List<?>) reply;
            final List<?> items = (List<?>) parts.get(1);
            final List<String> fields = new ArrayList<>();
            for (int i = 0; i < items.size(); i += 2) {
                fields.add((String) items.get(i));
            }
            return new Page((String) parts.get(0), fields);
        }
    }

    private static Page scan(final String key, final String cursor, final String... options) throws IOException {
        final List<String> command = new ArrayList<>(List.of("HSCAN", key, cursor));
        command.addAll(List.of(options));
        return Page.of(Replies.parse(client.call(bytes(command.toArray(String[]::new)))));
    }

    /** The fields of {@code first} and of every page after it, to the end of the iteration. */
    private static Set<String> resume(final String key, final Page first, final String... options)
        throws IOException {
        final Set<String> seen = new HashSet<>(first.fields);
        String cursor = first.cursor;
        while (!cursor.equals("0")) {
            final Page page = scan(key, cursor, options);
            seen.addAll(page.fields);
            cursor = page.cursor;
        }
        return seen;
    }

    private static Set<String> scanAll(final String key, final String... options) throws IOException {
        final Set<String> fields = new HashSet<>();
        for (final String pair : HashDifferentialTest.scanAll(SERVERS.leaderPort(), key, options)) {
            fields.add(pair.substring(0, pair.lastIndexOf('=')));
        }
        return fields;
    }

    private static Set<String> load(final String key, final List<String> fields) throws IOException {
        final List<String> command = new ArrayList<>(List.of("HSET", key));
        for (final String field : fields) {
            command.add(field);
            command.add("v");
        }
        assertEquals(":" + fields.size(), new String(client.call(bytes(command.toArray(String[]::new))),
            StandardCharsets.ISO_8859_1).strip());
        return new HashSet<>(fields);
    }

    private static void hash(final String... command) throws IOException {
        assertTrue(new String(client.call(bytes(command)), StandardCharsets.ISO_8859_1).startsWith(":"));
    }

    private static List<String> numbered(final String prefix, final int count) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + String.format("%05d", i));
        }
        return out;
    }
}
