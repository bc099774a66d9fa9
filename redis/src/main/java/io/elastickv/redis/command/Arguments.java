package io.elastickv.redis.command;

import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.StrictNumbers;

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
}
