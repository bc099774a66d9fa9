package io.elastickv.redis.keyspace;

import java.nio.ByteBuffer;

/**
 * A key's metadata record: its type, expiry and either its string value or the generation and size of its
 * collection. Everything GET, SET, TYPE, EXISTS and TTL need is in this one record.
 *
 * <pre>
 *  +------+---------------+------------------------------------------------+
 *  | type | expiry ms     | string:      value bytes                       |
 *  | 1 B  | int64, 0=none | collections: generation int64 | count int64    |
 *  +------+---------------+------------------------------------------------+
 *  integers big-endian
 * </pre>
 *
 * <p>{@code commitTs} is not stored in the record; it is the version the record was read at, which changes
 * with every write to the key.
 */
public record KeyMeta(RedisType type, long expiryMs, byte[] stringValue, long generation, long count,
                      long commitTs) {
    private static final int HEADER = 1 + 8;

    public boolean hasExpiry() {
        return expiryMs != 0;
    }

    /** True when the key has expired at {@code nowMs}; Redis keeps a key through its expiry millisecond. */
    boolean expiredAt(final long nowMs) {
        return expiryMs != 0 && nowMs > expiryMs;
    }

    KeyMeta withExpiry(final long newExpiryMs) {
        return new KeyMeta(type, newExpiryMs, stringValue, generation, count, commitTs);
    }

    static byte[] encodeString(final byte[] value, final long expiryMs) {
        return ByteBuffer.allocate(HEADER + value.length).put(RedisType.STRING.code()).putLong(expiryMs).put(value)
            .array();
    }

    static byte[] encodeCollection(final RedisType type, final long expiryMs, final long generation,
                                   final long count) {
        return ByteBuffer.allocate(HEADER + 16).put(type.code()).putLong(expiryMs).putLong(generation)
            .putLong(count).array();
    }

    byte[] encode() {
        return type == RedisType.STRING ? encodeString(stringValue, expiryMs)
            : encodeCollection(type, expiryMs, generation, count);
    }

    static KeyMeta decode(final byte[] record, final long commitTs) {
        final ByteBuffer in = ByteBuffer.wrap(record);
        final RedisType type = RedisType.ofCode(in.get());
        final long expiryMs = in.getLong();
        if (type == RedisType.STRING) {
            final byte[] value = new byte[in.remaining()];
            in.get(value);
            return new KeyMeta(type, expiryMs, value, 0, 0, commitTs);
        }
        return new KeyMeta(type, expiryMs, null, in.getLong(), in.getLong(), commitTs);
    }
}
