package io.elastickv.raft;

import io.elastickv.common.config.ConfigKey;

/** Every configuration key of the Raft layer, with its default and limits. */
public final class RaftConfigKeys {
    private RaftConfigKeys() {
    }

    public static final ConfigKey<Long> ELECTION_TIMEOUT_MIN_MS = ConfigKey.ofLong("raft.election-timeout-min-ms",
        500L, 50L, 60_000L, "a follower that hears no leader for a random time in [min, max] starts an election");

    public static final ConfigKey<Long> ELECTION_TIMEOUT_MAX_MS = ConfigKey.ofLong("raft.election-timeout-max-ms",
        1_000L, 100L, 120_000L, "upper end of the election timeout; must exceed the minimum");

    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.ofLong("raft.rpc-timeout-ms", 3_000L, 100L,
        600_000L, "deadline of one server-to-server or client-to-server request attempt");

    public static final ConfigKey<Long> PROPOSAL_TIMEOUT_MS = ConfigKey.ofLong("raft.proposal-timeout-ms",
        10_000L, 100L, 3_600_000L, "a write that has not committed by then fails (indeterminate) instead of waiting");

    public static final ConfigKey<Long> READ_TIMEOUT_MS = ConfigKey.ofLong("raft.read-timeout-ms", 10_000L, 100L,
        3_600_000L, "a linearizable read fence that has not completed by then fails");

    public static final ConfigKey<Integer> PROPOSER_MAX_IN_FLIGHT = ConfigKey.ofInt("raft.proposer.max-in-flight",
        8, 1, 100, "log entries a node's proposer keeps in flight; more queue and share the next entry");

    public static final ConfigKey<Integer> PROPOSER_MAX_BATCH_BYTES = ConfigKey.ofInt(
        "raft.proposer.max-batch-bytes", 1 << 20, 1 << 10, 64 << 20,
        "commands per log entry are cut at this size (a larger single command goes alone)");

    public static final ConfigKey<Long> LOG_SEGMENT_BYTES = ConfigKey.ofLong("raft.log.segment-bytes", 32L << 20,
        8L << 10, 1L << 30, "size of one Raft log segment file; the log is purged a whole segment at a time");

    public static final ConfigKey<Integer> LOG_PURGE_GAP = ConfigKey.ofInt("raft.log.purge-gap", 1024, 1,
        1 << 30, "purge the log behind a snapshot once it is this many entries past the last purge");

    public static final ConfigKey<Long> SNAPSHOT_AUTO_TRIGGER_ENTRIES = ConfigKey.ofLong(
        "raft.snapshot.auto-trigger-entries", 100_000L, 10L, 1L << 40,
        "take a snapshot (RocksDB checkpoint) after this many log entries, then purge the log behind it");

    public static final ConfigKey<Integer> SNAPSHOTS_RETAINED = ConfigKey.ofInt("raft.snapshot.retained", 2, 1, 100,
        "snapshots kept on disk");

    public static final ConfigKey<Boolean> LEADER_LEASE = ConfigKey.ofBoolean("raft.read.leader-lease", false,
        "serve the leader's read fences from its lease instead of a heartbeat round (faster, relies on bounded clock drift)");

    public static final ConfigKey<Long> HLC_CEILING_WINDOW_MS = ConfigKey.ofLong("raft.hlc.ceiling-window-ms",
        3_000L, 100L, 600_000L, "how far ahead of its clock a leader replicates its HLC physical ceiling");
}
