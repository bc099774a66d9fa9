package io.elastickv.raft.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A regression that leaves a future incomplete fails here instead of hanging the build.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BatchedReadFenceTest {
    /** Rounds the test completes by hand. */
    private static final class HandRounds implements FenceRound {
        final List<CompletableFuture<Void>> started = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Void> run() {
            final CompletableFuture<Void> round = new CompletableFuture<>();
            started.add(round);
            return round;
        }
    }

    @Test
    void readsArrivingDuringARoundShareTheNextRoundNotTheCurrentOne() {
        final HandRounds rounds = new HandRounds();
        final BatchedReadFence fence = new BatchedReadFence(rounds, 60_000);
        final CompletableFuture<Void> first = fence.fence();
        final List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            later.add(fence.fence());
        }
        assertEquals(1, rounds.started.size());
        rounds.started.get(0).complete(null);
        assertTrue(first.isDone());
        later.forEach(f -> assertFalse(f.isDone(), "a round in flight before the read arrived must not serve it"));
        assertEquals(2, rounds.started.size(), "the next round starts when the previous ends");
        rounds.started.get(1).complete(null);
        later.forEach(f -> assertTrue(f.isDone()));
        final FenceStats stats = fence.stats();
        assertEquals(2, stats.rounds());
        assertEquals(101, stats.reads());
        assertEquals(0, stats.waiting());
    }

    @Test
    void aFailedRoundFailsItsReadsAndTheFenceRecovers() {
        final HandRounds rounds = new HandRounds();
        final BatchedReadFence fence = new BatchedReadFence(rounds, 60_000);
        final CompletableFuture<Void> doomed = fence.fence();
        rounds.started.get(0).completeExceptionally(new IllegalStateException("no leader"));
        final ExecutionException e = assertThrows(ExecutionException.class, doomed::get);
        assertInstanceOf(ReadFenceException.class, e.getCause());
        final CompletableFuture<Void> next = fence.fence();
        rounds.started.get(1).complete(null);
        assertTrue(next.isDone() && !next.isCompletedExceptionally());
        assertEquals(1, fence.stats().failures());
    }

    @Test
    void aRoundThatNeverAnswersTimesOut() {
        final BatchedReadFence fence = new BatchedReadFence(CompletableFuture::new, 100);
        final ExecutionException e = assertThrows(ExecutionException.class, () -> fence.fence().get());
        assertTrue(e.getCause().getMessage().contains("timed out"), e.getCause().getMessage());
    }
}
