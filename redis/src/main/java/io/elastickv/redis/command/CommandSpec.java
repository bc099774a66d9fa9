package io.elastickv.redis.command;

import io.elastickv.common.Checks;
import java.util.Set;

/**
 * One row of the command table, in Redis's terms: the lower-case name; the arity (positive: exactly that
 * many arguments counting the name; negative: at least that many); flags; the first key, last key
 * (negative counts from the end) and step between keys (0, 0, 0 for commands without keys); the handler.
 */
public record CommandSpec(String name, int arity, Set<Flag> flags, int firstKey, int lastKey, int keyStep,
                          CommandHandler handler) {
    /** Command flags as Redis reports them in COMMAND INFO. */
    public enum Flag {
        WRITE, READONLY, DENYOOM, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE, SKIP_MONITOR,
        SKIP_SLOWLOG, FAST, NO_AUTH, MAY_REPLICATE, NO_MULTI, ALLOW_BUSY
    }

    public CommandSpec {
        Checks.requireNonNull("name", name);
        Checks.requireNonNull("handler", handler);
        flags = Set.copyOf(flags);
        if (arity == 0) {
            throw new IllegalArgumentException("arity=0 of " + name + " must be non-zero");
        }
    }

    /** True when {@code argc} arguments (the name included) satisfy the arity. */
    public boolean acceptsArgumentCount(final int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }
}
