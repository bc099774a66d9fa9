package io.elastickv.redis.exec;

import io.elastickv.raft.ExecutionContext;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.MvccStore;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The context a read runs in after its fence: this replica's store at one commit watermark, read-only.
 *
 * <p>"Now" is the local clock, but never earlier than the watermark's time, so a read never sees alive a
 * key that a write already applied treated as expired. Reads are not replicated, so they may take their
 * randomness from the local source.
 */
public final class ReadView implements ExecutionContext {
    private final MvccStore store;
    private final long readTs;
    private final long nowMs;

    public ReadView(final MvccStore store, final long readTs, final long wallClockMs) {
        this.store = store;
        this.readTs = readTs;
        this.nowMs = Math.max(wallClockMs, HybridLogicalClock.physicalMs(readTs));
    }

    /** A view at the store's current watermark. */
    public static ReadView atWatermark(final MvccStore store) {
        return new ReadView(store, store.commitWatermark(), System.currentTimeMillis());
    }

    @Override
    public long commitTs() {
        return readTs;
    }

    @Override
    public long nowMs() {
        return nowMs;
    }

    @Override
    public long seed() {
        return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public long latestCommitTs(final byte[] key) {
        return readTs == 0 ? 0 : store.latestCommitTs(key);
    }

    @Override
    public KeyValue get(final byte[] key) {
        return readTs == 0 ? null : store.getEntry(key, readTs);
    }

    @Override
    public List<KeyValue> scan(final Bound lower, final Bound upper, final int limit) {
        return readTs == 0 ? List.of() : store.scan(lower, upper, readTs, limit);
    }

    @Override
    public List<KeyValue> reverseScan(final Bound lower, final Bound upper, final int limit) {
        return readTs == 0 ? List.of() : store.reverseScan(lower, upper, readTs, limit);
    }

    @Override
    public void put(final byte[] key, final byte[] value, final long expiryMs) {
        throw new IllegalStateException("write on the read path");
    }

    @Override
    public void delete(final byte[] key) {
        throw new IllegalStateException("write on the read path");
    }
}
