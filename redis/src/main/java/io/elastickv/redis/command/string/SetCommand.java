package io.elastickv.redis.command.string;

import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/**
 * The commands that set a string with an expiry: {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s
 * | PXAT ms | KEEPTTL]} (options as {@link ExtendedOptions} reads them), {@code SETEX key seconds value},
 * {@code PSETEX key ms value}, and {@code GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]}.
 */
final class SetCommand {
    private SetCommand() {
    }

    static void set(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final ExtendedOptions options = ExtendedOptions.parse(args, 3, true);
        final long expiryMs = options.unit() == null ? 0 : options.absoluteExpiryMs(keyspace.nowMs(), "set");
        final byte[] key = args.get(1);
        final KeyMeta previous = keyspace.lookup(key);
        if (options.get() && previous != null && previous.type() != RedisType.STRING) {
            throw RedisException.wrongType();
        }
        final boolean apply = !(options.nx() && previous != null) && !(options.xx() && previous == null);
        if (apply) {
            final long keptExpiry = options.keepTtl() && previous != null ? previous.expiryMs() : expiryMs;
            keyspace.setString(key, previous, args.get(2), keptExpiry);
        }
        if (options.get()) {
            StringCommands.bulkOrNull(out, previous);
        } else if (apply) {
            out.simple("OK");
        } else {
            out.nullBulk();
        }
    }

    static void setex(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        setWithExpiry(keyspace, args, out, ExtendedOptions.Unit.EX, "setex");
    }

    static void psetex(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        setWithExpiry(keyspace, args, out, ExtendedOptions.Unit.PX, "psetex");
    }

    /**
     * GETEX answers a missing key before it looks at the expiry's value, and a past EXAT/PXAT deletes the key
     * (after answering with its value), as Redis does. PERSIST on a key without expiry writes nothing, so
     * it does not disturb a WATCH.
     */
    static void getex(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final ExtendedOptions options = ExtendedOptions.parse(args, 2, false);
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        if (meta == null) {
            out.nullBulk();
            return;
        }
        if (options.unit() != null) {
            final long expiryMs = options.absoluteExpiryMs(keyspace.nowMs(), "getex");
            if (options.unit().absolute() && expiryMs <= keyspace.nowMs()) {
                keyspace.delete(key, meta);
            } else {
                keyspace.setExpiry(key, meta, expiryMs);
            }
        } else if (options.persist() && meta.hasExpiry()) {
            keyspace.setExpiry(key, meta, 0);
        }
        out.bulk(meta.stringValue());
    }

    private static void setWithExpiry(final Keyspace keyspace, final List<byte[]> args, final RespWriter out,
                                      final ExtendedOptions.Unit unit, final String command) {
        final long expiryMs = ExtendedOptions.absoluteExpiry(keyspace.nowMs(), unit, args.get(2), command);
        final byte[] key = args.get(1);
        keyspace.setString(key, keyspace.lookup(key), args.get(3), expiryMs);
        out.simple("OK");
    }
}
