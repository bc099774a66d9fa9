package io.elastickv.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.common.config.Config;
import io.elastickv.store.Bound;
import io.elastickv.store.CheckpointInfo;
import io.elastickv.store.Durability;
import io.elastickv.store.GcStats;
import io.elastickv.store.KeyValue;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.MvccReader;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.StoreFormatException;
import io.elastickv.store.StoreUnavailableException;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RocksMvccStoreTest {
    private static final long T0 = HybridLogicalClock.compose(1_700_000_000_000L, 0);

    @TempDir
    Path tempDir;

    private static Config config(final Durability durability) {
        return Config.builder().set(StoreConfigKeys.DURABILITY, durability)
            .set(StoreConfigKeys.GC_BACKGROUND, false).build();
    }

    private static byte[] b(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long ts(final long n) {
        return T0 + n;
    }

    /** Applies batch {@code i} (writes counter=i and key{i%7}=v{i}) at ts(i) and index i. */
    private static void applyNumbered(final RocksMvccStore store, final long i) {
        store.apply(MutationBatch.builder().put(b("counter"), b(Long.toString(i)))
            .put(b("key" + (i % 7)), b("v" + i)).build(), ts(i), i);
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void restartReopensAtTheLastAppliedBatch(final Durability durability) {
        final Path directory = tempDir.resolve("store");
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(durability))) {
            for (long i = 1; i <= 50; i++) {
                applyNumbered(store, i);
            }
            store.apply(MutationBatch.builder().delete(b("key3")).build(), ts(51), 60);
        }
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(durability))) {
            assertEquals(60, store.appliedIndex());
            assertEquals(ts(51), store.commitWatermark());
            assertArrayEquals(b("50"), store.get(b("counter"), ts(51)));
            assertNull(store.get(b("key3"), ts(51)));
            assertArrayEquals(b("v45"), store.get(b("key3"), ts(50)), "history survives the restart");
            assertEquals(ts(51), store.latestCommitTs(b("key3")));
        }
    }

    @Test
    void applyRejectsIndexesAndTimestampsThatDoNotAdvance() {
        try (RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), config(Durability.SYNC_WAL))) {
            store.apply(MutationBatch.EMPTY, ts(5), 5);
            final IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> store.apply(MutationBatch.EMPTY, ts(6), 5));
            assertEquals("appliedIndex=5 must be > the store's appliedIndex=5", index.getMessage());
            final IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> store.apply(MutationBatch.EMPTY, ts(5), 6));
            assertEquals("commitTs=" + ts(5) + " must be > commitWatermark=" + ts(5), time.getMessage());
            assertEquals(5, store.appliedIndex());
        }
    }

    @Test
    void expiringValueIsReadableUntilItsExpiryMillisecondInclusive() {
        try (RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), config(Durability.SYNC_WAL))) {
            final long expiry = 1_700_000_000_010L;
            store.apply(MutationBatch.builder().put(b("session"), b("x"), expiry).build(), ts(1), 1);
            final KeyValue entry = store.getEntry(b("session"), HybridLogicalClock.compose(expiry, 7));
            assertEquals(expiry, entry.expiryMs());
            assertNull(store.get(b("session"), HybridLogicalClock.compose(expiry + 1, 0)));
            assertEquals(List.of(), store.scan(Bound.unbounded(), Bound.unbounded(),
                HybridLogicalClock.compose(expiry + 1, 0), 10));
        }
    }

    @Test
    void checkpointHoldsExactlyTheStateAtItsAppliedIndexWhileAWriterRuns() throws Exception {
        final Path directory = tempDir.resolve("store");
        final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(Durability.NO_WAL))) {
            applyNumbered(store, 1);
            final Thread writer = new Thread(() -> {
                try {
                    for (long i = 2; i <= 3_000; i++) {
                        applyNumbered(store, i);
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            });
            writer.start();
            while (store.appliedIndex() < 500 && writer.isAlive()) {
                Thread.onSpinWait();
            }
            final CheckpointInfo info = store.checkpoint(tempDir.resolve("checkpoint"));
            writer.join();
            assertNull(writerFailure.get());
            assertTrue(info.appliedIndex() >= 500, "checkpoint taken mid-run: " + info);
            try (RocksMvccStore copy = RocksMvccStore.open(info.directory(), config(Durability.NO_WAL))) {
                assertEquals(info.appliedIndex(), copy.appliedIndex());
                assertEquals(info.commitWatermark(), copy.commitWatermark());
                assertArrayEquals(b(Long.toString(info.appliedIndex())),
                    copy.get(b("counter"), copy.commitWatermark()));
                assertEquals(copy.latestCommitTs(b("counter")), copy.commitWatermark(), "nothing after the index");
            }
            assertEquals(3_000, store.appliedIndex(), "the live store went on");
        }
    }

    @Test
    void checkpointRefusesAnExistingTarget() throws Exception {
        try (RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), config(Durability.SYNC_WAL))) {
            final Path target = Files.createDirectory(tempDir.resolve("taken"));
            assertThrows(IllegalArgumentException.class, () -> store.checkpoint(target));
        }
    }

    @Test
    void replaceWithInstallsACheckpointAndSurvivesRestart() {
        final Path leaderDir = tempDir.resolve("leader");
        final Path followerDir = tempDir.resolve("follower");
        final CheckpointInfo snapshot;
        try (RocksMvccStore leader = RocksMvccStore.open(leaderDir, config(Durability.NO_WAL))) {
            for (long i = 1; i <= 100; i++) {
                applyNumbered(leader, i);
            }
            snapshot = leader.checkpoint(tempDir.resolve("snapshot"));
        }
        try (RocksMvccStore follower = RocksMvccStore.open(followerDir, config(Durability.NO_WAL))) {
            follower.apply(MutationBatch.builder().put(b("stale"), b("gone")).build(), ts(1), 1);
            follower.replaceWith(snapshot.directory());
            assertEquals(100, follower.appliedIndex());
            assertEquals(ts(100), follower.commitWatermark());
            assertNull(follower.get(b("stale"), ts(100)));
            assertArrayEquals(b("100"), follower.get(b("counter"), ts(100)));
            assertFalse(Files.exists(snapshot.directory()), "the checkpoint was moved into place");
            assertFalse(Files.exists(StoreLayout.replacedPath(followerDir)), "the old data was deleted");
            applyNumbered(follower, 101);
        }
        try (RocksMvccStore follower = RocksMvccStore.open(followerDir, config(Durability.NO_WAL))) {
            assertEquals(101, follower.appliedIndex());
            assertArrayEquals(b("101"), follower.get(b("counter"), ts(101)));
        }
    }

    @Test
    void replaceWithRefusesSomethingThatIsNotACheckpointAndKeepsServing() throws Exception {
        try (RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), config(Durability.SYNC_WAL))) {
            applyNumbered(store, 1);
            final Path junk = Files.createDirectory(tempDir.resolve("junk"));
            Files.writeString(junk.resolve("CURRENT"), "MANIFEST-000001\n");
            assertThrows(StoreFormatException.class, () -> store.replaceWith(junk));
            final Path empty = Files.createDirectory(tempDir.resolve("empty"));
            assertThrows(StoreFormatException.class, () -> store.replaceWith(empty));
            assertArrayEquals(b("1"), store.get(b("counter"), ts(1)));
        }
    }

    @Test
    void openFinishesOrRollsBackAnInterruptedReplace() throws Exception {
        final Path directory = tempDir.resolve("store");
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(Durability.SYNC_WAL))) {
            applyNumbered(store, 1);
        }
        // Crash after the live store was moved aside but before the checkpoint was moved in: roll back.
        Files.move(directory, StoreLayout.replacedPath(directory));
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(Durability.SYNC_WAL))) {
            assertEquals(1, store.appliedIndex());
            applyNumbered(store, 2);
        }
        // Crash after the checkpoint was moved in but before the old copy was deleted: finish.
        Files.createDirectories(StoreLayout.replacedPath(directory)).resolve("x");
        try (RocksMvccStore store = RocksMvccStore.open(directory, config(Durability.SYNC_WAL))) {
            assertEquals(2, store.appliedIndex());
        }
        assertFalse(Files.exists(StoreLayout.replacedPath(directory)));
    }

    @Test
    void pinnedReaderSeesOneStateWhileWritesAndGcRun() throws Exception {
        final Config aggressiveGc = Config.builder().set(StoreConfigKeys.DURABILITY, Durability.NO_WAL)
            .set(StoreConfigKeys.GC_RETENTION_MS, 0L).set(StoreConfigKeys.GC_SLICE_INTERVAL_MS, 1L)
            .set(StoreConfigKeys.GC_PASS_INTERVAL_MS, 1L).set(StoreConfigKeys.GC_SLICE_VERSIONS, 50).build();
        final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        try (RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), aggressiveGc)) {
            for (long i = 1; i <= 20; i++) {
                applyNumbered(store, i);
            }
            try (MvccReader reader = store.openReader(store.commitWatermark())) {
                final List<KeyValue> before = reader.scan(Bound.unbounded(), Bound.unbounded(), 100);
                final List<KeyValue> beforeReverse = reader.reverseScan(Bound.unbounded(), Bound.unbounded(), 100);
                final Thread writer = new Thread(() -> {
                    try {
                        for (long i = 21; i <= 2_000; i++) {
                            if (i % 3 == 0) {
                                store.apply(MutationBatch.builder().delete(b("key" + (i % 7))).build(), ts(i), i);
                            } else {
                                applyNumbered(store, i);
                            }
                        }
                    } catch (Throwable t) {
                        writerFailure.set(t);
                    }
                });
                writer.start();
                while (writer.isAlive()) {
                    assertEquals(before, reader.scan(Bound.unbounded(), Bound.unbounded(), 100));
                    assertEquals(beforeReverse, reader.reverseScan(Bound.unbounded(), Bound.unbounded(), 100));
                    assertArrayEquals(b("20"), reader.get(b("counter")).value());
                }
                writer.join();
                assertNull(writerFailure.get());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (store.gcStats().passes() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(store.gcStats().passes() >= 3, "background GC made passes: " + store.gcStats());
                assertTrue(store.gcStats().horizon() <= reader.readTs(), "GC never passes an open reader");
                assertEquals(before, reader.scan(Bound.unbounded(), Bound.unbounded(), 100));
            }
        }
    }

    @Test
    void backgroundGcRemovesOverwrittenDeletedAndExpiredVersions() throws Exception {
        final Path directory = tempDir.resolve("store");
        final Config config = Config.builder().set(StoreConfigKeys.GC_RETENTION_MS, 0L)
            .set(StoreConfigKeys.GC_SLICE_INTERVAL_MS, 1L).set(StoreConfigKeys.GC_PASS_INTERVAL_MS, 1L)
            .set(StoreConfigKeys.GC_SLICE_VERSIONS, 3).build();
        final long physical = 1_700_000_000_000L;
        try (RocksMvccStore store = RocksMvccStore.open(directory, config)) {
            store.apply(MutationBatch.builder().put(b("kept"), b("1")).put(b("deleted"), b("1"))
                .put(b("expiring"), b("1"), physical + 5).build(), HybridLogicalClock.compose(physical, 0), 1);
            store.apply(MutationBatch.builder().put(b("kept"), b("2")).delete(b("deleted")).build(),
                HybridLogicalClock.compose(physical + 1, 0), 2);
            store.apply(MutationBatch.builder().put(b("kept"), b("3")).build(),
                HybridLogicalClock.compose(physical + 100, 0), 3);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            GcStats stats = store.gcStats();
            while (stats.versionsRemoved() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(5);
                stats = store.gcStats();
            }
            assertEquals(5, stats.versionsRemoved(), stats.toString());
            assertEquals(1, stats.tombstonesRemoved());
            assertEquals(1, stats.expiredRemoved());
            assertArrayEquals(b("3"), store.get(b("kept"), store.commitWatermark()));
        }
        final NavigableMap<byte[], Integer> stored = RawVersions.countPerKey(directory);
        assertEquals(1, stored.size(), "only the newest version of 'kept' remains");
        assertEquals(1, stored.get(b("kept")));
    }

    @Test
    void refusesADirectoryWrittenByANewerFormat() {
        final Path directory = tempDir.resolve("store");
        RocksMvccStore.open(directory, config(Durability.SYNC_WAL)).close();
        final RocksInstance raw = RocksInstance.open(directory, config(Durability.SYNC_WAL));
        try {
            raw.db().put(raw.metaFamily(), StoreLayout.FORMAT_VERSION_KEY, new byte[] {0, 0, 0, 2});
        } catch (org.rocksdb.RocksDBException e) {
            throw new AssertionError(e);
        } finally {
            raw.release();
        }
        final StoreFormatException e = assertThrows(StoreFormatException.class,
            () -> RocksMvccStore.open(directory, config(Durability.SYNC_WAL)));
        assertEquals(directory + " was written in store format version 2; this build reads format version 1"
            + " (the directory comes from a newer elastickv)", e.getMessage());
    }

    @Test
    void refusesARocksDbThatIsNotAStore() throws Exception {
        final Path directory = tempDir.resolve("foreign");
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, directory.toString())) {
            db.put(b("some"), b("data"));
        }
        final StoreFormatException e = assertThrows(StoreFormatException.class,
            () -> RocksMvccStore.open(directory, config(Durability.SYNC_WAL)));
        assertTrue(e.getMessage().contains("not an elastickv store"), e.getMessage());
    }

    @Test
    void callsAfterCloseFailCleanly() {
        final RocksMvccStore store = RocksMvccStore.open(tempDir.resolve("s"), config(Durability.NO_WAL));
        final MvccReader reader = store.openReader(1);
        reader.close();
        store.close();
        store.close();
        assertThrows(StoreUnavailableException.class, () -> store.get(b("k"), 1));
        assertThrows(StoreUnavailableException.class, () -> store.apply(MutationBatch.EMPTY, 1, 1));
        assertThrows(IllegalStateException.class, () -> reader.get(b("k")));
    }
}
