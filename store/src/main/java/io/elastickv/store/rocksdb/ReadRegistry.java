package io.elastickv.store.rocksdb;

import io.elastickv.store.ReadTooOldException;
import java.util.TreeMap;

/**
 * The GC horizon and the timestamps of open readers, which hold it back.
 *
 * <p>GC removes only versions that no read at or above the horizon can see, and the horizon never passes
 * the oldest open reader. A one-shot read (one RocksDB iterator) does not register: it creates its
 * iterator first and checks the horizon second. The iterator pins a RocksDB snapshot, so any GC delete it
 * could miss was issued after the check passed, and the check passing means the horizon was still at or
 * below the read timestamp when the snapshot was taken.
 *
 * <p>GC persists the horizon with its deletes, so it survives a restart: after one, a read below it would
 * otherwise see a half-collected history.
 */
final class ReadRegistry {
    private final TreeMap<Long, Integer> openReaders = new TreeMap<>();
    private volatile long horizon;

    long horizon() {
        return horizon;
    }

    void checkReadable(final long readTs) {
        final long current = horizon;
        if (readTs < current) {
            throw new ReadTooOldException(readTs, current);
        }
    }

    synchronized void register(final long readTs) {
        checkReadable(readTs);
        openReaders.merge(readTs, 1, Integer::sum);
    }

    synchronized void unregister(final long readTs) {
        openReaders.computeIfPresent(readTs, (ts, count) -> count == 1 ? null : count - 1);
    }

    /** Raises the horizon to one persisted by an earlier GC (on open, with no reader registered yet). */
    synchronized void restoreHorizon(final long persisted) {
        if (persisted > horizon) {
            horizon = persisted;
        }
    }

    /**
     * Raises the horizon towards {@code candidate} without passing the oldest open reader, and returns it.
     * The horizon never moves back.
     */
    synchronized long advanceHorizon(final long candidate) {
        final long limit = openReaders.isEmpty() ? candidate : Math.min(candidate, openReaders.firstKey());
        if (limit > horizon) {
            horizon = limit;
        }
        return horizon;
    }
}
