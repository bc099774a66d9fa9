package io.elastickv.redis.command.string;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.LongDouble;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT: a missing key counts as 0, the result replaces the value
 * and the key keeps its expiry. The increment argument of INCRBY and DECRBY is checked before the key is
 * looked at; INCRBYFLOAT checks the stored value first, as Redis does.
 */
final class CounterCommands {
    private CounterCommands() {
    }

    static void incr(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        add(keyspace, args.get(1), 1, out);
    }

    static void decr(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        add(keyspace, args.get(1), -1, out);
    }

    static void incrby(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        add(keyspace, args.get(1), Arguments.integer(args.get(2)), out);
    }

    /** The one decrement that cannot be negated into an increment has its own error. */
    static void decrby(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final long decrement = Arguments.integer(args.get(2));
        if (decrement == Long.MIN_VALUE) {
            throw new RedisException("ERR decrement would overflow");
        }
        add(keyspace, args.get(1), -decrement, out);
    }

    /** The sum is computed and printed as redis-server's C long double would: see {@link LongDouble}. */
    static void incrbyfloat(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        final LongDouble value = meta == null ? LongDouble.ZERO : LongDouble.parse(meta.stringValue());
        final LongDouble increment = value == null ? null : LongDouble.parse(args.get(2));
        if (increment == null) {
            throw new RedisException(RedisException.NOT_A_FLOAT);
        }
        final LongDouble sum = value.add(increment);
        if (!sum.isFinite()) {
            throw new RedisException(RedisException.NAN_OR_INFINITY);
        }
        final byte[] text = sum.format();
        StringCommands.replaceValue(keyspace, key, meta, text);
        out.bulk(text);
    }

    private static void add(final Keyspace keyspace, final byte[] key, final long increment, final RespWriter out) {
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        final long value = meta == null ? 0 : Arguments.integer(meta.stringValue());
        if (increment > 0 ? value > Long.MAX_VALUE - increment : value < Long.MIN_VALUE - increment) {
            throw new RedisException(RedisException.OVERFLOW);
        }
        final long result = value + increment;
        StringCommands.replaceValue(keyspace, key, meta, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
        out.integer(result);
    }
}
