package io.elastickv.raft.read;

import io.elastickv.common.Checks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes reads linearizable with one ReadIndex round per batch of reads instead of one per read.
 *
 * <p>A read may use a round only if the round <em>started after the read arrived</em>: a round that was
 * already in flight may have fixed its read index before a write the reader already saw acknowledged. So
 * reads that arrive while round {@code R} is in flight all wait for round {@code R+1}, which starts when
 * {@code R} ends; a read that arrives when nothing is in flight starts a round at once. Under load every
 * round serves everything that arrived during its predecessor, so the number of rounds per second is
 * bounded by the round-trip time, not by the read rate.
 *
 * <p>After its fence completes, a read goes to the local store at the applied watermark; it never needs
 * another fence for further storage calls of the same command or script.
 */
public final class BatchedReadFence {
    private final FenceRound round;
    private final long timeoutMs;
    private CompletableFuture<Void> current;
    private CompletableFuture<Void> next;
    private int currentReads;
    private int nextReads;
    private long rounds;
    private long reads;
    private long failures;

    public BatchedReadFence(final FenceRound round, final long timeoutMs) {
        this.round = Checks.requireNonNull("round", round);
        this.timeoutMs = Checks.requirePositive("timeoutMs", timeoutMs);
    }

    /** Completes when a read issued now may run against the local store; fails after the timeout. */
    public CompletableFuture<Void> fence() {
        final CompletableFuture<Void> waiter;
        final boolean start;
        synchronized (this) {
            reads++;
            if (current == null) {
                current = new CompletableFuture<>();
                currentReads = 1;
                waiter = current;
                start = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                nextReads++;
                waiter = next;
                start = false;
            }
        }
        if (start) {
            startRound(waiter);
        }
        return waiter;
    }

    private void startRound(final CompletableFuture<Void> waiters) {
        synchronized (this) {
            rounds++;
        }
        CompletableFuture<Void> result;
        try {
            result = round.run();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> finish(waiters, failure));
    }

    private void finish(final CompletableFuture<Void> waiters, final Throwable failure) {
        final CompletableFuture<Void> following;
        synchronized (this) {
            if (failure != null) {
                failures++;
            }
            following = next;
            current = following;
            currentReads = nextReads;
            next = null;
            nextReads = 0;
        }
        if (failure == null) {
            waiters.complete(null);
        } else {
            waiters.completeExceptionally(new ReadFenceException("linearizable read fence failed: "
                + rootCause(failure), failure));
        }
        if (following != null) {
            startRound(following);
        }
    }

    public synchronized FenceStats stats() {
        return new FenceStats(rounds, reads, failures, currentReads + nextReads);
    }

    private static String rootCause(final Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof java.util.concurrent.TimeoutException ? "timed out (no quorum or leader?)"
            : cause.toString();
    }
}
