package io.elastickv.raft.proposer;

/**
 * Counters of a {@link GroupCommitProposer}.
 *
 * @param entries          log entries proposed
 * @param commands         commands proposed
 * @param queued           commands waiting for an entry now
 * @param inFlight         entries submitted and not yet answered now
 * @param commandsPerEntry bucket {@code i} counts entries holding {@code 2^i} to {@code 2^(i+1)-1} commands
 */
public record ProposerStats(long entries, long commands, int queued, int inFlight, long[] commandsPerEntry) {
}
