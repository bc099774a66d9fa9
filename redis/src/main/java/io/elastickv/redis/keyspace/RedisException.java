package io.elastickv.redis.keyspace;

/**
 * A command's error reply, thrown where the error is found and written by whoever runs the command. The
 * message is the whole reply text including its code, exactly as Redis words it.
 *
 * <p>Commands check their arguments and types before they write, as Redis commands do, so an error never
 * leaves half a command's writes behind. In the state machine a thrown error also discards the command's
 * staged writes, except inside EXEC, where the block's commands share one context and only validation
 * before writing keeps a failing command from leaving writes.
 */
public final class RedisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_A_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

    public RedisException(final String reply) {
        super(reply, null, false, false);
    }

    public static RedisException wrongType() {
        return new RedisException(WRONG_TYPE);
    }

    public static RedisException notAnInteger() {
        return new RedisException(NOT_AN_INTEGER);
    }

    public static RedisException syntax() {
        return new RedisException(SYNTAX);
    }
}
