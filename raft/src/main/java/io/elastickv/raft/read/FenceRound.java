package io.elastickv.raft.read;

import java.util.concurrent.CompletableFuture;

/**
 * One linearizability round trip: completes once the local replica has applied every entry that was
 * committed when the round started (Raft ReadIndex, then wait for apply).
 */
@FunctionalInterface
public interface FenceRound {
    CompletableFuture<Void> run();
}
