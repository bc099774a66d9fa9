package io.elastickv.store.rocksdb;

import io.elastickv.common.config.Config;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.codec.KeyCodec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.rocksdb.RocksIterator;

/** Reads what is physically stored in a closed store directory, below the MVCC read rules. */
final class RawVersions {
    private RawVersions() {
    }

    /** Number of stored versions (deletes included) per user key. */
    static NavigableMap<byte[], Integer> countPerKey(final Path directory) {
        final NavigableMap<byte[], Integer> counts = new TreeMap<>(Arrays::compareUnsigned);
        final RocksInstance instance = RocksInstance.open(directory,
            Config.builder().set(StoreConfigKeys.GC_BACKGROUND, false).build());
        try (RocksIterator it = instance.newScanIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                counts.merge(KeyCodec.userKey(it.key()), 1, Integer::sum);
            }
        } finally {
            instance.release();
        }
        return counts;
    }
}
