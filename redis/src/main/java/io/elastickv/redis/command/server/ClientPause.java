package io.elastickv.redis.command.server;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE: until a deadline, the commands of every client (ALL) or only those that write or may
 * replicate (WRITE) wait. A pause given while one is active keeps the later deadline and the stricter mode,
 * as in Redis. Waiting connections register a wake-up for UNPAUSE and time their own for the deadline.
 */
public final class ClientPause {
    private static final State NONE = new State(0, false);

    private volatile State state = NONE;
    private final List<Runnable> waiting = new ArrayList<>();

    private record State(long untilMs, boolean all) {
    }

    /** Pauses until {@code untilMs} (wall clock): every command when {@code all}, else only writes. */
    public synchronized void pause(final long untilMs, final boolean all) {
        final State current = state;
        final boolean active = current.untilMs() > System.currentTimeMillis();
        state = new State(active ? Math.max(current.untilMs(), untilMs) : untilMs, all || active && current.all());
    }

    /** Ends any pause and wakes the waiting connections. */
    public void unpause() {
        final List<Runnable> wake;
        synchronized (this) {
            state = NONE;
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        wake.forEach(Runnable::run);
    }

    /** Whether a pause was set and not yet ended by UNPAUSE (it may have run out): one volatile read. */
    public boolean active() {
        return state != NONE;
    }

    /**
     * Milliseconds a command must still wait, 0 when it may run. {@code writes}: whether it writes or may
     * replicate. One volatile read when no pause is set.
     */
    public long remainingMs(final boolean writes) {
        final State current = state;
        if (current == NONE || !writes && !current.all()) {
            return 0;
        }
        return Math.max(0, current.untilMs() - System.currentTimeMillis());
    }

    /** Registers a wake-up for UNPAUSE. */
    public synchronized void await(final Runnable wakeUp) {
        waiting.add(wakeUp);
    }

    /** Forgets a wake-up that is no longer needed (its connection woke at the deadline or closed). */
    public synchronized void forget(final Runnable wakeUp) {
        waiting.remove(wakeUp);
    }

    /** INFO clients: {@code all}, {@code write} or {@code none}. */
    String actions() {
        final State current = state;
        if (current.untilMs() <= System.currentTimeMillis()) {
            return "none";
        }
        return current.all() ? "all" : "write";
    }
}
