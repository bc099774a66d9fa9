package io.elastickv.raft.statemachine;

import io.elastickv.raft.ExecutionContext;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.Mutation;
import io.elastickv.store.MvccStore;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The view one command executes against: the store as of the previous entry, under the writes of earlier
 * commands of this entry, under this command's own writes.
 *
 * <p>The store is read at the entry's commit timestamp. No version exists between the previous commit and
 * this one, so that sees exactly the previous state, and it evaluates expiry at this entry's "now".
 *
 * <p>Scans merge staged writes into store results. Each staged key can hide at most one store result, so
 * fetching {@code limit + staged keys in range} from the store and merging always leaves the first
 * {@code limit} merged keys inside the fetched window.
 */
final class CommandContext implements ExecutionContext {
    private final MvccStore store;
    private final boolean storeEmpty;
    private final long commitTs;
    private final long seed;
    private final PendingWrites entryWrites;
    private final PendingWrites commandWrites = new PendingWrites();

    CommandContext(final MvccStore store, final long commitTs, final long seed, final PendingWrites entryWrites) {
        this.store = store;
        this.storeEmpty = store.commitWatermark() == 0;
        this.commitTs = commitTs;
        this.seed = seed;
        this.entryWrites = entryWrites;
    }

    @Override
    public long commitTs() {
        return commitTs;
    }

    @Override
    public long nowMs() {
        return HybridLogicalClock.physicalMs(commitTs);
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public KeyValue get(final byte[] key) {
        Mutation staged = commandWrites.find(key);
        if (staged == null) {
            staged = entryWrites.find(key);
        }
        if (staged != null) {
            return visible(staged);
        }
        return storeEmpty ? null : store.getEntry(key, commitTs);
    }

    @Override
    public long latestCommitTs(final byte[] key) {
        if (commandWrites.find(key) != null || entryWrites.find(key) != null) {
            return commitTs;
        }
        return storeEmpty ? 0 : store.latestCommitTs(key);
    }

    @Override
    public List<KeyValue> scan(final Bound lower, final Bound upper, final int limit) {
        return merge(lower, upper, limit, false);
    }

    @Override
    public List<KeyValue> reverseScan(final Bound lower, final Bound upper, final int limit) {
        return merge(lower, upper, limit, true);
    }

    @Override
    public void put(final byte[] key, final byte[] value, final long expiryMs) {
        commandWrites.add(Mutation.put(key, value, expiryMs));
    }

    @Override
    public void delete(final byte[] key) {
        commandWrites.add(Mutation.delete(key));
    }

    /** Makes this command's writes part of the entry (the command completed). */
    void commit() {
        commandWrites.moveTo(entryWrites);
    }

    /** Drops this command's writes (the command failed). */
    void discard() {
        commandWrites.clear();
    }

    private List<KeyValue> merge(final Bound lower, final Bound upper, final int limit, final boolean reverse) {
        final Comparator<byte[]> order = reverse ? (a, b) -> Arrays.compareUnsigned(b, a) : Arrays::compareUnsigned;
        final TreeMap<byte[], Mutation> staged = new TreeMap<>(Arrays::compareUnsigned);
        entryWrites.inRange(lower, upper).forEach(m -> staged.put(m.key(), m));
        commandWrites.inRange(lower, upper).forEach(m -> staged.put(m.key(), m));
        final TreeMap<byte[], KeyValue> merged = new TreeMap<>(order);
        if (!storeEmpty) {
            final int fetch = (int) Math.min(Integer.MAX_VALUE, (long) limit + staged.size());
            final List<KeyValue> fromStore = reverse ? store.reverseScan(lower, upper, commitTs, fetch)
                : store.scan(lower, upper, commitTs, fetch);
            fromStore.forEach(kv -> merged.put(kv.key(), kv));
        }
        for (final Mutation mutation : staged.values()) {
            final KeyValue entry = visible(mutation);
            if (entry == null) {
                merged.remove(mutation.key());
            } else {
                merged.put(mutation.key(), entry);
            }
        }
        final List<KeyValue> out = new ArrayList<>(Math.min(limit, merged.size()));
        for (final KeyValue entry : merged.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    private KeyValue visible(final Mutation staged) {
        if (staged.isDelete() || (staged.expiryMs() != 0 && nowMs() > staged.expiryMs())) {
            return null;
        }
        return new KeyValue(staged.key(), staged.value(), commitTs, staged.expiryMs());
    }
}
