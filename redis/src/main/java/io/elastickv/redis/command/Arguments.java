package io.elastickv.redis.command;

import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.StrictNumbers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading command arguments the way Redis does, failing with Redis's error texts. */
public final class Arguments {
    private Arguments() {
    }

    /** An integer argument (Redis's {@code string2ll}), or {@code ERR value is not an integer or out of range}. */
    public static long integer(final byte[] text) {
        return integer(text, RedisException.NOT_AN_INTEGER);
    }

    /** An integer (Redis's {@code string2ll}, the whole 64-bit range), or a {@link RedisException} with {@code error}. */
    public static long integer(final byte[] text, final String error) {
        return StrictNumbers.parseAnyLong(text).orElseThrow(() -> new RedisException(error));
    }

    /** True when {@code text} is a 64-bit integer as Redis's string2ll reads one. */
    public static boolean isInteger(final byte[] text) {
        return StrictNumbers.parseAnyLong(text).isPresent();
    }

    /** A database index as COPY ... DB and MOVE take it: an int (Redis's getIntFromObject), then in range. */
    public static int database(final byte[] arg) {
        final long index = integer(arg);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new RedisException("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        if (index < 0 || index >= Keyspace.DATABASES) {
            throw new RedisException("ERR DB index is out of range");
        }
        return (int) index;
    }

    /** An option name, upper-cased for matching (options are case-insensitive). */
    public static String option(final byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }

    /** The argument's bytes as text, one char per byte, for error messages that quote it. */
    public static String text(final byte[] arg) {
        return new String(arg, StandardCharsets.ISO_8859_1);
    }
}
