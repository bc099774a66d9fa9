package io.elastickv.raft.statemachine;

import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.SystemKeys;
import io.elastickv.raft.entry.LogEntry;
import io.elastickv.store.KeyValue;
import io.elastickv.store.Mutation;
import io.elastickv.store.MvccStore;
import io.elastickv.store.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes log entries against the store, deterministically: the same entries in the same order produce the
 * same store state and the same replies on every replica.
 *
 * <ul>
 *   <li>Commit timestamp: {@code max(entry.hlcTs, watermark + 1)}, so timestamps strictly increase even if a
 *   new leader's clock is behind.</li>
 *   <li>Each command gets a seed derived from the entry's seed and its position (SplitMix64), so commands
 *   of one entry do not share randomness.</li>
 *   <li>All writes of the entry, plus the applied index and a raised HLC ceiling, go to the store in one
 *   atomic apply. Entries at or below the store's applied index were applied before a restart and are
 *   skipped, which makes replay after a crash idempotent.</li>
 * </ul>
 */
public final class EntryApplier {
    private final MvccStore store;
    private final CommandExecutor executor;
    private long replicatedCeilingMs;

    public EntryApplier(final MvccStore store, final CommandExecutor executor) {
        this.store = store;
        this.executor = executor;
        this.replicatedCeilingMs = readCeiling(store);
    }

    /**
     * Applies {@code entry} as log index {@code index} and returns one reply per command, or {@code null}
     * when the store already holds this index (replay after restart).
     */
    public List<byte[]> apply(final LogEntry entry, final long index) {
        if (index <= store.appliedIndex()) {
            return null;
        }
        final long commitTs = Math.max(entry.hlcTs(), store.commitWatermark() + 1);
        final PendingWrites entryWrites = new PendingWrites();
        final List<byte[]> replies = new ArrayList<>(entry.commands().size());
        final List<byte[]> commands = entry.commands();
        for (int i = 0; i < commands.size(); i++) {
            final CommandContext context = new CommandContext(store, commitTs, mix(entry.seed(), i), entryWrites);
            byte[] reply;
            try {
                reply = executor.execute(commands.get(i), context);
                context.commit();
            } catch (StoreException storeFailure) {
                // Not the command's fault but this replica's: answering it with an error reply would let this
                // replica's state differ from the others'. Stop applying instead.
                throw storeFailure;
            } catch (RuntimeException failure) {
                context.discard();
                reply = executor.errorReply(commands.get(i), failure);
            }
            replies.add(reply);
        }
        if (entry.ceilingMs() > replicatedCeilingMs) {
            entryWrites.add(Mutation.put(SystemKeys.HLC_CEILING, ByteBuffer.allocate(8).putLong(entry.ceilingMs())
                .array()));
        }
        store.apply(entryWrites.toBatch(), commitTs, index);
        replicatedCeilingMs = Math.max(replicatedCeilingMs, entry.ceilingMs());
        return replies;
    }

    /** The highest HLC ceiling replicated so far; a new leader issues time only above it. */
    public long replicatedCeilingMs() {
        return replicatedCeilingMs;
    }

    /** Re-reads persistent state after the store was replaced (snapshot install). */
    public void reload() {
        replicatedCeilingMs = readCeiling(store);
    }

    private static long readCeiling(final MvccStore store) {
        final long watermark = store.commitWatermark();
        if (watermark == 0) {
            return 0;
        }
        final KeyValue stored = store.getEntry(SystemKeys.HLC_CEILING, watermark);
        return stored == null ? 0 : ByteBuffer.wrap(stored.value()).getLong();
    }

    /** SplitMix64 finalizer over seed and position: well-spread, cheap and the same on every JVM. */
    static long mix(final long seed, final int position) {
        long z = seed + (position + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
