package io.elastickv.store.rocksdb;

import io.elastickv.common.config.Config;
import io.elastickv.store.Durability;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.StoreException;
import io.elastickv.store.StoreFormatException;
import io.elastickv.store.codec.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open RocksDB database with every native object it owns, closed together when the last user lets go.
 *
 * <p>Readers {@link #retain()} it for the length of a call, so the owner can swap in another instance
 * (checkpoint installation) or close the store without freeing native memory under a running read; using
 * a closed RocksDB handle would crash the JVM rather than throw.
 *
 * <h2>Options and why</h2>
 * <ul>
 *   <li>Data column family ({@code default}): capped prefix extractor of {@link KeyCodec#PREFIX_LENGTH}
 *   bytes with a Bloom filter per prefix and whole-key filtering off. Every read seeks to
 *   {@code prefix || ~readTs}; the filter lets that seek skip each SST file and memtable that holds no
 *   version under the prefix, so a point read at the newest version is one seek that touches only the
 *   files holding that key. Whole keys are never looked up (the timestamp is unknown), so whole-key
 *   filters would be wasted memory.</li>
 *   <li>Memtable prefix Bloom filter (ratio 0.1): the same skip for the memtables, where hot keys live.</li>
 *   <li>Index and filter blocks in the block cache, L0 ones pinned: memory stays bounded by the cache size
 *   yet the filters of the newest files never miss.</li>
 *   <li>LZ4 compression: cheap on CPU, and it squeezes the key padding and repeated prefixes.</li>
 *   <li>{@code atomic_flush}: with the WAL off, data and meta column families must reach disk in one step,
 *   or a crash could leave an applied index that disagrees with the data.</li>
 *   <li>Meta column family: a handful of small records (format version, applied index, commit watermark),
 *   default options.</li>
 * </ul>
 */
final class RocksInstance {
    private static final Logger LOG = LoggerFactory.getLogger(RocksInstance.class);
    static final byte[] META_CF = "meta".getBytes(StandardCharsets.US_ASCII);

    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle meta;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions dataOptions;
    private final ColumnFamilyOptions metaOptions;
    private final Cache blockCache;
    private final BloomFilter bloomFilter;
    private final Statistics statistics;
    private final ReadOptions pointReadOptions;
    private final ReadOptions scanReadOptions;
    private final WriteOptions writeOptions;
    private final boolean walDisabled;
    private final AtomicInteger references = new AtomicInteger(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private RocksInstance(final RocksDB db, final List<ColumnFamilyHandle> handles, final DBOptions dbOptions,
                          final ColumnFamilyOptions dataOptions, final ColumnFamilyOptions metaOptions,
                          final Cache blockCache, final BloomFilter bloomFilter, final Statistics statistics,
                          final Durability durability) {
        this.db = db;
        this.data = handles.get(0);
        this.meta = handles.get(1);
        this.dbOptions = dbOptions;
        this.dataOptions = dataOptions;
        this.metaOptions = metaOptions;
        this.blockCache = blockCache;
        this.bloomFilter = bloomFilter;
        this.statistics = statistics;
        this.pointReadOptions = new ReadOptions().setPrefixSameAsStart(true);
        this.scanReadOptions = new ReadOptions().setTotalOrderSeek(true);
        this.walDisabled = durability == Durability.NO_WAL;
        this.writeOptions = new WriteOptions().setDisableWAL(walDisabled).setSync(!walDisabled);
    }

    /**
     * Opens (creating if absent) the store in {@code directory}. An existing directory must hold an
     * elastickv store of {@link StoreLayout#FORMAT_VERSION}; anything else fails with a message that says
     * what was found, before any data is read.
     */
    static RocksInstance open(final Path directory, final Config config) {
        RocksDB.loadLibrary();
        final boolean existing = Files.exists(directory.resolve("CURRENT"));
        if (existing) {
            requireMetaColumnFamily(directory);
        }
        final DBOptions dbOptions = new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setAtomicFlush(true)
            .setMaxBackgroundJobs(2)
            .setBytesPerSync(1L << 20)
            .setKeepLogFileNum(5)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
        final Statistics statistics = config.get(StoreConfigKeys.STATISTICS) ? new Statistics() : null;
        if (statistics != null) {
            dbOptions.setStatistics(statistics);
        }
        final Cache blockCache = new LRUCache(config.get(StoreConfigKeys.BLOCK_CACHE_BYTES));
        final BloomFilter bloomFilter = new BloomFilter(config.get(StoreConfigKeys.BLOOM_BITS_PER_KEY), false);
        final BlockBasedTableConfig table = new BlockBasedTableConfig()
            .setBlockCache(blockCache)
            .setFilterPolicy(bloomFilter)
            .setWholeKeyFiltering(false)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
        final ColumnFamilyOptions dataOptions = new ColumnFamilyOptions()
            .useCappedPrefixExtractor(KeyCodec.PREFIX_LENGTH)
            .setMemtablePrefixBloomSizeRatio(0.1)
            .setTableFormatConfig(table)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setWriteBufferSize(config.get(StoreConfigKeys.WRITE_BUFFER_BYTES))
            .setLevelCompactionDynamicLevelBytes(true);
        final ColumnFamilyOptions metaOptions = new ColumnFamilyOptions();
        final List<ColumnFamilyDescriptor> descriptors = List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
            new ColumnFamilyDescriptor(META_CF, metaOptions));
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        final RocksDB db;
        try {
            db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            closeAll(metaOptions, dataOptions, bloomFilter, blockCache, dbOptions);
            if (statistics != null) {
                statistics.close();
            }
            throw new StoreException("cannot open store at " + directory + ": " + e.getMessage(), e);
        }
        final RocksInstance instance = new RocksInstance(db, handles, dbOptions, dataOptions, metaOptions,
            blockCache, bloomFilter, statistics, config.get(StoreConfigKeys.DURABILITY));
        try {
            StoreLayout.initializeOrVerify(instance, directory, existing);
        } catch (RuntimeException e) {
            instance.release();
            throw e;
        }
        return instance;
    }

    private static void requireMetaColumnFamily(final Path directory) {
        final List<byte[]> families;
        try (Options options = new Options()) {
            families = RocksDB.listColumnFamilies(options, directory.toString());
        } catch (RocksDBException e) {
            throw new StoreFormatException("cannot read the column families of " + directory + ": "
                + e.getMessage());
        }
        if (families.stream().noneMatch(name -> Arrays.equals(name, META_CF))) {
            throw new StoreFormatException(directory + " holds a RocksDB database that is not an elastickv store"
                + " (no 'meta' column family); refusing to open it");
        }
    }

    boolean retain() {
        while (true) {
            final int count = references.get();
            if (count <= 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            closeNative();
        }
    }

    /** Waits until the last reference is released and native resources are freed. */
    boolean awaitClosed(final long timeoutMs) throws InterruptedException {
        return closed.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    RocksIterator newPointIterator() {
        return db.newIterator(data, pointReadOptions);
    }

    RocksIterator newScanIterator() {
        return db.newIterator(data, scanReadOptions);
    }

    ColumnFamilyHandle dataFamily() {
        return data;
    }

    ColumnFamilyHandle metaFamily() {
        return meta;
    }

    RocksDB db() {
        return db;
    }

    void write(final WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("write failed: " + e.getMessage(), e);
        }
    }

    byte[] getMeta(final byte[] key) {
        try {
            return db.get(meta, key);
        } catch (RocksDBException e) {
            throw new StoreException("meta read failed: " + e.getMessage(), e);
        }
    }

    /** Persists memtables of all column families in one atomic flush (needed with the WAL off). */
    void flush() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, List.of(data, meta));
        } catch (RocksDBException e) {
            throw new StoreException("flush failed: " + e.getMessage(), e);
        }
    }

    /** A RocksDB ticker's count, or -1 when statistics are off ({@code store.statistics}). */
    long ticker(final TickerType type) {
        return statistics == null ? -1 : statistics.getTickerCount(type);
    }

    private void closeNative() {
        try {
            if (walDisabled) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.error("flush before close failed; the caller's log replays what was not flushed", e);
        }
        // Handles must go before the database, options and cache after it.
        closeAll(data, meta);
        try {
            db.closeE();
        } catch (RocksDBException e) {
            LOG.error("closing RocksDB failed", e);
        } finally {
            closeAll(pointReadOptions, scanReadOptions, writeOptions, metaOptions, dataOptions, bloomFilter,
                blockCache, dbOptions);
            if (statistics != null) {
                statistics.close();
            }
            closed.countDown();
        }
    }

    private static void closeAll(final AutoCloseable... resources) {
        for (final AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Best effort: one failing close must not leak the rest.
            }
        }
    }
}
