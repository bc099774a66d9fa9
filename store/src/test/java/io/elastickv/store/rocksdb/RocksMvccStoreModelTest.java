package io.elastickv.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.elastickv.common.config.Config;
import io.elastickv.store.Bound;
import io.elastickv.store.Durability;
import io.elastickv.store.GcStats;
import io.elastickv.store.KeyValue;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.MvccReader;
import io.elastickv.store.ReadTooOldException;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.codec.KeyCodecTest;
import io.elastickv.store.hlc.HybridLogicalClock;
import io.elastickv.testkit.RandomSeedExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of random applies, reads, scans, GC passes, pinned readers and restarts, each result compared
 * with {@link VersionModel}. At the end, what is physically stored must equal what the GC rule keeps.
 */
@ExtendWith(RandomSeedExtension.class)
class RocksMvccStoreModelTest {
    /** Operations per run; raise it for a long soak: {@code -Dstore.model.steps=1000000}. */
    private static final int STEPS = Integer.getInteger("store.model.steps", 10_000);
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path tempDir;

    private Random random;
    private List<byte[]> keyPool;
    private RocksMvccStore store;
    private final VersionModel model = new VersionModel();
    private final List<MvccReader> readers = new ArrayList<>();
    private long physicalMs = START_MS;
    private long lastTs;
    private long lastIndex;
    private final List<Long> commitTimestamps = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(Durability.class)
    void randomHistoryMatchesTheModel(final Durability durability, final Random random) {
        this.random = random;
        this.keyPool = keyPool(random);
        final Path directory = tempDir.resolve("store");
        final Config config = Config.builder()
            .set(StoreConfigKeys.DURABILITY, durability)
            .set(StoreConfigKeys.GC_BACKGROUND, false)
            .set(StoreConfigKeys.GC_RETENTION_MS, (long) random.nextInt(4))
            .set(StoreConfigKeys.GC_SLICE_VERSIONS, 1 + random.nextInt(40))
            .build();
        store = RocksMvccStore.open(directory, config);
        try {
            for (int step = 0; step < STEPS; step++) {
                final int op = random.nextInt(100);
                if (op < 40) {
                    applyRandomBatch();
                } else if (op < 58) {
                    final byte[] key = randomKey();
                    final long readTs = randomReadTs();
                    assertEquals(model.get(key, readTs), store.getEntry(key, readTs),
                        () -> "get " + hex(key) + " at " + readTs);
                } else if (op < 78) {
                    checkRandomScan();
                } else if (op < 83) {
                    final byte[] key = randomKey();
                    assertEquals(model.latestCommitTs(key), store.latestCommitTs(key), () -> "latest " + hex(key));
                } else if (op < 87) {
                    collectGarbage();
                } else if (op < 91) {
                    readers.add(store.openReader(randomReadTs()));
                } else if (op < 94 && !readers.isEmpty()) {
                    readers.remove(random.nextInt(readers.size())).close();
                } else if (op < 98) {
                    checkOpenReaders();
                } else {
                    restart(directory, config);
                }
            }
            readers.forEach(MvccReader::close);
            readers.clear();
            collectGarbage();
        } finally {
            readers.forEach(MvccReader::close);
            store.close();
        }
        assertEquals(model.versionCounts(), RawVersions.countPerKey(directory),
            "stored versions after a full GC pass");
    }

    private void applyRandomBatch() {
        final MutationBatch.Builder batch = MutationBatch.builder();
        final int size = random.nextInt(7);
        for (int i = 0; i < size; i++) {
            final byte[] key = randomKey();
            final int kind = random.nextInt(10);
            if (kind < 2) {
                batch.delete(key);
            } else if (kind < 4) {
                batch.put(key, randomValue(), physicalMs + random.nextInt(8) - 2);
            } else {
                batch.put(key, randomValue());
            }
        }
        physicalMs += random.nextInt(3);
        final long ts = Math.max(lastTs + 1, HybridLogicalClock.compose(physicalMs, random.nextInt(4)));
        physicalMs = HybridLogicalClock.physicalMs(ts);
        lastTs = ts;
        commitTimestamps.add(ts);
        lastIndex += 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
        final MutationBatch built = batch.build();
        store.apply(built, ts, lastIndex);
        model.apply(built, ts);
        assertEquals(lastIndex, store.appliedIndex());
        assertEquals(ts, store.commitWatermark());
    }

    private void checkRandomScan() {
        final Bound lower = randomBound();
        final Bound upper = randomBound();
        final long readTs = randomReadTs();
        final int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 60);
        final boolean reverse = random.nextBoolean();
        final List<KeyValue> expected = model.scan(lower, upper, readTs, limit, reverse);
        final List<KeyValue> actual = reverse ? store.reverseScan(lower, upper, readTs, limit)
            : store.scan(lower, upper, readTs, limit);
        assertEquals(expected, actual, () -> (reverse ? "reverse " : "") + "scan " + lower + ".." + upper
            + " at " + readTs + " limit " + limit);
    }

    private void checkOpenReaders() {
        for (final MvccReader reader : readers) {
            final byte[] key = randomKey();
            assertEquals(model.get(key, reader.readTs()), reader.get(key), "pinned reader get");
            final Bound lower = randomBound();
            final Bound upper = randomBound();
            assertEquals(model.scan(lower, upper, reader.readTs(), 20, false), reader.scan(lower, upper, 20));
            assertEquals(model.scan(lower, upper, reader.readTs(), 20, true), reader.reverseScan(lower, upper, 20));
        }
    }

    private void collectGarbage() {
        final GcStats stats = store.collectGarbage();
        final long horizon = stats.horizon();
        model.collectGarbage(horizon);
        if (horizon > 1) {
            assertThrows(ReadTooOldException.class, () -> store.getEntry(randomKey(), horizon - 1));
            assertThrows(ReadTooOldException.class, () -> store.openReader(horizon - 1));
        }
    }

    private void restart(final Path directory, final Config config) {
        readers.forEach(MvccReader::close);
        readers.clear();
        final long horizon = store.gcStats().horizon();
        store.close();
        store = RocksMvccStore.open(directory, config);
        assertEquals(lastIndex, store.appliedIndex());
        assertEquals(lastTs, store.commitWatermark());
        if (horizon > 1 && store.gcStats().horizon() >= horizon) {
            assertThrows(ReadTooOldException.class, () -> store.getEntry(randomKey(), horizon - 1));
        }
    }

    private long randomReadTs() {
        final long horizon = Math.max(1, store.gcStats().horizon());
        if (!commitTimestamps.isEmpty() && random.nextInt(3) == 0) {
            // Reads exactly at, just before and just after a commit are where off-by-one errors live.
            final long commitTs = commitTimestamps.get(random.nextInt(commitTimestamps.size()))
                + random.nextInt(3) - 1;
            if (commitTs >= horizon) {
                return commitTs;
            }
        }
        final long span = Math.max(0, lastTs - horizon) + (3L << HybridLogicalClock.LOGICAL_BITS);
        return horizon + (long) (random.nextDouble() * span);
    }

    private Bound randomBound() {
        switch (random.nextInt(3)) {
            case 0:
                return Bound.unbounded();
            case 1:
                return Bound.inclusive(randomKey());
            default:
                return Bound.exclusive(randomKey());
        }
    }

    private byte[] randomKey() {
        return keyPool.get(random.nextInt(keyPool.size()));
    }

    private byte[] randomValue() {
        final byte[] value = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(24)];
        random.nextBytes(value);
        return value;
    }

    private static List<byte[]> keyPool(final Random random) {
        final List<byte[]> pool = new ArrayList<>();
        for (final String fixed : new String[] {"user:1", "user:10", "user:100", "a-key-that-is-longer-than-16-1",
            "a-key-that-is-longer-than-16-2", "a-key-that-is-longer-than-16"}) {
            pool.add(fixed.getBytes(StandardCharsets.US_ASCII));
        }
        pool.add(new byte[0]);
        pool.add(new byte[] {0x00});
        pool.add(new byte[] {0x00, 0x00});
        pool.add(new byte[] {0x00, (byte) 0xFF});
        pool.add(new byte[] {(byte) 0xFF});
        pool.add(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00});
        for (int i = 0; i < 24; i++) {
            pool.add(KeyCodecTest.randomKey(random));
        }
        return pool;
    }

    private static String hex(final byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
