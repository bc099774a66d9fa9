package io.elastickv.store;

import io.elastickv.common.config.ConfigKey;

/** Every configuration key of the store, with its default and limits. */
public final class StoreConfigKeys {
    private StoreConfigKeys() {
    }

    public static final ConfigKey<Durability> DURABILITY = ConfigKey.ofEnum("store.durability",
        Durability.class, Durability.SYNC_WAL,
        "SYNC_WAL: fsync RocksDB's WAL per apply; NO_WAL: rely on the caller's log (the Raft node sets this)");

    public static final ConfigKey<Long> BLOCK_CACHE_BYTES = ConfigKey.ofLong("store.block-cache-bytes",
        64L << 20, 1L << 20, 1L << 40, "shared LRU cache for data, index and filter blocks");

    public static final ConfigKey<Long> WRITE_BUFFER_BYTES = ConfigKey.ofLong("store.write-buffer-bytes",
        64L << 20, 1L << 20, 1L << 32, "memtable size before a flush");

    public static final ConfigKey<Integer> BLOOM_BITS_PER_KEY = ConfigKey.ofInt("store.bloom-bits-per-key",
        10, 1, 32, "bits per key prefix in the prefix Bloom filters (10 gives about 1% false positives)");

    public static final ConfigKey<Boolean> STATISTICS = ConfigKey.ofBoolean("store.statistics", false,
        "collect RocksDB tickers (seeks, filter hits, cache hits); costs a few percent of throughput");

    public static final ConfigKey<Long> GC_RETENTION_MS = ConfigKey.ofLong("store.gc.retention-ms",
        60_000L, 0L, 7L * 24 * 3600 * 1000,
        "versions newer than the commit watermark minus this stay readable, even with no registered reader");

    public static final ConfigKey<Integer> GC_SLICE_VERSIONS = ConfigKey.ofInt("store.gc.slice-versions",
        10_000, 1, 10_000_000, "versions examined per GC slice");

    public static final ConfigKey<Long> GC_SLICE_INTERVAL_MS = ConfigKey.ofLong("store.gc.slice-interval-ms",
        100L, 1L, 3_600_000L, "pause between GC slices while a pass is in progress");

    public static final ConfigKey<Long> GC_PASS_INTERVAL_MS = ConfigKey.ofLong("store.gc.pass-interval-ms",
        10_000L, 1L, 86_400_000L, "pause after a complete GC pass before the next one starts");

    public static final ConfigKey<Boolean> GC_BACKGROUND = ConfigKey.ofBoolean("store.gc.background", true,
        "run GC in a background thread; when false GC runs only through collectGarbage()");

    public static final ConfigKey<Long> READER_DRAIN_TIMEOUT_MS = ConfigKey.ofLong(
        "store.reader-drain-timeout-ms", 30_000L, 1L, 3_600_000L,
        "how long close and checkpoint installation wait for open readers");
}
