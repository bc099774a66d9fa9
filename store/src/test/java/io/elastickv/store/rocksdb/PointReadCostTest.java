package io.elastickv.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.common.config.Config;
import io.elastickv.store.Durability;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.StoreConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.TickerType;

/**
 * Checks the cost model of a point read with RocksDB's own counters: exactly one seek per read, and for a
 * key that is absent, the prefix Bloom filters keep the seek out of the data blocks of files whose key
 * range covers it.
 */
class PointReadCostTest {
    private static final int ROUNDS = 4;
    private static final int KEYS_PER_ROUND = 2_500;
    private static final int READS = 1_000;

    @TempDir
    Path tempDir;

    @Test
    void pointReadIsOneSeekAndAbsentKeysAreFilteredBeforeDataBlocks() {
        final Path directory = tempDir.resolve("store");
        final Config config = Config.builder().set(StoreConfigKeys.DURABILITY, Durability.NO_WAL)
            .set(StoreConfigKeys.GC_BACKGROUND, false).set(StoreConfigKeys.STATISTICS, true).build();
        long index = 0;
        // Each round interleaves with the others, so every SST file spans the whole key range and only the
        // filter, not the file's key range, can rule a file out. Reopening flushes a file per round.
        for (int round = 0; round < ROUNDS; round++) {
            try (RocksMvccStore store = RocksMvccStore.open(directory, config)) {
                final MutationBatch.Builder batch = MutationBatch.builder();
                for (int i = 0; i < KEYS_PER_ROUND; i++) {
                    batch.put(key(i * ROUNDS + round), new byte[200]);
                }
                index++;
                store.apply(batch.build(), index, index);
            }
        }
        try (RocksMvccStore store = RocksMvccStore.open(directory, config)) {
            final long readTs = store.commitWatermark();
            final long seeksBefore = store.rocksTicker(TickerType.NUMBER_DB_SEEK);
            for (int i = 0; i < READS; i++) {
                assertNotNull(store.get(key(i * 7), readTs));
            }
            assertEquals(READS, store.rocksTicker(TickerType.NUMBER_DB_SEEK) - seeksBefore, "seeks per present key");

            final long filteredBefore = filtered(store);
            final long dataBefore = dataBlockSeeks(store);
            for (int i = 0; i < READS; i++) {
                assertNull(store.get(absentKeyInRange(i * 7), readTs));
            }
            final long filtered = filtered(store) - filteredBefore;
            final long dataSeeks = dataBlockSeeks(store) - dataBefore;
            // About 1% of absent prefixes pass a 10-bits-per-key filter by chance.
            assertTrue(filtered >= READS * 9 / 10, "filter ruled out files for absent keys: filtered=" + filtered);
            assertTrue(dataSeeks <= READS / 10, "absent keys reached data blocks: dataSeeks=" + dataSeeks);
        }
    }

    private static long filtered(final RocksMvccStore store) {
        return store.rocksTicker(TickerType.LAST_LEVEL_SEEK_FILTERED)
            + store.rocksTicker(TickerType.NON_LAST_LEVEL_SEEK_FILTERED);
    }

    private static long dataBlockSeeks(final RocksMvccStore store) {
        return store.rocksTicker(TickerType.LAST_LEVEL_SEEK_DATA)
            + store.rocksTicker(TickerType.NON_LAST_LEVEL_SEEK_DATA);
    }

    private static byte[] key(final int n) {
        return String.format("user:%08d", n).getBytes(StandardCharsets.US_ASCII);
    }

    /** Sorts between present keys but has its own 16-byte prefix. */
    private static byte[] absentKeyInRange(final int n) {
        return String.format("user:%08d-x", n).getBytes(StandardCharsets.US_ASCII);
    }
}
