package io.elastickv.raft.node;

import java.util.List;

/**
 * A replica's view of its group.
 *
 * @param nodeId       this node
 * @param role         LEADER, FOLLOWER, CANDIDATE or LISTENER
 * @param term         current Raft term
 * @param leaderId     the known leader, or null
 * @param commitIndex  highest log index known committed
 * @param appliedIndex highest log index applied to this replica's state machine
 * @param peers        members as {@code id=host:port}
 */
public record GroupStatus(String nodeId, String role, long term, String leaderId, long commitIndex,
                          long appliedIndex, List<String> peers) {
}
