package io.elastickv.redis.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's open MULTI block: the commands queued so far, and whether a queue-time error (unknown
 * command, wrong arity) has doomed it to {@code EXECABORT}.
 */
public final class TransactionState {
    private final List<Queued> queued = new ArrayList<>();
    private boolean aborted;

    /** A queued command and its arguments. */
    public record Queued(CommandSpec spec, List<byte[]> args) {
    }

    public void queue(final CommandSpec spec, final List<byte[]> args) {
        queued.add(new Queued(spec, args));
    }

    public List<Queued> queued() {
        return queued;
    }

    public void abort() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }
}
