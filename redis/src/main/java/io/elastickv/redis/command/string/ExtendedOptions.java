package io.elastickv.redis.command.string;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.RedisException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The options SET and GETEX share, read as Redis 7.2 reads them: NX, XX, GET and KEEPTTL for SET, PERSIST
 * for GETEX, and for both one expiry, EX, PX, EXAT or PXAT with its value. Repeating an option is allowed
 * (a repeated expiry's last value wins); options that contradict each other, one that belongs to the other
 * command, or an expiry without its value are a syntax error.
 */
record ExtendedOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist, Unit unit,
                       byte[] expiry) {
    /** How an expiry value is read: relative or absolute, in seconds or milliseconds. */
    enum Unit {
        EX, PX, EXAT, PXAT;

        boolean seconds() {
            return this == EX || this == EXAT;
        }

        boolean absolute() {
            return this == EXAT || this == PXAT;
        }
    }

    /** The options of SET ({@code forSet}) or GETEX from {@code args[from]} on; no expiry leaves {@code unit} null. */
    static ExtendedOptions parse(final List<byte[]> args, final int from, final boolean forSet) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        boolean persist = false;
        Unit unit = null;
        byte[] expiry = null;
        for (int i = from; i < args.size(); i++) {
            final String option = new String(args.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            switch (option) {
                case "NX" -> {
                    require(forSet && !xx);
                    nx = true;
                }
                case "XX" -> {
                    require(forSet && !nx);
                    xx = true;
                }
                case "GET" -> {
                    require(forSet);
                    get = true;
                }
                case "KEEPTTL" -> {
                    require(forSet && unit == null);
                    keepTtl = true;
                }
                case "PERSIST" -> {
                    require(!forSet && unit == null);
                    persist = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    final Unit given = Unit.valueOf(option);
                    require(!keepTtl && !persist && (unit == null || unit == given) && i + 1 < args.size());
                    unit = given;
                    expiry = args.get(++i);
                }
                default -> throw RedisException.syntax();
            }
        }
        return new ExtendedOptions(nx, xx, get, keepTtl, persist, unit, expiry);
    }

    private static void require(final boolean allowed) {
        if (!allowed) {
            throw RedisException.syntax();
        }
    }

    /** The absolute expiry in ms the given expiry stands for; see {@link #absoluteExpiry}. */
    long absoluteExpiryMs(final long nowMs, final String command) {
        return absoluteExpiry(nowMs, unit, expiry, command);
    }

    /**
     * The absolute expiry in ms for {@code value} in {@code unit}: Redis refuses a value that is not a
     * positive integer, or that overflows when converted to ms or made absolute.
     */
    static long absoluteExpiry(final long nowMs, final Unit unit, final byte[] value, final String command) {
        final long amount = Arguments.integer(value);
        final RedisException invalid = new RedisException("ERR invalid expire time in '" + command + "' command");
        if (amount <= 0 || unit.seconds() && amount > Long.MAX_VALUE / 1000) {
            throw invalid;
        }
        final long ms = unit.seconds() ? amount * 1000 : amount;
        if (unit.absolute()) {
            return ms;
        }
        if (ms > Long.MAX_VALUE - nowMs) {
            throw invalid;
        }
        return nowMs + ms;
    }
}
