package io.elastickv.raft;

import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import java.util.List;

/**
 * What a {@link CommandExecutor} may see and do while executing one replicated command: read the state as
 * of all earlier commands (including earlier commands of the same log entry), stage writes, and use the
 * entry's replicated time and randomness.
 */
public interface ExecutionContext {
    /** The commit timestamp the entry's writes are stored at. */
    long commitTs();

    /** Wall-clock "now" for this command, in ms: the physical part of {@link #commitTs()}. */
    long nowMs();

    /** A seed for this command's randomness: the same on every replica, different for every command. */
    long seed();

    /**
     * The commit timestamp of the newest version of {@code key}, deletes included (0 when there is none):
     * it changes with every write to the key, which is what optimistic checks (WATCH) compare.
     */
    long latestCommitTs(byte[] key);

    /** The live value of {@code key}, or {@code null}. */
    KeyValue get(byte[] key);

    /** Up to {@code limit} live keys in the range, ascending. */
    List<KeyValue> scan(Bound lower, Bound upper, int limit);

    /** Up to {@code limit} live keys in the range, descending. */
    List<KeyValue> reverseScan(Bound lower, Bound upper, int limit);

    /** Stages a put; {@code expiryMs} 0 means no expiry. */
    void put(byte[] key, byte[] value, long expiryMs);

    void delete(byte[] key);
}
