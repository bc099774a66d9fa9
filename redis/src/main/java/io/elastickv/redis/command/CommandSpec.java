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
    /** Command flags as Redis reports them in COMMAND INFO, declared in the order it lists them. */
    public enum Flag {
        WRITE, READONLY, DENYOOM, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE, SKIP_MONITOR,
        SKIP_SLOWLOG, FAST, NO_AUTH, MAY_REPLICATE, NO_ASYNC_LOADING, NO_MULTI, ALLOW_BUSY
    }

    public CommandSpec {
        Checks.requireNonNull("name", name);
        Checks.requireNonNull("handler", handler);
        flags = Set.copyOf(flags);
        if (arity == 0) {
            throw new IllegalArgumentException("arity=0 of " + name + " must be non-zero");
        }
    }

    /** A command answered by the connection alone; it has no keys. */
    public static CommandSpec local(final String name, final int arity, final Set<Flag> flags,
                                    final LocalHandler handler) {
        return new CommandSpec(name, arity, flags, 0, 0, 0, handler);
    }

    /** A command over the keyspace: a write when {@code flags} holds {@link Flag#WRITE}, else a read. */
    public static CommandSpec data(final String name, final int arity, final Set<Flag> flags, final int firstKey,
                                   final int lastKey, final int keyStep, final DataHandler handler) {
        return new CommandSpec(name, arity, flags, firstKey, lastKey, keyStep, handler);
    }

    public boolean isWrite() {
        return flags.contains(Flag.WRITE);
    }

    /** True when {@code argc} arguments (the name included) satisfy the arity. */
    public boolean acceptsArgumentCount(final int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }
}
