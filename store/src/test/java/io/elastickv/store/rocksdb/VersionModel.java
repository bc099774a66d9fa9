package io.elastickv.store.rocksdb;

import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.Mutation;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The plain in-memory meaning of an MVCC store: every version of every key in sorted maps, read by brute
 * force. Tests compare {@link RocksMvccStore} against it.
 */
final class VersionModel {
    /** One stored version; {@code value == null} is a delete. */
    record Version(byte[] value, long expiryMs) {
        boolean liveAt(final long readTs) {
            return value != null && (expiryMs == 0 || HybridLogicalClock.physicalMs(readTs) <= expiryMs);
        }
    }

    private final NavigableMap<byte[], NavigableMap<Long, Version>> versions =
        new TreeMap<>(Arrays::compareUnsigned);

    void apply(final MutationBatch batch, final long commitTs) {
        for (final Mutation m : batch.mutations()) {
            versions.computeIfAbsent(m.key(), k -> new TreeMap<>(Comparator.reverseOrder()))
                .put(commitTs, new Version(m.isDelete() ? null : m.value(), m.expiryMs()));
        }
    }

    KeyValue get(final byte[] key, final long readTs) {
        final NavigableMap<Long, Version> history = versions.get(key);
        return history == null ? null : visible(key, history, readTs);
    }

    long latestCommitTs(final byte[] key) {
        final NavigableMap<Long, Version> history = versions.get(key);
        return history == null || history.isEmpty() ? 0 : history.firstKey();
    }

    List<KeyValue> scan(final Bound lower, final Bound upper, final long readTs, final int limit,
                        final boolean reverse) {
        final List<KeyValue> out = new ArrayList<>();
        final List<byte[]> keys = new ArrayList<>(versions.keySet());
        if (reverse) {
            Collections.reverse(keys);
        }
        for (final byte[] key : keys) {
            if (out.size() == limit) {
                break;
            }
            if (lower.isBelowLower(key) || upper.isAboveUpper(key)) {
                continue;
            }
            final KeyValue entry = visible(key, versions.get(key), readTs);
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Applies the GC rule at {@code horizon}: what must remain after a full GC pass. */
    void collectGarbage(final long horizon) {
        for (final Map.Entry<byte[], NavigableMap<Long, Version>> entry : versions.entrySet()) {
            final NavigableMap<Long, Version> history = entry.getValue();
            final Map.Entry<Long, Version> visibleAtHorizon = history.ceilingEntry(horizon);
            if (visibleAtHorizon == null) {
                continue;
            }
            history.tailMap(visibleAtHorizon.getKey(), false).clear();
            if (!visibleAtHorizon.getValue().liveAt(horizon)) {
                history.remove(visibleAtHorizon.getKey());
            }
        }
        versions.values().removeIf(Map::isEmpty);
    }

    /** Number of stored versions of each key, deletes included. */
    NavigableMap<byte[], Integer> versionCounts() {
        final NavigableMap<byte[], Integer> counts = new TreeMap<>(Arrays::compareUnsigned);
        versions.forEach((key, history) -> counts.put(key, history.size()));
        return counts;
    }

    private static KeyValue visible(final byte[] key, final NavigableMap<Long, Version> history, final long readTs) {
        // Versions are ordered newest first, so the ceiling of readTs is the newest version at or before it.
        final Map.Entry<Long, Version> entry = history.ceilingEntry(readTs);
        if (entry == null || !entry.getValue().liveAt(readTs)) {
            return null;
        }
        return new KeyValue(key, entry.getValue().value(), entry.getKey(), entry.getValue().expiryMs());
    }
}
