package io.elastickv.raft.statemachine;

import io.elastickv.store.Bound;
import io.elastickv.store.Mutation;
import io.elastickv.store.MutationBatch;
import java.util.Arrays;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Writes staged but not yet in the store, by key in store order; the last write to a key wins. */
final class PendingWrites {
    private final NavigableMap<byte[], Mutation> writes = new TreeMap<>(Arrays::compareUnsigned);

    void add(final Mutation mutation) {
        writes.put(mutation.key(), mutation);
    }

    /** The staged write of {@code key}, or {@code null} when there is none. */
    Mutation find(final byte[] key) {
        return writes.get(key);
    }

    /** Staged writes with keys in the range, ascending. */
    Collection<Mutation> inRange(final Bound lower, final Bound upper) {
        NavigableMap<byte[], Mutation> view = writes;
        if (!lower.isUnbounded()) {
            view = view.tailMap(lower.key(), lower.isInclusive());
        }
        if (!upper.isUnbounded()) {
            view = view.headMap(upper.key(), upper.isInclusive());
        }
        return view.values();
    }

    void moveTo(final PendingWrites target) {
        target.writes.putAll(writes);
        writes.clear();
    }

    void clear() {
        writes.clear();
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    MutationBatch toBatch() {
        final MutationBatch.Builder batch = MutationBatch.builder();
        writes.values().forEach(batch::add);
        return batch.build();
    }
}
