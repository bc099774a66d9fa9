package io.elastickv.raft.proposer;

import io.elastickv.common.Checks;
import io.elastickv.raft.ProposalException;
import io.elastickv.raft.entry.FrameCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Group commit: gathers commands from all callers into one log entry while earlier entries are in flight.
 *
 * <p>Every Raft entry costs a fixed amount of CPU, network and fsync work, so throughput comes from putting
 * many commands in one entry. Commands queue here and are drained into the next entry, up to
 * {@code maxBatchBytes} (a larger single command goes alone), when fewer than {@code maxInFlight} entries
 * are in flight and either none is or at least as many commands wait as the entries in flight hold on
 * average. Under light load an entry therefore leaves at once with one command; under load, small entries
 * do not multiply: without the average rule, the one-command entry sent into each free slot is answered
 * alone and its caller's next command again fills a slot alone, a fragmentation that cost more than half
 * the throughput with 16 callers (docs/benchmarks.md). This is the classic group commit of database logs (DeWitt et al., 1984,
 * "Implementation techniques for main memory database systems").
 *
 * <p>Order: commands enter entries in the order they were proposed, and entries are submitted in order
 * through one client, whose async requests Ratis appends in order; so a caller's pipelined commands apply
 * in the order it proposed them. Each caller's future completes with its own reply.
 *
 * <p>A caller must not block, inside the completion of one proposal, on the completion of another: proposals
 * made from a completion are dispatched only after all completions of that entry have run.
 *
 * <p>Every proposal completes within {@code timeoutMs}: with no quorum the caller gets a
 * {@link ProposalException} marked indeterminate (the entry may still commit later), never a hang.
 */
public final class GroupCommitProposer {
    private static final int HISTOGRAM_BUCKETS = 16;

    private final LogSubmitter submitter;
    private final int maxInFlight;
    private final int maxBatchBytes;
    private final long timeoutMs;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Dispatch requests not yet served; non-zero while a thread drains (see {@link #dispatch()}). */
    private final java.util.concurrent.atomic.AtomicInteger dispatchRequests =
        new java.util.concurrent.atomic.AtomicInteger();
    /** True while this thread completes the futures of one of this proposer's answered entries. */
    private final ThreadLocal<Boolean> completing = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private int inFlight;
    private int commandsInFlight;
    private boolean closed;
    private long entries;
    private long commands;
    /** Bucket i counts entries with 2^i to 2^(i+1)-1 commands. */
    private final AtomicLongArray commandsPerEntry = new AtomicLongArray(HISTOGRAM_BUCKETS);

    public GroupCommitProposer(final LogSubmitter submitter, final int maxInFlight, final int maxBatchBytes,
                               final long timeoutMs) {
        this.submitter = Checks.requireNonNull("submitter", submitter);
        this.maxInFlight = Checks.requirePositive("maxInFlight", maxInFlight);
        this.maxBatchBytes = Checks.requirePositive("maxBatchBytes", maxBatchBytes);
        this.timeoutMs = Checks.requirePositive("timeoutMs", timeoutMs);
    }

    /** Queues {@code command} for the log; completes with its reply once the entry holding it is applied. */
    public CompletableFuture<byte[]> propose(final byte[] command) {
        Checks.requireNonNull("command", command);
        final Pending pending = new Pending(command);
        synchronized (this) {
            if (closed) {
                pending.future.completeExceptionally(new ProposalException("the proposer is closed", false, null));
                return pending.future;
            }
            queue.add(pending);
        }
        if (!completing.get()) {
            dispatch();
        }
        return pending.future;
    }

    /**
     * Sends every entry that may leave now. One thread drains at a time, so entries reach the log in the
     * order they were taken; a thread that finds another draining only records its request and returns,
     * never blocks. Blocking here would deadlock: Ratis completes replies while holding its client's
     * window lock, and a completion that waited for a drainer stuck in that client's {@code send} would
     * never let go of it.
     */
    private void dispatch() {
        if (dispatchRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            drain();
            requests = dispatchRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void drain() {
        while (true) {
            final List<Pending> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || queue.isEmpty()
                    || (inFlight > 0 && queue.size() < commandsInFlight / inFlight)) {
                    return;
                }
                batch = drainBatch();
                inFlight++;
                commandsInFlight += batch.size();
                entries++;
                commands += batch.size();
            }
            commandsPerEntry.incrementAndGet(Math.min(HISTOGRAM_BUCKETS - 1, 31 - Integer.numberOfLeadingZeros(
                batch.size())));
            awaitReply(batch, send(batch));
        }
    }

    private List<Pending> drainBatch() {
        final List<Pending> batch = new ArrayList<>();
        long bytes = 4;
        while (!queue.isEmpty()) {
            final int size = 4 + queue.peek().command.length;
            if (!batch.isEmpty() && bytes + size > maxBatchBytes) {
                break;
            }
            batch.add(queue.poll());
            bytes += size;
        }
        return batch;
    }

    private CompletableFuture<byte[]> send(final List<Pending> batch) {
        final List<byte[]> commandList = new ArrayList<>(batch.size());
        batch.forEach(p -> commandList.add(p.command));
        try {
            return submitter.submit(FrameCodec.encode(commandList));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void awaitReply(final List<Pending> batch, final CompletableFuture<byte[]> reply) {
        reply.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((bytes, failure) -> {
            // Callers often propose their next command from the completion of the last one. Dispatching
            // each of those at once would send a stream of one-command entries into the slot this entry
            // frees; holding them until every caller of this entry has been answered packs them together.
            completing.set(Boolean.TRUE);
            try {
                complete(batch, bytes, failure);
            } finally {
                completing.set(Boolean.FALSE);
                synchronized (this) {
                    inFlight--;
                    commandsInFlight -= batch.size();
                }
                dispatch();
            }
        });
    }

    private void complete(final List<Pending> batch, final byte[] bytes, final Throwable failure) {
        if (failure != null) {
            final ProposalException error = toProposalException(failure);
            batch.forEach(p -> p.future.completeExceptionally(error));
            return;
        }
        final List<byte[]> replies;
        try {
            replies = FrameCodec.decode(bytes);
        } catch (RuntimeException e) {
            final ProposalException error = new ProposalException("undecodable reply: " + e.getMessage(), true, e);
            batch.forEach(p -> p.future.completeExceptionally(error));
            return;
        }
        if (replies.size() != batch.size()) {
            final ProposalException error = new ProposalException("reply count=" + replies.size()
                + " does not match command count=" + batch.size(), true, null);
            batch.forEach(p -> p.future.completeExceptionally(error));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future.complete(replies.get(i));
        }
    }

    private ProposalException toProposalException(final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof ProposalException) {
            return (ProposalException) cause;
        }
        if (cause instanceof TimeoutException) {
            return new ProposalException("no commit within " + timeoutMs + " ms (no quorum or leader?);"
                + " the command may still apply", true, cause);
        }
        return new ProposalException("proposal failed: " + cause, true, cause);
    }

    /** Fails everything still queued; entries already in flight complete or time out normally. */
    public void close() {
        final List<Pending> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
        }
        final ProposalException error = new ProposalException("the proposer is closed", false, null);
        abandoned.forEach(p -> p.future.completeExceptionally(error));
    }

    public synchronized ProposerStats stats() {
        final long[] histogram = new long[HISTOGRAM_BUCKETS];
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
            histogram[i] = commandsPerEntry.get(i);
        }
        return new ProposerStats(entries, commands, queue.size(), inFlight, histogram);
    }

    private static final class Pending {
        final byte[] command;
        final CompletableFuture<byte[]> future = new CompletableFuture<>();

        Pending(final byte[] command) {
            this.command = command;
        }
    }
}
