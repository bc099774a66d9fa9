package io.elastickv.redis.keyspace;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Where Redis data lives in the ordered store (DESIGN §5). Every record starts with a one-byte family, and
 * databases 0-15 are the next byte, so each database is a contiguous range of each family:
 *
 * <pre>
 *  metadata    'M' | db | user key                                   -> {@link KeyMeta}
 *  member      'C' | db | key length int32 | user key | generation int64 | member -> member value
 *  expiry      'X' | expiry ms int64 | db | user key                  -> empty (active-expiry index)
 *  scan order  'I' | db | key hash int64 | user key                   -> empty (SCAN, RANDOMKEY)
 *  db sizes    'S' | db                                               -> keys int64 | keys with expiry int64
 *  generation  'G'                                                    -> last generation int64
 *  integers big-endian, so expiry entries sort by time
 * </pre>
 *
 * The length prefix keeps the members of {@code a} apart from those of {@code ab}; the generation keeps a
 * deleted collection's leftovers apart from a new collection under the same key. The store's own key
 * codec makes every record key prefix-free, so no family needs escaping here.
 *
 * <p>The scan-order index lists every key of a database by {@link #keyHash}, a 63-bit hash of the key alone.
 * A SCAN cursor is a position in that order, so it needs no server state, means the same on every replica
 * and after a restart, and a key keeps its place whatever else is written. Uniform hashes also give
 * RANDOMKEY a random position to seek to, which key order (where keys share long prefixes) does not.
 */
public final class RedisKeys {
    static final byte META = 'M';
    static final byte MEMBER = 'C';
    static final byte EXPIRY = 'X';
    static final byte SIZES = 'S';
    static final byte SCAN_ORDER = 'I';
    static final byte[] GENERATION = {'G'};

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    });

    private RedisKeys() {
    }

    static byte[] meta(final int db, final byte[] key) {
        final byte[] out = new byte[2 + key.length];
        out[0] = META;
        out[1] = (byte) db;
        System.arraycopy(key, 0, out, 2, key.length);
        return out;
    }

    static byte[] metaPrefix(final int db) {
        return new byte[] {META, (byte) db};
    }

    static byte[] userKey(final byte[] metaKey) {
        return Arrays.copyOfRange(metaKey, 2, metaKey.length);
    }

    static byte[] memberPrefix(final int db, final byte[] key, final long generation) {
        return ByteBuffer.allocate(2 + 4 + key.length + 8).put(MEMBER).put((byte) db).putInt(key.length).put(key)
            .putLong(generation).array();
    }

    /** The start of every member record of {@code db}. */
    static byte[] memberDbPrefix(final int db) {
        return new byte[] {MEMBER, (byte) db};
    }

    static byte[] member(final byte[] prefix, final byte[] member) {
        final byte[] out = Arrays.copyOf(prefix, prefix.length + member.length);
        System.arraycopy(member, 0, out, prefix.length, member.length);
        return out;
    }

    /** {@code record} (a metadata, member, scan-order or sizes record) moved to database {@code db}. */
    static byte[] inDatabase(final byte[] record, final int db) {
        final byte[] out = record.clone();
        out[1] = (byte) db;
        return out;
    }

    static byte[] expiry(final long expiryMs, final int db, final byte[] key) {
        return ByteBuffer.allocate(1 + 8 + 1 + key.length).put(EXPIRY).putLong(expiryMs).put((byte) db).put(key)
            .array();
    }

    static byte[] scanOrder(final int db, final long hash, final byte[] key) {
        return ByteBuffer.allocate(2 + 8 + key.length).put(SCAN_ORDER).put((byte) db).putLong(hash).put(key).array();
    }

    /** The start of the scan-order entries of {@code db} at or after {@code hash}. */
    static byte[] scanOrderFrom(final int db, final long hash) {
        return ByteBuffer.allocate(2 + 8).put(SCAN_ORDER).put((byte) db).putLong(hash).array();
    }

    static byte[] scanOrderPrefix(final int db) {
        return new byte[] {SCAN_ORDER, (byte) db};
    }

    static long scanOrderHash(final byte[] entry) {
        return ByteBuffer.wrap(entry, 2, 8).getLong();
    }

    static byte[] scanOrderKey(final byte[] entry) {
        return Arrays.copyOfRange(entry, 10, entry.length);
    }

    /**
     * A key's place in the scan order: the first 63 bits of its SHA-256, so the order is uniform and stable
     * across versions (it is part of the stored layout), and positions fit a signed 64-bit cursor.
     */
    static long keyHash(final byte[] key) {
        final byte[] digest = SHA256.get().digest(key);
        return ByteBuffer.wrap(digest).getLong() >>> 1;
    }

    static byte[] sizes(final int db) {
        return new byte[] {SIZES, (byte) db};
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    static byte[] prefixEnd(final byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            throw new IllegalArgumentException("prefix of only 0xFF bytes has no end: length=" + prefix.length);
        }
        final byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }
}
