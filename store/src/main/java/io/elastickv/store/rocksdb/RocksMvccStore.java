package io.elastickv.store.rocksdb;

import io.elastickv.common.Checks;
import io.elastickv.common.config.Config;
import io.elastickv.common.io.Directories;
import io.elastickv.store.Bound;
import io.elastickv.store.CheckpointInfo;
import io.elastickv.store.GcStats;
import io.elastickv.store.KeyValue;
import io.elastickv.store.Mutation;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.MvccReader;
import io.elastickv.store.MvccStore;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.StoreException;
import io.elastickv.store.StoreFormatException;
import io.elastickv.store.StoreUnavailableException;
import io.elastickv.store.codec.KeyCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MvccStore} on RocksDB. Layout of keys: {@link KeyCodec}; of values: {@code ValueCodec}; of meta
 * records and the directory: {@link StoreLayout}; RocksDB options: {@link RocksInstance}.
 *
 * <p>Concurrency: {@link #apply}, {@link #checkpoint}, {@link #replaceWith} and {@link #close} serialize on
 * one lock. Reads take no lock; they hold a reference to the current {@link RocksInstance} for the length
 * of the call (or of an {@link MvccReader}), which is what lets the instance be swapped or closed safely.
 */
public final class RocksMvccStore implements MvccStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksMvccStore.class);

    private final Path directory;
    private final Config config;
    private final long drainTimeoutMs;
    private final Object writeLock = new Object();
    private final ReadRegistry readers = new ReadRegistry();
    private final GarbageCollector gc;
    private final ScheduledExecutorService gcExecutor;

    private volatile RocksInstance instance;
    private volatile String unavailableReason;
    private volatile long appliedIndex;
    private volatile long commitWatermark;

    private RocksMvccStore(final Path directory, final Config config) {
        this.directory = directory;
        this.config = config;
        this.drainTimeoutMs = config.get(StoreConfigKeys.READER_DRAIN_TIMEOUT_MS);
        this.gc = new GarbageCollector(new GarbageCollector.Target() {
            @Override
            public RocksInstance acquire() {
                return RocksMvccStore.this.acquire();
            }

            @Override
            public long commitWatermark() {
                return commitWatermark;
            }
        }, readers, config.get(StoreConfigKeys.GC_RETENTION_MS), config.get(StoreConfigKeys.GC_SLICE_VERSIONS));
        this.gcExecutor = config.get(StoreConfigKeys.GC_BACKGROUND) ? Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                final Thread thread = new Thread(runnable, "elastickv-store-gc[" + directory.getFileName() + "]");
                thread.setDaemon(true);
                return thread;
            }) : null;
    }

    /**
     * Opens the store in {@code directory}, creating it when absent, finishing a checkpoint installation
     * that a crash interrupted, and refusing directories of another format.
     */
    public static RocksMvccStore open(final Path directory, final Config config) {
        Checks.requireNonNull("directory", directory);
        Checks.requireNonNull("config", config);
        StoreLayout.recoverInterruptedReplace(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + directory, e);
        }
        final RocksMvccStore store = new RocksMvccStore(directory, config);
        store.publish(RocksInstance.open(directory, config));
        store.scheduleGc(config.get(StoreConfigKeys.GC_SLICE_INTERVAL_MS));
        LOG.info("opened store {} at appliedIndex={} commitWatermark={} durability={}", directory,
            store.appliedIndex, store.commitWatermark, config.get(StoreConfigKeys.DURABILITY));
        return store;
    }

    @Override
    public KeyValue getEntry(final byte[] key, final long readTs) {
        Checks.requireNonNull("key", key);
        Checks.requirePositive("readTs", readTs);
        final RocksInstance db = acquire();
        try (RocksIterator it = db.newPointIterator()) {
            readers.checkReadable(readTs);
            return MvccReads.get(it, key, readTs);
        } finally {
            db.release();
        }
    }

    @Override
    public List<KeyValue> scan(final Bound lower, final Bound upper, final long readTs, final int limit) {
        return scan(lower, upper, readTs, limit, false);
    }

    @Override
    public List<KeyValue> reverseScan(final Bound lower, final Bound upper, final long readTs, final int limit) {
        return scan(lower, upper, readTs, limit, true);
    }

    private List<KeyValue> scan(final Bound lower, final Bound upper, final long readTs, final int limit,
                                final boolean reverse) {
        Checks.requireNonNull("lower", lower);
        Checks.requireNonNull("upper", upper);
        Checks.requirePositive("readTs", readTs);
        final RocksInstance db = acquire();
        try (RocksIterator it = db.newScanIterator()) {
            readers.checkReadable(readTs);
            return reverse ? MvccReads.reverseScan(it, lower, upper, readTs, limit)
                : MvccReads.scan(it, lower, upper, readTs, limit);
        } finally {
            db.release();
        }
    }

    @Override
    public long latestCommitTs(final byte[] key) {
        Checks.requireNonNull("key", key);
        final RocksInstance db = acquire();
        try (RocksIterator it = db.newPointIterator()) {
            return MvccReads.latestCommitTs(it, key);
        } finally {
            db.release();
        }
    }

    @Override
    public MvccReader openReader(final long readTs) {
        Checks.requirePositive("readTs", readTs);
        final RocksInstance db = acquire();
        try {
            readers.register(readTs);
        } catch (RuntimeException e) {
            db.release();
            throw e;
        }
        return new RocksMvccReader(db, readers, readTs);
    }

    @Override
    public void apply(final MutationBatch batch, final long commitTs, final long appliedIndex) {
        Checks.requireNonNull("batch", batch);
        synchronized (writeLock) {
            if (appliedIndex <= this.appliedIndex) {
                throw new IllegalArgumentException("appliedIndex=" + appliedIndex + " must be > the store's"
                    + " appliedIndex=" + this.appliedIndex);
            }
            if (commitTs <= commitWatermark) {
                throw new IllegalArgumentException("commitTs=" + commitTs + " must be > commitWatermark="
                    + commitWatermark);
            }
            final RocksInstance db = acquire();
            try (WriteBatch writes = new WriteBatch()) {
                for (final Mutation mutation : batch.mutations()) {
                    writes.put(db.dataFamily(), KeyCodec.versionKey(mutation.key(), commitTs),
                        mutation.storedValue());
                }
                writes.put(db.metaFamily(), StoreLayout.APPLIED_INDEX_KEY, StoreLayout.int64(appliedIndex));
                writes.put(db.metaFamily(), StoreLayout.COMMIT_WATERMARK_KEY, StoreLayout.int64(commitTs));
                db.write(writes);
            } catch (RocksDBException e) {
                throw new StoreException("apply of appliedIndex=" + appliedIndex + " failed: " + e.getMessage(), e);
            } finally {
                db.release();
            }
            this.appliedIndex = appliedIndex;
            this.commitWatermark = commitTs;
        }
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public long commitWatermark() {
        return commitWatermark;
    }

    @Override
    public CheckpointInfo checkpoint(final Path target) {
        Checks.requireNonNull("target", target);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("target=" + target + " already exists");
        }
        synchronized (writeLock) {
            final RocksInstance db = acquire();
            // Holding the write lock keeps apply out, so the flush inside createCheckpoint captures exactly
            // the state after appliedIndex, data and meta together (atomic flush).
            try (Checkpoint checkpoint = Checkpoint.create(db.db())) {
                checkpoint.createCheckpoint(target.toString());
            } catch (RocksDBException e) {
                throw new StoreException("checkpoint to " + target + " failed: " + e.getMessage(), e);
            } finally {
                db.release();
            }
            return new CheckpointInfo(target, appliedIndex, commitWatermark);
        }
    }

    @Override
    public void replaceWith(final Path checkpointDirectory) {
        Checks.requireNonNull("checkpointDirectory", checkpointDirectory);
        synchronized (writeLock) {
            verifyCheckpoint(checkpointDirectory);
            final RocksInstance old = retire("the store is being replaced from a checkpoint");
            final Path replaced = StoreLayout.replacedPath(directory);
            try {
                Directories.deleteRecursively(replaced);
                Files.move(directory, replaced, StandardCopyOption.ATOMIC_MOVE);
                Files.move(checkpointDirectory, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.error("moving checkpoint {} into {} failed; reopening what is there", checkpointDirectory,
                    directory, e);
                StoreLayout.recoverInterruptedReplace(directory);
                publish(RocksInstance.open(directory, config));
                throw new StoreException("cannot install checkpoint " + checkpointDirectory, e);
            }
            // Before publishing, so no GC slice resumes the old store's cursor on the new data.
            gc.restartPass();
            publish(RocksInstance.open(directory, config));
            try {
                Directories.deleteRecursively(replaced);
            } catch (IOException e) {
                LOG.warn("could not delete the replaced store {}; it is removed at the next open", replaced, e);
            }
            LOG.info("installed checkpoint into {}: appliedIndex={} commitWatermark={}", directory, appliedIndex,
                commitWatermark);
        }
    }

    private void verifyCheckpoint(final Path checkpointDirectory) {
        if (!Files.isDirectory(checkpointDirectory)) {
            throw new IllegalArgumentException("checkpointDirectory=" + checkpointDirectory + " is not a directory");
        }
        if (!Files.exists(checkpointDirectory.resolve("CURRENT"))) {
            // Opening would create an empty store there and install it in place of the data.
            throw new StoreFormatException(checkpointDirectory + " holds no store (no CURRENT file)");
        }
        // Opening it proves it is a complete store of our format before the live data is touched.
        final RocksInstance probe = RocksInstance.open(checkpointDirectory, config);
        probe.release();
        try {
            probe.awaitClosed(drainTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while verifying " + checkpointDirectory, e);
        }
    }

    @Override
    public GcStats collectGarbage() {
        gc.restartPass();
        while (!gc.runSlice()) {
            Thread.onSpinWait();
        }
        return gc.stats();
    }

    @Override
    public GcStats gcStats() {
        return gc.stats();
    }

    /** A RocksDB ticker's count since open, or -1 when {@code store.statistics} is off. */
    public long rocksTicker(final TickerType type) {
        final RocksInstance db = acquire();
        try {
            return db.ticker(type);
        } finally {
            db.release();
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (gcExecutor != null) {
            gcExecutor.shutdownNow();
        }
        synchronized (writeLock) {
            if (instance == null && "closed".equals(unavailableReason)) {
                return;
            }
            final RocksInstance old = instance;
            instance = null;
            unavailableReason = "closed";
            if (old != null) {
                old.release();
                awaitReaders(old);
            }
        }
        LOG.info("closed store {} at appliedIndex={}", directory, appliedIndex);
    }

    RocksInstance acquire() {
        while (true) {
            final RocksInstance current = instance;
            if (current == null) {
                throw new StoreUnavailableException("store " + directory + " is unavailable: " + unavailableReason);
            }
            if (current.retain()) {
                return current;
            }
            Thread.onSpinWait();
        }
    }

    private void publish(final RocksInstance opened) {
        appliedIndex = StoreLayout.readLongMeta(opened, StoreLayout.APPLIED_INDEX_KEY);
        commitWatermark = StoreLayout.readLongMeta(opened, StoreLayout.COMMIT_WATERMARK_KEY);
        readers.restoreHorizon(StoreLayout.readLongMeta(opened, StoreLayout.GC_HORIZON_KEY));
        unavailableReason = null;
        instance = opened;
    }

    /** Takes the current instance out of service and waits until its readers are gone and it is closed. */
    private RocksInstance retire(final String reason) {
        final RocksInstance old = instance;
        if (old == null) {
            throw new StoreUnavailableException("store " + directory + " is unavailable: " + unavailableReason);
        }
        unavailableReason = reason;
        instance = null;
        old.release();
        if (!awaitReaders(old)) {
            if (old.retain()) {
                instance = old;
                unavailableReason = null;
            } else {
                // The last reader left between the timeout and the retain, and the instance closed itself.
                awaitReaders(old);
                publish(RocksInstance.open(directory, config));
            }
            throw new StoreException("open readers did not finish within " + drainTimeoutMs + " ms");
        }
        return old;
    }

    private boolean awaitReaders(final RocksInstance old) {
        try {
            final boolean closed = old.awaitClosed(drainTimeoutMs);
            if (!closed) {
                LOG.warn("store {} still has open readers after {} ms", directory, drainTimeoutMs);
            }
            return closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void scheduleGc(final long delayMs) {
        if (gcExecutor == null || gcExecutor.isShutdown()) {
            return;
        }
        gcExecutor.schedule(this::runBackgroundSlice, delayMs, TimeUnit.MILLISECONDS);
    }

    private void runBackgroundSlice() {
        long nextDelayMs = config.get(StoreConfigKeys.GC_SLICE_INTERVAL_MS);
        try {
            if (gc.runSlice()) {
                nextDelayMs = config.get(StoreConfigKeys.GC_PASS_INTERVAL_MS);
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("GC slice skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("GC slice failed; retrying after the pass interval", e);
            nextDelayMs = config.get(StoreConfigKeys.GC_PASS_INTERVAL_MS);
        }
        try {
            scheduleGc(nextDelayMs);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("GC stopped: store closing");
        }
    }
}
