package io.elastickv.store;

import java.util.List;

/**
 * Reads at one fixed timestamp. While a reader is open the garbage collector keeps every version it can
 * see, so any number of calls observe one consistent state even while batches are applied. Close it
 * promptly: an open reader holds back GC and delays checkpoint installation.
 */
public interface MvccReader extends AutoCloseable {
    long readTs();

    /** The value of {@code key} visible at {@link #readTs()}, or {@code null}. */
    KeyValue get(byte[] key);

    /** Up to {@code limit} live keys in {@code [lower, upper]} ascending, each at its visible version. */
    List<KeyValue> scan(Bound lower, Bound upper, int limit);

    /** Up to {@code limit} live keys in {@code [lower, upper]} descending, from {@code upper} down. */
    List<KeyValue> reverseScan(Bound lower, Bound upper, int limit);

    @Override
    void close();
}
