package io.elastickv.store.rocksdb;

import io.elastickv.common.Checks;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.MvccReader;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.RocksIterator;

/** A reader registered at one timestamp, holding its RocksDB instance open until closed. */
final class RocksMvccReader implements MvccReader {
    private final RocksInstance db;
    private final ReadRegistry registry;
    private final long readTs;
    private final AtomicBoolean closed = new AtomicBoolean();

    RocksMvccReader(final RocksInstance db, final ReadRegistry registry, final long readTs) {
        this.db = db;
        this.registry = registry;
        this.readTs = readTs;
    }

    @Override
    public long readTs() {
        return readTs;
    }

    @Override
    public KeyValue get(final byte[] key) {
        Checks.requireNonNull("key", key);
        retainOrFail();
        try (RocksIterator it = db.newPointIterator()) {
            return MvccReads.get(it, key, readTs);
        } finally {
            db.release();
        }
    }

    @Override
    public List<KeyValue> scan(final Bound lower, final Bound upper, final int limit) {
        Checks.requireNonNull("lower", lower);
        Checks.requireNonNull("upper", upper);
        retainOrFail();
        try (RocksIterator it = db.newScanIterator()) {
            return MvccReads.scan(it, lower, upper, readTs, limit);
        } finally {
            db.release();
        }
    }

    @Override
    public List<KeyValue> reverseScan(final Bound lower, final Bound upper, final int limit) {
        Checks.requireNonNull("lower", lower);
        Checks.requireNonNull("upper", upper);
        retainOrFail();
        try (RocksIterator it = db.newScanIterator()) {
            return MvccReads.reverseScan(it, lower, upper, readTs, limit);
        } finally {
            db.release();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registry.unregister(readTs);
            db.release();
        }
    }

    /**
     * Holds the instance for one call, so a {@link #close()} racing with it from another thread cannot free
     * native memory under the running iterator.
     */
    private void retainOrFail() {
        if (closed.get() || !db.retain()) {
            throw new IllegalStateException("reader at readTs=" + readTs + " is closed");
        }
        if (closed.get()) {
            db.release();
            throw new IllegalStateException("reader at readTs=" + readTs + " is closed");
        }
    }
}
