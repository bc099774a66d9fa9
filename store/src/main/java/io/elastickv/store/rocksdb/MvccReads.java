package io.elastickv.store.rocksdb;

import io.elastickv.common.Checks;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import io.elastickv.store.StoreException;
import io.elastickv.store.codec.KeyCodec;
import io.elastickv.store.codec.ValueCodec;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The read algorithms over version keys (see {@link KeyCodec} for the order they rely on).
 *
 * <p>Forward: at the newest version of a key, if it is newer than the read timestamp, one seek to
 * {@code prefix || ~readTs} lands on the visible version. After it, the older versions are stepped over
 * with {@code next()} a few times and then with a seek past all versions, as RocksDB's own iterator skips
 * hidden entries: stepping is cheaper for a few versions, seeking for many.
 *
 * <p>Reverse: versions of a key arrive oldest first, so the visible version is the last one at or below
 * the read timestamp before a newer one or the previous key appears; newer versions are skipped with one
 * {@code seekForPrev} to the key prefix.
 */
final class MvccReads {
    private static final int MAX_SEQUENTIAL_SKIP = 8;

    private MvccReads() {
    }

    static KeyValue get(final RocksIterator it, final byte[] key, final long readTs) {
        final byte[] seekKey = KeyCodec.versionKey(key, readTs);
        it.seek(seekKey);
        if (!it.isValid()) {
            checkStatus(it);
            return null;
        }
        final byte[] found = it.key();
        if (!KeyCodec.sameUserKey(seekKey, found)) {
            return null;
        }
        return visible(key, found, it.value(), readTs);
    }

    static long latestCommitTs(final RocksIterator it, final byte[] key) {
        final byte[] prefix = KeyCodec.keyPrefix(key);
        it.seek(prefix);
        if (!it.isValid()) {
            checkStatus(it);
            return 0;
        }
        final byte[] found = it.key();
        return KeyCodec.hasKeyPrefix(found, prefix) ? KeyCodec.commitTs(found) : 0;
    }

    static List<KeyValue> scan(final RocksIterator it, final Bound lower, final Bound upper, final long readTs,
                               final int limit) {
        Checks.requirePositive("limit", limit);
        final List<KeyValue> out = new ArrayList<>(Math.min(limit, 128));
        if (lower.isUnbounded()) {
            it.seekToFirst();
        } else {
            it.seek(lower.isInclusive() ? KeyCodec.keyPrefix(lower.key()) : KeyCodec.afterAllVersions(lower.key()));
        }
        while (it.isValid() && out.size() < limit) {
            final byte[] versionKey = it.key();
            final byte[] userKey = KeyCodec.userKey(versionKey);
            if (upper.isAboveUpper(userKey)) {
                break;
            }
            if (KeyCodec.commitTs(versionKey) > readTs) {
                it.seek(KeyCodec.withCommitTs(versionKey, readTs));
                continue;
            }
            final KeyValue entry = visible(userKey, versionKey, it.value(), readTs);
            if (entry != null) {
                out.add(entry);
            }
            skipOlderVersions(it, versionKey);
        }
        checkStatus(it);
        return out;
    }

    static List<KeyValue> reverseScan(final RocksIterator it, final Bound lower, final Bound upper,
                                      final long readTs, final int limit) {
        Checks.requirePositive("limit", limit);
        final List<KeyValue> out = new ArrayList<>(Math.min(limit, 128));
        if (upper.isUnbounded()) {
            it.seekToLast();
        } else {
            it.seekForPrev(upper.isInclusive() ? KeyCodec.afterAllVersions(upper.key())
                : KeyCodec.keyPrefix(upper.key()));
        }
        while (it.isValid() && out.size() < limit) {
            final byte[] firstSeen = it.key();
            final byte[] userKey = KeyCodec.userKey(firstSeen);
            if (lower.isBelowLower(userKey)) {
                break;
            }
            byte[] visibleKey = null;
            byte[] visibleValue = null;
            byte[] versionKey = firstSeen;
            while (KeyCodec.commitTs(versionKey) <= readTs) {
                visibleKey = versionKey;
                visibleValue = it.value();
                it.prev();
                if (!it.isValid()) {
                    break;
                }
                versionKey = it.key();
                if (!KeyCodec.sameUserKey(firstSeen, versionKey)) {
                    break;
                }
            }
            if (visibleKey != null) {
                final KeyValue entry = visible(userKey, visibleKey, visibleValue, readTs);
                if (entry != null) {
                    out.add(entry);
                }
            }
            if (it.isValid() && KeyCodec.sameUserKey(firstSeen, it.key())) {
                it.seekForPrev(KeyCodec.keyPrefixOf(firstSeen));
            }
        }
        checkStatus(it);
        return out;
    }

    private static KeyValue visible(final byte[] userKey, final byte[] versionKey, final byte[] stored,
                                    final long readTs) {
        if (!ValueCodec.isLive(stored, HybridLogicalClock.physicalMs(readTs))) {
            return null;
        }
        return new KeyValue(userKey, ValueCodec.userValue(stored), KeyCodec.commitTs(versionKey),
            ValueCodec.expiryMs(stored));
    }

    private static void skipOlderVersions(final RocksIterator it, final byte[] versionKey) {
        for (int i = 0; i < MAX_SEQUENTIAL_SKIP; i++) {
            it.next();
            if (!it.isValid() || !KeyCodec.sameUserKey(versionKey, it.key())) {
                return;
            }
        }
        it.seek(KeyCodec.afterVersionsOf(versionKey));
    }

    static void checkStatus(final RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("iterator failed: " + e.getMessage(), e);
        }
    }
}
