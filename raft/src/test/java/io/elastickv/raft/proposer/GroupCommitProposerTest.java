package io.elastickv.raft.proposer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.raft.ProposalException;
import io.elastickv.raft.entry.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batching and ordering of the proposer, with a log whose entries the test commits by hand. */
// A regression that leaves a future incomplete fails here instead of hanging the build.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupCommitProposerTest {
    /** Records submitted batches; {@link #commit} answers one with "reply:" + each command. */
    private static final class HandCommittedLog implements LogSubmitter {
        final List<List<String>> batches = new ArrayList<>();
        final List<CompletableFuture<byte[]>> answers = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<byte[]> submit(final byte[] commandBatch) {
            final List<String> batch = new ArrayList<>();
            FrameCodec.decode(commandBatch).forEach(c -> batch.add(new String(c, StandardCharsets.UTF_8)));
            batches.add(batch);
            final CompletableFuture<byte[]> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        void commit(final int index) {
            final List<byte[]> replies = new ArrayList<>();
            batches.get(index).forEach(c -> replies.add(("reply:" + c).getBytes(StandardCharsets.UTF_8)));
            answers.get(index).complete(FrameCodec.encode(replies));
        }
    }

    private static byte[] b(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(final CompletableFuture<byte[]> future) throws Exception {
        return new String(future.get(), StandardCharsets.UTF_8);
    }

    @Test
    void commandsQueuedWhileAnEntryIsInFlightShareTheNextEntryInOrder() throws Exception {
        final HandCommittedLog log = new HandCommittedLog();
        final GroupCommitProposer proposer = new GroupCommitProposer(log, 1, 1 << 20, 60_000);
        final CompletableFuture<byte[]> first = proposer.propose(b("c0"));
        final List<CompletableFuture<byte[]>> rest = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rest.add(proposer.propose(b("c" + i)));
        }
        assertEquals(List.of(List.of("c0")), log.batches, "only one entry in flight");
        log.commit(0);
        assertEquals("reply:c0", s(first));
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"), log.batches.get(1));
        log.commit(1);
        for (int i = 1; i <= 10; i++) {
            assertEquals("reply:c" + i, s(rest.get(i - 1)));
        }
        final ProposerStats stats = proposer.stats();
        assertEquals(2, stats.entries());
        assertEquals(11, stats.commands());
        assertEquals(1, stats.commandsPerEntry()[0]);
        assertEquals(1, stats.commandsPerEntry()[3]);
    }

    @Test
    void callersProposingFromTheirCompletionsArePackedIntoOneEntry() {
        final HandCommittedLog log = new HandCommittedLog();
        final GroupCommitProposer proposer = new GroupCommitProposer(log, 2, 1 << 20, 60_000);
        proposer.propose(b("a"));
        proposer.propose(b("b"));
        final List<String> firsts = new ArrayList<>();
        final List<String> seconds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            final int caller = i;
            firsts.add("c" + caller);
            seconds.add("d" + caller);
            proposer.propose(b("c" + caller)).thenRun(() -> proposer.propose(b("d" + caller)));
        }
        log.commit(0);
        assertEquals(firsts, log.batches.get(2));
        log.commit(1);
        // Entry 2 is answered while a slot is free: its callers' follow-ups must still share one entry.
        log.commit(2);
        assertEquals(List.of(List.of("a"), List.of("b"), firsts, seconds), log.batches);
    }

    @Test
    void batchesAreCutAtTheByteLimitButAnOversizedCommandStillGoes() {
        final HandCommittedLog log = new HandCommittedLog();
        final GroupCommitProposer proposer = new GroupCommitProposer(log, 1, 4 + 3 * (4 + "cmd-0".length()), 60_000);
        proposer.propose(b("first"));
        for (int i = 0; i < 4; i++) {
            proposer.propose(b("cmd-" + i));
        }
        proposer.propose(b("a-command-longer-than-the-limit"));
        log.commit(0);
        assertEquals(List.of("cmd-0", "cmd-1", "cmd-2"), log.batches.get(1));
        log.commit(1);
        assertEquals(List.of("cmd-3"), log.batches.get(2));
        log.commit(2);
        assertEquals(List.of("a-command-longer-than-the-limit"), log.batches.get(3));
    }

    @Test
    void concurrentPipelinesReachTheLogInEachCallersOrder() throws Exception {
        final List<String> logOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.ExecutorService answers = java.util.concurrent.Executors.newFixedThreadPool(4);
        final LogSubmitter log = batch -> {
            final List<byte[]> cmds = FrameCodec.decode(batch);
            cmds.forEach(c -> logOrder.add(new String(c, StandardCharsets.UTF_8)));
            return CompletableFuture.supplyAsync(() -> {
                final List<byte[]> replies = new ArrayList<>();
                cmds.forEach(c -> replies.add(b("ok")));
                return FrameCodec.encode(replies);
            }, answers);
        };
        final GroupCommitProposer proposer = new GroupCommitProposer(log, 4, 1 << 20, 60_000);
        final List<Thread> callers = new ArrayList<>();
        final List<CompletableFuture<byte[]>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            final int caller = t;
            callers.add(new Thread(() -> {
                for (int i = 0; i < 3_000; i++) {
                    all.add(proposer.propose(b(caller + ":" + i)));
                }
            }));
        }
        callers.forEach(Thread::start);
        for (final Thread caller : callers) {
            caller.join();
        }
        for (final CompletableFuture<byte[]> reply : new ArrayList<>(all)) {
            reply.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        answers.shutdown();
        final int[] next = new int[4];
        for (final String entry : logOrder) {
            final String[] parts = entry.split(":");
            final int caller = Integer.parseInt(parts[0]);
            assertEquals(next[caller]++, Integer.parseInt(parts[1]), "caller " + caller + " out of order");
        }
    }

    @Test
    void aProposalThatNeverCommitsFailsIndeterminateWithinTheTimeout() throws Exception {
        final GroupCommitProposer proposer = new GroupCommitProposer(batch -> new CompletableFuture<>(), 4, 1024, 200);
        final ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> proposer.propose(b("x")).get());
        final ProposalException cause = assertInstanceOf(ProposalException.class, failure.getCause());
        assertTrue(cause.isIndeterminate());
        assertTrue(cause.getMessage().startsWith("no commit within 200 ms"), cause.getMessage());
    }

    @Test
    void closeFailsQueuedProposalsAsNotApplied() {
        final HandCommittedLog log = new HandCommittedLog();
        final GroupCommitProposer proposer = new GroupCommitProposer(log, 1, 1024, 60_000);
        proposer.propose(b("in-flight"));
        final CompletableFuture<byte[]> queued = proposer.propose(b("queued"));
        proposer.close();
        final ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            queued::get);
        assertFalse(((ProposalException) failure.getCause()).isIndeterminate());
    }
}
