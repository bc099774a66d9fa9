package io.elastickv.redis.command.generic;

import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.StrictNumbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Argument parsing shared by the generic commands, with Redis's error texts. */
final class Arguments {
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private Arguments() {
    }

    /** A strict 64-bit integer, or {@code ERR value is not an integer or out of range}. */
    static long integer(final byte[] arg) {
        if (!isInteger(arg)) {
            throw RedisException.notAnInteger();
        }
        return StrictNumbers.parseLong(arg);
    }

    /** True when {@code text} is a 64-bit integer in canonical form (Redis's string2ll). */
    static boolean isInteger(final byte[] text) {
        // The parser's INVALID sentinel is also a real value, which Redis accepts.
        return StrictNumbers.parseLong(text) != StrictNumbers.INVALID || Arrays.equals(text, LONG_MIN);
    }

    /** A database index as COPY ... DB and MOVE take it: an int (Redis's getIntFromObject), then in range. */
    static int database(final byte[] arg) {
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
    static String option(final byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }

    /** The argument's bytes as text, one char per byte, for error messages that quote it. */
    static String text(final byte[] arg) {
        return new String(arg, StandardCharsets.ISO_8859_1);
    }
}
