package io.elastickv.redis.keyspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.common.config.Config;
import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.ExecutionContext;
import io.elastickv.raft.entry.LogEntry;
import io.elastickv.raft.statemachine.EntryApplier;
import io.elastickv.redis.exec.ReadView;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.hlc.HybridLogicalClock;
import io.elastickv.store.rocksdb.RocksMvccStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyspace's whole-key and whole-database operations over a real store, each write applied as a log
 * entry by the real {@link EntryApplier}: every record family (metadata, members, scan order, expiry index,
 * sizes) must follow a key when it is copied, swapped or flushed.
 */
class KeyspaceTest {
    private static final long NOW_MS = System.currentTimeMillis();
    /** More members than one store scan reads, so chunked walks are exercised. */
    private static final int MEMBERS = 2500;

    @TempDir
    Path directory;

    private RocksMvccStore store;
    private EntryApplier applier;
    private BiConsumer<ExecutionContext, Keyspace> pending;
    private long index;

    @BeforeEach
    void open() {
        store = RocksMvccStore.open(directory, Config.builder().set(StoreConfigKeys.GC_BACKGROUND, false).build());
        applier = new EntryApplier(store, new CommandExecutor() {
            @Override
            public byte[] execute(final byte[] command, final ExecutionContext context) {
                pending.accept(context, new Keyspace(context, 0, true));
                return new byte[0];
            }

            @Override
            public byte[] errorReply(final byte[] command, final RuntimeException failure) {
                throw failure;
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Runs {@code action} as the one command of the next log entry, on database 0. */
    private void write(final BiConsumer<ExecutionContext, Keyspace> action) {
        pending = action;
        index++;
        applier.apply(new LogEntry(HybridLogicalClock.compose(NOW_MS, (int) index), index, 0,
            List.of(new byte[] {1})), index);
    }

    private <T> T read(final int db, final Function<Keyspace, T> query) {
        return query.apply(new Keyspace(ReadView.atWatermark(store), db, false));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code key} as a hash of {@link #MEMBERS} fields {@code f<i>} = {@code v<i>}. */
    private static void hash(final Keyspace keyspace, final byte[] key, final long expiryMs) {
        final KeyMeta meta = keyspace.newCollection(RedisType.HASH);
        for (int i = 0; i < MEMBERS; i++) {
            keyspace.putMember(key, meta, bytes("f" + i), bytes("v" + i));
        }
        keyspace.createCollection(key, meta, MEMBERS, expiryMs);
    }

    private static List<String> fields(final Keyspace keyspace, final byte[] key) {
        final KeyMeta meta = keyspace.lookup(key);
        final List<String> out = new ArrayList<>();
        for (final Keyspace.Member member : keyspace.members(key, meta, null, Integer.MAX_VALUE)) {
            out.add(new String(member.name(), StandardCharsets.UTF_8) + "=" + new String(member.value(),
                StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The expiry index as "db:key" entries. */
    private List<String> dueKeys() {
        return Keyspace.dueKeys(ReadView.atWatermark(store), Long.MAX_VALUE, 100).stream()
            .map(d -> d.db() + ":" + new String(d.key(), StandardCharsets.UTF_8)).toList();
    }

    /** Every stored record whose key starts with {@code prefix}. */
    private List<KeyValue> records(final byte... prefix) {
        return store.scan(Bound.inclusive(prefix), Bound.exclusive(RedisKeys.prefixEnd(prefix)),
            store.commitWatermark(), Integer.MAX_VALUE);
    }

    @Test
    void copyWritesTheMembersUnderAFreshGenerationAndKeepsTheExpiry() {
        final long expiry = NOW_MS + 3_600_000;
        write((context, keyspace) -> hash(keyspace, bytes("h"), expiry));
        final List<String> original = read(0, k -> fields(k, bytes("h")));
        write((context, keyspace) -> {
            final KeyMeta meta = keyspace.lookup(bytes("h"));
            keyspace.copy(bytes("h"), meta, keyspace.database(3), bytes("h2"), null);
            keyspace.delete(bytes("h"), meta);
        });
        assertNull(read(0, k -> k.lookup(bytes("h"))));
        assertEquals(original, read(3, k -> fields(k, bytes("h2"))));
        final KeyMeta copy = read(3, k -> k.lookup(bytes("h2")));
        assertEquals(expiry, copy.expiryMs());
        assertEquals(MEMBERS, copy.count());
        assertEquals(MEMBERS, records(RedisKeys.MEMBER).size(), "the original's members are gone");
        assertEquals(List.of("3:h2"), dueKeys());
    }

    @Test
    void swapMovesEveryRecordFamilyBothWays() {
        final long expiry = NOW_MS + 3_600_000;
        write((context, keyspace) -> {
            hash(keyspace, bytes("h"), expiry);
            keyspace.setString(bytes("s"), null, bytes("zero"), 0);
            keyspace.database(1).setString(bytes("s"), null, bytes("one"), expiry);
            keyspace.database(1).setString(bytes("t"), null, bytes("only-in-one"), 0);
        });
        write((context, keyspace) -> keyspace.swapWith(1));
        assertEquals(2, read(0, Keyspace::size));
        assertEquals(2, read(1, Keyspace::size));
        assertArrayEquals(bytes("one"), read(0, k -> k.getString(bytes("s"))));
        assertEquals(expiry, read(0, k -> k.lookup(bytes("s"))).expiryMs());
        assertArrayEquals(bytes("zero"), read(1, k -> k.getString(bytes("s"))));
        assertEquals(MEMBERS, read(1, k -> fields(k, bytes("h"))).size());
        assertEquals(1, read(1, Keyspace::expiringSize));
        assertEquals(List.of("0:s", "1:h"), dueKeys().stream().sorted().toList());
        assertEquals(2, read(1, k -> k.scan(0, 100)).entries().size());
    }

    @Test
    void flushLeavesNoRecordOfTheDatabase() {
        write((context, keyspace) -> {
            hash(keyspace, bytes("h"), NOW_MS + 3_600_000);
            for (int i = 0; i < 1500; i++) {
                keyspace.setString(bytes("s" + i), null, bytes("v"), i % 2 == 0 ? 0 : NOW_MS + 3_600_000 + i);
            }
            keyspace.database(1).setString(bytes("other"), null, bytes("v"), NOW_MS + 3_600_000);
        });
        write((context, keyspace) -> keyspace.flush());
        for (final byte family : new byte[] {RedisKeys.META, RedisKeys.MEMBER, RedisKeys.SCAN_ORDER,
            RedisKeys.SIZES}) {
            assertTrue(records(family, (byte) 0).isEmpty(), "family " + (char) family);
        }
        assertEquals(List.of("1:other"), dueKeys());
        assertEquals(1, read(1, Keyspace::size));
    }

    /**
     * Keys that share a scan-order hash (forced here by rewriting their index entries) come in one page,
     * because a cursor cannot point between them.
     */
    @Test
    void aScanPageEndsWithEveryKeyOfItsLastHash() {
        final long low = 5;
        write((context, keyspace) -> {
            for (final String key : List.of("a", "b", "c", "d", "e")) {
                keyspace.setString(bytes(key), null, bytes("v"), 0);
            }
            for (final String key : List.of("a", "b", "c")) {
                context.delete(RedisKeys.scanOrder(0, RedisKeys.keyHash(bytes(key)), bytes(key)));
                context.put(RedisKeys.scanOrder(0, low, bytes(key)), new byte[0], 0);
            }
            context.delete(RedisKeys.scanOrder(0, RedisKeys.keyHash(bytes("e")), bytes("e")));
            context.put(RedisKeys.scanOrder(0, Long.MAX_VALUE, bytes("e")), new byte[0], 0);
        });
        final Keyspace.ScanPage first = read(0, k -> k.scan(0, 1));
        assertEquals(List.of("a", "b", "c"), keys(first));
        assertEquals(low + 1, first.nextCursor());
        final Keyspace.ScanPage second = read(0, k -> k.scan(first.nextCursor(), 1));
        assertEquals(List.of("d"), keys(second));
        final Keyspace.ScanPage last = read(0, k -> k.scan(second.nextCursor(), 1));
        assertEquals(List.of("e"), keys(last));
        assertEquals(0, last.nextCursor(), "nothing can follow the last position");
    }

    private static List<String> keys(final Keyspace.ScanPage page) {
        return page.entries().stream().map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList();
    }
}
