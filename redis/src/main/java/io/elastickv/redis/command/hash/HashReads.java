package io.elastickv.redis.command.hash;

import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/** The hash reads that need no randomness or cursor: HGET, HMGET, HLEN, HSTRLEN, HEXISTS, HGETALL, HKEYS, HVALS. */
final class HashReads {
    private HashReads() {
    }

    static void get(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] value = value(keyspace, args.get(1), args.get(2));
        if (value == null) {
            out.nullBulk();
        } else {
            out.bulk(value);
        }
    }

    static void multiGet(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        out.array(args.size() - 2);
        for (int i = 2; i < args.size(); i++) {
            final byte[] value = meta == null ? null : keyspace.member(key, meta, args.get(i));
            if (value == null) {
                out.nullBulk();
            } else {
                out.bulk(value);
            }
        }
    }

    static void length(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final KeyMeta meta = keyspace.lookup(args.get(1), RedisType.HASH);
        out.integer(meta == null ? 0 : meta.count());
    }

    static void valueLength(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] value = value(keyspace, args.get(1), args.get(2));
        out.integer(value == null ? 0 : value.length);
    }

    static void exists(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        out.integer(value(keyspace, args.get(1), args.get(2)) == null ? 0 : 1);
    }

    /** A map in RESP3, a flat field-value array in RESP2. */
    static void getAll(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final List<Keyspace.Member> fields = fields(keyspace, args.get(1));
        out.map(fields.size());
        for (final Keyspace.Member field : fields) {
            out.bulk(field.name()).bulk(field.value());
        }
    }

    static void keys(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final List<Keyspace.Member> fields = fields(keyspace, args.get(1));
        out.array(fields.size());
        for (final Keyspace.Member field : fields) {
            out.bulk(field.name());
        }
    }

    static void values(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final List<Keyspace.Member> fields = fields(keyspace, args.get(1));
        out.array(fields.size());
        for (final Keyspace.Member field : fields) {
            out.bulk(field.value());
        }
    }

    private static byte[] value(final Keyspace keyspace, final byte[] key, final byte[] field) {
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        return meta == null ? null : keyspace.member(key, meta, field);
    }

    private static List<Keyspace.Member> fields(final Keyspace keyspace, final byte[] key) {
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        return meta == null ? List.of() : HashMembers.all(keyspace, key, meta);
    }
}
