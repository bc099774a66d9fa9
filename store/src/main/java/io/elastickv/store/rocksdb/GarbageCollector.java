package io.elastickv.store.rocksdb;

import io.elastickv.store.GcStats;
import io.elastickv.store.codec.KeyCodec;
import io.elastickv.store.codec.ValueCodec;
import io.elastickv.store.hlc.HybridLogicalClock;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;
import io.elastickv.store.StoreException;

/**
 * Removes versions that no permitted read can see, in bounded slices over the key space.
 *
 * <p>Each slice first raises the horizon {@code H} (see {@link ReadRegistry}) to
 * {@code min(commit watermark - retention, oldest open reader)}. Reads below {@code H} are refused, so for
 * each key only the versions above {@code H} and the newest version at or below {@code H} (the one a read at
 * {@code H} sees) can ever be read. Everything older than that version goes. That version itself goes too
 * when it is a delete marker or has expired by {@code H}: every permitted read then sees the key as absent
 * with or without it. This is how deleted and expired data really leaves the disk.
 *
 * <p>A slice examines at most {@code sliceVersions} versions and remembers where it stopped, including
 * whether the visible-at-{@code H} version of the key it stopped in was already passed. The horizon only
 * grows, so a later slice working with a higher horizon keeps at most more than needed, never less.
 * Deletes are ordinary RocksDB deletes; compaction reclaims the space. GC writes are never needed for
 * correctness, so losing them in a crash (WAL off) only means doing them again.
 */
final class GarbageCollector {
    interface Target {
        RocksInstance acquire();

        long commitWatermark();
    }

    private final Target target;
    private final ReadRegistry registry;
    private final long retentionMs;
    private final int sliceVersions;

    private byte[] resumeKey;
    private boolean resumeVisiblePassed;
    private long slices;
    private long passes;
    private long versionsScanned;
    private long versionsRemoved;
    private long tombstonesRemoved;
    private long expiredRemoved;

    GarbageCollector(final Target target, final ReadRegistry registry, final long retentionMs,
                     final int sliceVersions) {
        this.target = target;
        this.registry = registry;
        this.retentionMs = retentionMs;
        this.sliceVersions = sliceVersions;
    }

    /** Runs one slice; returns true when it finished a pass over the whole key space. */
    synchronized boolean runSlice() {
        final long watermark = target.commitWatermark();
        final long retained = HybridLogicalClock.physicalMs(watermark) - retentionMs;
        final long candidate = retained <= 0 ? 0 : HybridLogicalClock.compose(retained, 0);
        final long horizon = registry.advanceHorizon(candidate);
        final long horizonMs = HybridLogicalClock.physicalMs(horizon);
        final RocksInstance db = target.acquire();
        try (RocksIterator it = db.newScanIterator(); WriteBatch deletes = new WriteBatch()) {
            slices++;
            byte[] group = resumeKey;
            boolean visiblePassed = resumeVisiblePassed;
            if (resumeKey == null) {
                it.seekToFirst();
            } else {
                it.seek(resumeKey);
            }
            int scanned = 0;
            while (it.isValid() && scanned < sliceVersions) {
                final byte[] versionKey = it.key();
                scanned++;
                if (group == null || !KeyCodec.sameUserKey(group, versionKey)) {
                    group = versionKey;
                    visiblePassed = false;
                }
                if (horizon > 0 && KeyCodec.commitTs(versionKey) <= horizon) {
                    if (visiblePassed) {
                        deletes.delete(db.dataFamily(), versionKey);
                        versionsRemoved++;
                    } else {
                        visiblePassed = true;
                        final byte[] stored = it.value();
                        if (!ValueCodec.isLive(stored, horizonMs)) {
                            deletes.delete(db.dataFamily(), versionKey);
                            versionsRemoved++;
                            if (ValueCodec.isTombstone(stored)) {
                                tombstonesRemoved++;
                            } else {
                                expiredRemoved++;
                            }
                        }
                    }
                }
                it.next();
            }
            MvccReads.checkStatus(it);
            versionsScanned += scanned;
            final boolean passDone = !it.isValid();
            if (passDone) {
                resumeKey = null;
                resumeVisiblePassed = false;
                passes++;
            } else {
                resumeKey = it.key();
                resumeVisiblePassed = group != null && KeyCodec.sameUserKey(group, resumeKey) && visiblePassed;
            }
            if (deletes.count() > 0) {
                deletes.put(db.metaFamily(), StoreLayout.GC_HORIZON_KEY, StoreLayout.int64(horizon));
                db.write(deletes);
            }
            return passDone;
        } catch (RocksDBException e) {
            throw new StoreException("GC slice failed: " + e.getMessage(), e);
        } finally {
            db.release();
        }
    }

    /** Starts the next slice from the beginning of the key space (after the data was replaced). */
    synchronized void restartPass() {
        resumeKey = null;
        resumeVisiblePassed = false;
    }

    synchronized GcStats stats() {
        return new GcStats(registry.horizon(), slices, passes, versionsScanned, versionsRemoved,
            tombstonesRemoved, expiredRemoved);
    }
}
