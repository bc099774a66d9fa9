package io.elastickv.redis.command.hash;

import static io.elastickv.redis.command.CommandSpec.Flag.DENYOOM;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.LongDouble;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The hash family. A hash is a collection: one member per field, holding the field's value, and its field
 * count in the key's metadata record (so HLEN is one lookup). Fields come back in member order, unsigned
 * byte order of the field names, where redis-server answers small hashes in insertion order; Redis
 * promises no order for these replies.
 *
 * <p>This class holds the table rows and the writes; {@link HashReads}, {@link HashRandomField} and
 * {@link HashScan} hold the rest.
 */
public final class HashCommands {
    private static final String HASH_VALUE_NOT_AN_INTEGER = "ERR hash value is not an integer";


    private HashCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        final Set<CommandSpec.Flag> write = Set.of(WRITE, DENYOOM, FAST);
        final Set<CommandSpec.Flag> fastRead = Set.of(READONLY, FAST);
        final Set<CommandSpec.Flag> read = Set.of(READONLY);
        table.add(CommandSpec.data("hset", -4, write, 1, 1, 1, (ks, args, out) -> set(ks, args, out, "hset")));
        table.add(CommandSpec.data("hmset", -4, write, 1, 1, 1, (ks, args, out) -> set(ks, args, out, "hmset")));
        table.add(CommandSpec.data("hsetnx", 4, write, 1, 1, 1, HashCommands::setIfAbsent));
        table.add(CommandSpec.data("hincrby", 4, write, 1, 1, 1, HashCommands::incrementBy));
        table.add(CommandSpec.data("hincrbyfloat", 4, write, 1, 1, 1, HashCommands::incrementByFloat));
        table.add(CommandSpec.data("hdel", -3, Set.of(WRITE, FAST), 1, 1, 1, HashCommands::delete));
        table.add(CommandSpec.data("hget", 3, fastRead, 1, 1, 1, HashReads::get));
        table.add(CommandSpec.data("hmget", -3, fastRead, 1, 1, 1, HashReads::multiGet));
        table.add(CommandSpec.data("hlen", 2, fastRead, 1, 1, 1, HashReads::length));
        table.add(CommandSpec.data("hstrlen", 3, fastRead, 1, 1, 1, HashReads::valueLength));
        table.add(CommandSpec.data("hexists", 3, fastRead, 1, 1, 1, HashReads::exists));
        table.add(CommandSpec.data("hgetall", 2, read, 1, 1, 1, HashReads::getAll));
        table.add(CommandSpec.data("hkeys", 2, read, 1, 1, 1, HashReads::keys));
        table.add(CommandSpec.data("hvals", 2, read, 1, 1, 1, HashReads::values));
        table.add(CommandSpec.data("hrandfield", -2, read, 1, 1, 1, HashRandomField::randomField));
        table.add(CommandSpec.data("hscan", -3, read, 1, 1, 1, HashScan::scan));
    }

    /** HSET answers the number of fields it created, HMSET {@code OK}; both need whole field-value pairs. */
    private static void set(final Keyspace keyspace, final List<byte[]> args, final RespWriter out,
                            final String name) {
        if (args.size() % 2 != 0) {
            throw new RedisException(Subcommands.wrongArity(name));
        }
        final byte[] key = args.get(1);
        final KeyMeta previous = keyspace.lookup(key, RedisType.HASH);
        final KeyMeta meta = previous != null ? previous : keyspace.newCollection(RedisType.HASH);
        long created = 0;
        for (int i = 2; i < args.size(); i += 2) {
            // A field given twice counts once: the second sees the first's staged write.
            if (keyspace.member(key, meta, args.get(i)) == null) {
                created++;
            }
            keyspace.putMember(key, meta, args.get(i), args.get(i + 1));
        }
        keyspace.writeCollection(key, previous, meta, meta.count() + created);
        if (name.equals("hset")) {
            out.integer(created);
        } else {
            out.simple("OK");
        }
    }

    private static void setIfAbsent(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta previous = keyspace.lookup(key, RedisType.HASH);
        if (previous != null && keyspace.member(key, previous, args.get(2)) != null) {
            out.integer(0);
            return;
        }
        final KeyMeta meta = previous != null ? previous : keyspace.newCollection(RedisType.HASH);
        keyspace.putMember(key, meta, args.get(2), args.get(3));
        keyspace.writeCollection(key, previous, meta, meta.count() + 1);
        out.integer(1);
    }

    /** As Redis: the increment is checked first, then the type, then the stored value, then overflow. */
    private static void incrementBy(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final long increment = Arguments.integer(args.get(3));
        final byte[] key = args.get(1);
        final byte[] field = args.get(2);
        final KeyMeta previous = keyspace.lookup(key, RedisType.HASH);
        final byte[] current = previous == null ? null : keyspace.member(key, previous, field);
        final long value = current == null ? 0 : Arguments.integer(current, HASH_VALUE_NOT_AN_INTEGER);
        final long result;
        try {
            result = Math.addExact(value, increment);
        } catch (ArithmeticException overflow) {
            throw new RedisException(RedisException.OVERFLOW);
        }
        final KeyMeta meta = previous != null ? previous : keyspace.newCollection(RedisType.HASH);
        keyspace.putMember(key, meta, field, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
        keyspace.writeCollection(key, previous, meta, meta.count() + (current == null ? 1 : 0));
        out.integer(result);
    }

    /**
     * As Redis: the increment must be a finite float, then the type, then the stored value must be a float
     * ({@code hash value is not a float}); the sum is computed and printed as Redis's long double.
     */
    private static void incrementByFloat(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final LongDouble increment = LongDouble.parse(args.get(3));
        if (increment == null) {
            throw new RedisException(RedisException.NOT_A_FLOAT);
        }
        if (!increment.isFinite()) {
            throw new RedisException("ERR value is NaN or Infinity");
        }
        final byte[] key = args.get(1);
        final byte[] field = args.get(2);
        final KeyMeta previous = keyspace.lookup(key, RedisType.HASH);
        final byte[] current = previous == null ? null : keyspace.member(key, previous, field);
        final LongDouble value = current == null ? LongDouble.ZERO : LongDouble.parse(current);
        if (value == null) {
            throw new RedisException("ERR hash value is not a float");
        }
        final LongDouble sum = value.add(increment);
        if (!sum.isFinite()) {
            throw new RedisException(RedisException.NAN_OR_INFINITY);
        }
        final byte[] text = sum.format();
        final KeyMeta meta = previous != null ? previous : keyspace.newCollection(RedisType.HASH);
        keyspace.putMember(key, meta, field, text);
        keyspace.writeCollection(key, previous, meta, meta.count() + (current == null ? 1 : 0));
        out.bulk(text);
    }

    /** Removing the last field deletes the key ({@link Keyspace#writeCollection} with a count of 0). */
    private static void delete(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        long deleted = 0;
        if (meta != null) {
            for (int i = 2; i < args.size(); i++) {
                if (keyspace.member(key, meta, args.get(i)) != null) {
                    keyspace.deleteMember(key, meta, args.get(i));
                    deleted++;
                }
            }
            if (deleted > 0) {
                keyspace.writeCollection(key, meta, meta, meta.count() - deleted);
            }
        }
        out.integer(deleted);
    }
}
