package io.elastickv.raft.read;

/**
 * Counters of a {@link BatchedReadFence}: {@code reads / rounds} is the mean number of reads per round.
 *
 * @param rounds   ReadIndex rounds started
 * @param reads    reads fenced
 * @param failures rounds that failed or timed out
 * @param waiting  reads waiting for a round now
 */
public record FenceStats(long rounds, long reads, long failures, int waiting) {
}
