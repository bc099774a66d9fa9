package io.elastickv.redis.command.generic;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import java.util.List;

/**
 * The internal encoding Redis would report for a value (OBJECT ENCODING) and would write in a DUMP payload.
 * elastickv stores every value the same way, so this answers what redis-server with default settings would
 * hold for the value as it is now:
 *
 * <ul>
 *   <li>strings: {@code int} for a canonical 64-bit integer of at most 20 characters, {@code embstr} up to
 *   44 bytes, else {@code raw}. Redis keeps {@code raw} for a short string grown by APPEND or SETRANGE;
 *   here only the value counts.</li>
 *   <li>hashes: {@code listpack} up to 512 fields with every field and value at most 64 bytes
 *   ({@code hash-max-listpack-entries}, {@code hash-max-listpack-value}), else {@code hashtable}. Redis
 *   never converts a hash back to a listpack when it shrinks; here the current size decides.</li>
 *   <li>lists, sets and sorted sets: {@code listpack} up to 128 elements, else {@code quicklist},
 *   {@code hashtable} and {@code skiplist}; element sizes (and sets of integers, {@code intset}) are left
 *   to those families' layouts.</li>
 * </ul>
 */
public final class Encodings {
    static final int EMBSTR_MAX = 44;
    static final int HASH_LISTPACK_MAX_ENTRIES = 512;
    /** {@code set-max-listpack-entries} and {@code zset-max-listpack-entries}. */
    static final int LISTPACK_MAX_ENTRIES = 128;
    static final int LISTPACK_MAX_VALUE = 64;
    /** Redis shares the integer objects 0 to 9999 (OBJECT REFCOUNT reports them as INT_MAX). */
    static final long SHARED_INTEGERS = 10_000;

    private Encodings() {
    }

    public static String of(final Keyspace keyspace, final byte[] key, final KeyMeta meta) {
        final boolean small = meta.count() <= LISTPACK_MAX_ENTRIES;
        return switch (meta.type()) {
            case STRING -> ofString(meta.stringValue());
            case HASH -> meta.count() <= HASH_LISTPACK_MAX_ENTRIES
                && isCompactHash(keyspace.members(key, meta, null, HASH_LISTPACK_MAX_ENTRIES)) ? "listpack"
                : "hashtable";
            case LIST -> small ? "listpack" : "quicklist";
            case SET -> small ? "listpack" : "hashtable";
            case ZSET -> small ? "listpack" : "skiplist";
            case STREAM -> "stream";
        };
    }

    static String ofString(final byte[] value) {
        if (value.length <= 20 && Arguments.isInteger(value)) {
            return "int";
        }
        return value.length <= EMBSTR_MAX ? "embstr" : "raw";
    }

    /** True when a hash with these fields would be a listpack. */
    static boolean isCompactHash(final List<Keyspace.Member> fields) {
        if (fields.size() > HASH_LISTPACK_MAX_ENTRIES) {
            return false;
        }
        for (final Keyspace.Member field : fields) {
            if (field.name().length > LISTPACK_MAX_VALUE || field.value().length > LISTPACK_MAX_VALUE) {
                return false;
            }
        }
        return true;
    }
}
