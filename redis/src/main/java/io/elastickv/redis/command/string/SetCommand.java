package io.elastickv.redis.command.string;

import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.redis.resp.StrictNumbers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]}, with Redis 7.2's option
 * parsing: each option at most once, NX/XX and the expiry forms mutually exclusive, a non-positive or
 * overflowing expiry rejected with {@code invalid expire time in 'set' command}.
 */
final class SetCommand {
    private SetCommand() {
    }

    static void set(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        String expiryUnit = null;
        byte[] expiryArg = null;
        for (int i = 3; i < args.size(); i++) {
            final String option = new String(args.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            final boolean hasNext = i + 1 < args.size();
            switch (option) {
                case "NX" -> {
                    if (xx) {
                        throw RedisException.syntax();
                    }
                    nx = true;
                }
                case "XX" -> {
                    if (nx) {
                        throw RedisException.syntax();
                    }
                    xx = true;
                }
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (expiryUnit != null) {
                        throw RedisException.syntax();
                    }
                    keepTtl = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    if (keepTtl || expiryUnit != null || !hasNext) {
                        throw RedisException.syntax();
                    }
                    expiryUnit = option;
                    expiryArg = args.get(++i);
                }
                default -> throw RedisException.syntax();
            }
        }
        long expiryMs = 0;
        if (expiryUnit != null) {
            expiryMs = absoluteExpiry(keyspace.nowMs(), expiryUnit, expiryArg, "set");
        }
        final byte[] key = args.get(1);
        final KeyMeta previous = keyspace.lookup(key);
        if (get && previous != null && previous.type() != RedisType.STRING) {
            throw RedisException.wrongType();
        }
        final boolean apply = !(nx && previous != null) && !(xx && previous == null);
        if (apply) {
            final long keptExpiry = keepTtl && previous != null ? previous.expiryMs() : expiryMs;
            keyspace.setString(key, previous, args.get(2), keptExpiry);
        }
        if (get) {
            if (previous == null) {
                out.nullBulk();
            } else {
                out.bulk(previous.stringValue());
            }
        } else if (apply) {
            out.simple("OK");
        } else {
            out.nullBulk();
        }
    }

    /**
     * The absolute expiry in ms for {@code EX|PX|EXAT|PXAT value}: Redis rejects a value that is not a
     * positive integer, or that overflows when converted to ms or made absolute.
     */
    static long absoluteExpiry(final long nowMs, final String unit, final byte[] value, final String command) {
        final long amount = StrictNumbers.parseLong(value);
        if (amount == StrictNumbers.INVALID) {
            throw RedisException.notAnInteger();
        }
        final RedisException invalid = new RedisException("ERR invalid expire time in '" + command + "' command");
        if (amount <= 0) {
            throw invalid;
        }
        final boolean seconds = unit.equals("EX") || unit.equals("EXAT");
        if (seconds && amount > Long.MAX_VALUE / 1000) {
            throw invalid;
        }
        final long ms = seconds ? amount * 1000 : amount;
        if (unit.equals("EX") || unit.equals("PX")) {
            if (ms > Long.MAX_VALUE - nowMs) {
                throw invalid;
            }
            return nowMs + ms;
        }
        return ms;
    }
}
