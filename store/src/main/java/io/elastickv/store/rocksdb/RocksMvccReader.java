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
        requireOpen();
        try (RocksIterator it = db.newPointIterator()) {
            return MvccReads.get(it, key, readTs);
        }
    }

    @Override
    public List<KeyValue> scan(final Bound lower, final Bound upper, final int limit) {
        requireOpen();
        try (RocksIterator it = db.newScanIterator()) {
            return MvccReads.scan(it, Checks.requireNonNull("lower", lower), Checks.requireNonNull("upper", upper),
                readTs, limit);
        }
    }

    @Override
    public List<KeyValue> reverseScan(final Bound lower, final Bound upper, final int limit) {
        requireOpen();
        try (RocksIterator it = db.newScanIterator()) {
            return MvccReads.reverseScan(it, Checks.requireNonNull("lower", lower),
                Checks.requireNonNull("upper", upper), readTs, limit);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registry.unregister(readTs);
            db.release();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("reader at readTs=" + readTs + " is closed");
        }
    }
}
