package io.elastickv.redis.command.server;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * One command's counters for INFO commandstats, shared by the connections of one server. Connections
 * resolve their command's counters once, with the command, so counting is a few adds and no lookup.
 */
public final class CommandStats {
    private final String name;
    private final LongAdder calls = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();

    CommandStats(final String name) {
        this.name = name;
    }

    /** The command's full name, {@code get} or {@code client|list}. */
    public String name() {
        return name;
    }

    /** A call that ran for {@code elapsedMicros} and answered with an error when {@code failedCall}. */
    public void called(final long elapsedMicros, final boolean failedCall) {
        calls.increment();
        micros.add(elapsedMicros);
        if (failedCall) {
            failed.increment();
        }
    }

    /** A call refused before it ran (wrong arity, NOAUTH). */
    public void rejected() {
        rejected.increment();
    }

    long calls() {
        return calls.sum();
    }

    /** The INFO commandstats line, or null when the command was never called nor rejected. */
    String infoLine() {
        final long callCount = calls.sum();
        final long rejectedCount = rejected.sum();
        if (callCount == 0 && rejectedCount == 0) {
            return null;
        }
        final long usec = micros.sum();
        return "cmdstat_" + name + ":calls=" + callCount + ",usec=" + usec + ",usec_per_call="
            + String.format(Locale.ROOT, "%.2f", callCount == 0 ? 0.0 : (double) usec / callCount)
            + ",rejected_calls=" + rejectedCount + ",failed_calls=" + failed.sum();
    }

    void reset() {
        calls.reset();
        micros.reset();
        rejected.reset();
        failed.reset();
    }
}
