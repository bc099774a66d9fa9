package io.elastickv.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A multi-version key-value store: every write is kept as a version at its commit timestamp, and a read at
 * timestamp {@code t} sees, for each key, the newest version committed at or before {@code t}, unless that
 * version is a delete or has expired by {@code t}'s wall-clock part.
 *
 * <p>One writer ({@link #apply}) at a time, any number of concurrent readers. Keys and values are
 * {@code byte[]}; keys compare as unsigned bytes. Timestamps are positive hybrid-logical-clock values.
 */
public interface MvccStore extends AutoCloseable {
    /** The value of {@code key} visible at {@code readTs}, or {@code null}. */
    default byte[] get(final byte[] key, final long readTs) {
        final KeyValue entry = getEntry(key, readTs);
        return entry == null ? null : entry.value();
    }

    /** The version of {@code key} visible at {@code readTs} with its timestamp and expiry, or {@code null}. */
    KeyValue getEntry(byte[] key, long readTs);

    /** Up to {@code limit} live keys in {@code [lower, upper]} ascending, each at its visible version. */
    List<KeyValue> scan(Bound lower, Bound upper, long readTs, int limit);

    /** Up to {@code limit} live keys in {@code [lower, upper]} descending, from {@code upper} down. */
    List<KeyValue> reverseScan(Bound lower, Bound upper, long readTs, int limit);

    /**
     * Commit timestamp of the newest version of {@code key}, deletes included, or 0 when there is none.
     * GC may remove a delete marker and everything under it, after which this returns 0 again.
     */
    long latestCommitTs(byte[] key);

    /** A reader pinned at {@code readTs}; see {@link MvccReader}. */
    MvccReader openReader(long readTs);

    /**
     * Writes the batch's versions at {@code commitTs} together with {@code appliedIndex} and the commit
     * watermark, atomically. {@code commitTs} must exceed {@link #commitWatermark()} and
     * {@code appliedIndex} must exceed {@link #appliedIndex()}; an empty batch just advances both.
     */
    void apply(MutationBatch batch, long commitTs, long appliedIndex);

    /** Index of the last applied batch (0 for a new store); persisted with every batch. */
    long appliedIndex();

    /** Commit timestamp of the last applied batch (0 for a new store). */
    long commitWatermark();

    /**
     * Creates {@code target} (which must not exist, and must be on the same file system) as a checkpoint of
     * exactly the state after {@link #appliedIndex()}; files are hard links where possible.
     */
    CheckpointInfo checkpoint(Path target);

    /**
     * Replaces the live data with the checkpoint in {@code checkpointDirectory}, which is moved into place
     * (installing a snapshot). A crash at any point leaves either the old or the new store. Calls made
     * meanwhile fail with {@link StoreUnavailableException}.
     */
    void replaceWith(Path checkpointDirectory);

    /**
     * Runs garbage-collection slices from the start of the key space until a complete pass is done, and
     * returns the resulting statistics. The background collector does the same work in timed slices.
     */
    GcStats collectGarbage();

    GcStats gcStats();

    Path directory();

    @Override
    void close();
}
