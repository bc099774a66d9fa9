package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.DataHandler;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.Set;

/**
 * Expiry: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX, XX, GT, LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME,
 * PERSIST. Times are judged against the command's "now" (the log entry's time for writes), and a time at
 * or before it deletes the key, as Redis does.
 */
final class ExpireCommands {
    private static final List<Unit> UNITS = List.of(new Unit("expire", true, true),
        new Unit("pexpire", false, true), new Unit("expireat", true, false), new Unit("pexpireat", false, false));

    private ExpireCommands() {
    }

    /** How a command's time argument becomes an absolute expiry. */
    private record Unit(String command, boolean seconds, boolean relative) {
    }

    static void register(final CommandTable.Builder table) {
        for (final Unit unit : UNITS) {
            table.add(CommandSpec.data(unit.command(), -3, Set.of(WRITE, FAST), 1, 1, 1,
                (keyspace, args, out) -> expire(keyspace, args, out, unit)));
        }
        addTtlRead(table, "ttl", (meta, now) -> roundedSeconds(remaining(meta, now)));
        addTtlRead(table, "pttl", ExpireCommands::remaining);
        addTtlRead(table, "expiretime", (meta, now) -> roundedSeconds(meta.expiryMs()));
        addTtlRead(table, "pexpiretime", (meta, now) -> meta.expiryMs());
        table.add(CommandSpec.data("persist", 2, Set.of(WRITE, FAST), 1, 1, 1, ExpireCommands::persist));
    }

    /** What a TTL-style command reports for a key that has an expiry. */
    @FunctionalInterface
    private interface ExpiryReport {
        long of(KeyMeta meta, long nowMs);
    }

    /** A TTL-style read: -2 for a missing key, -1 for one without expiry, else {@code report}. */
    private static void addTtlRead(final CommandTable.Builder table, final String name, final ExpiryReport report) {
        final DataHandler handler = (keyspace, args, out) -> {
            final KeyMeta meta = keyspace.lookup(args.get(1));
            if (meta == null) {
                out.integer(-2);
            } else if (!meta.hasExpiry()) {
                out.integer(-1);
            } else {
                out.integer(report.of(meta, keyspace.nowMs()));
            }
        };
        table.add(CommandSpec.data(name, 2, Set.of(READONLY, FAST), 1, 1, 1, handler));
    }

    /**
     * Milliseconds (never negative) to the nearest second, half up. Redis's sum can pass
     * {@link Long#MAX_VALUE} and it reports the unsigned result, so this divides unsigned too.
     */
    private static long roundedSeconds(final long ms) {
        return Long.divideUnsigned(ms + 500, 1000);
    }

    private static long remaining(final KeyMeta meta, final long nowMs) {
        return Math.max(0, meta.expiryMs() - nowMs);
    }

    /**
     * Options are checked before the time, as Redis does. A key without expiry counts as expiring never:
     * GT never applies to it and LT always does.
     */
    private static void expire(final Keyspace keyspace, final List<byte[]> args, final RespWriter out,
                               final Unit unit) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < args.size(); i++) {
            switch (Arguments.option(args.get(i))) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> throw new RedisException("ERR Unsupported option " + Arguments.text(args.get(i)));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new RedisException("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new RedisException("ERR GT and LT options at the same time are not compatible");
        }
        final long expiryMs = absolute(Arguments.integer(args.get(2)), unit, keyspace.nowMs());
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key);
        if (meta == null) {
            out.integer(0);
            return;
        }
        final boolean persistent = !meta.hasExpiry();
        final boolean refused = (nx && !persistent) || (xx && persistent)
            || (gt && (persistent || expiryMs <= meta.expiryMs()))
            || (lt && !persistent && expiryMs >= meta.expiryMs());
        if (refused) {
            out.integer(0);
            return;
        }
        if (expiryMs <= keyspace.nowMs()) {
            keyspace.delete(key, meta);
        } else {
            keyspace.setExpiry(key, meta, expiryMs);
        }
        out.integer(1);
    }

    /** The absolute expiry in ms; negative times are allowed, overflow is an error. */
    private static long absolute(final long amount, final Unit unit, final long nowMs) {
        final RedisException invalid = new RedisException("ERR invalid expire time in '" + unit.command()
            + "' command");
        if (unit.seconds() && (amount > Long.MAX_VALUE / 1000 || amount < Long.MIN_VALUE / 1000)) {
            throw invalid;
        }
        final long ms = unit.seconds() ? amount * 1000 : amount;
        final long base = unit.relative() ? nowMs : 0;
        if (ms > Long.MAX_VALUE - base) {
            throw invalid;
        }
        return ms + base;
    }

    private static void persist(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final KeyMeta meta = keyspace.lookup(args.get(1));
        if (meta == null || !meta.hasExpiry()) {
            out.integer(0);
            return;
        }
        keyspace.setExpiry(args.get(1), meta, 0);
        out.integer(1);
    }
}
