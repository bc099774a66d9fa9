package io.elastickv.raft.proposer;

import java.util.concurrent.CompletableFuture;

/** Sends one encoded command batch to the group's log and completes with the encoded replies. */
@FunctionalInterface
public interface LogSubmitter {
    CompletableFuture<byte[]> submit(byte[] commandBatch);
}
