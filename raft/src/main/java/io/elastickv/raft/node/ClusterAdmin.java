package io.elastickv.raft.node;

import io.elastickv.common.config.Config;
import io.elastickv.raft.RaftConfigKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;

/**
 * Cluster administration from outside a node (the CLI's {@code admin} commands): ask any member about the
 * data group, change its membership, move its leadership. Everything goes through one known member; Ratis
 * forwards changes to the leader.
 */
public final class ClusterAdmin implements AutoCloseable {
    private final PeerAddress member;
    private final RaftClient client;

    private ClusterAdmin(final PeerAddress member, final RaftClient client) {
        this.member = member;
        this.client = client;
    }

    /** Connects through {@code member}, learning the group's current peers from it. */
    public static ClusterAdmin connect(final PeerAddress member, final Config config) throws IOException {
        final RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, RaftNode.ms(config.get(RaftConfigKeys.RPC_TIMEOUT_MS)));
        final RaftPeer peer = RaftNode.toRaftPeers(List.of(member)).get(0);
        try (RaftClient probe = newClient(RaftGroup.valueOf(RaftNode.DATA_GROUP, peer), properties)) {
            final GroupInfoReply info = probe.getGroupManagementApi(peer.getId()).info(RaftNode.DATA_GROUP);
            final RaftGroup group = info.getGroup().getPeers().isEmpty()
                ? RaftGroup.valueOf(RaftNode.DATA_GROUP, peer) : info.getGroup();
            return new ClusterAdmin(member, newClient(group, properties));
        }
    }

    private static RaftClient newClient(final RaftGroup group, final RaftProperties properties) {
        return RaftClient.newBuilder().setRaftGroup(group).setProperties(properties)
            .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20, RaftNode.ms(250))).build();
    }

    /** The member's view of the data group. */
    public GroupStatus status() throws IOException {
        final GroupInfoReply info = client.getGroupManagementApi(RaftPeerId.valueOf(member.id()))
            .info(RaftNode.DATA_GROUP);
        final RoleInfoProto role = info.getRoleInfoProto();
        final List<String> peers = new ArrayList<>();
        info.getGroup().getPeers().forEach(p -> peers.add(p.getId() + "=" + p.getAddress()));
        String leader = null;
        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            leader = role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
        } else if (role.hasLeaderInfo()) {
            leader = member.id();
        }
        final long commit = info.getCommitInfos().stream()
            .filter(c -> c.getServer().getId().toStringUtf8().equals(member.id()))
            .mapToLong(c -> c.getCommitIndex()).max().orElse(-1);
        final long applied = info.getLogInfoProto() == null ? -1 : info.getLogInfoProto().getApplied().getIndex();
        return new GroupStatus(member.id(), role.getRole().name(), info.getLogInfoProto() == null ? -1
            : info.getLogInfoProto().getLastEntry().getTerm(), leader, commit, applied, peers);
    }

    /** Adds {@code node} (already started in join mode) to the group. */
    public void addNode(final PeerAddress node) throws IOException {
        final List<RaftPeer> peers = new ArrayList<>(client.getGroupManagementApi(RaftPeerId.valueOf(member.id()))
            .info(RaftNode.DATA_GROUP).getGroup().getPeers());
        if (peers.stream().anyMatch(p -> p.getId().toString().equals(node.id()))) {
            throw new IOException("node " + node.id() + " is already a member");
        }
        peers.addAll(RaftNode.toRaftPeers(List.of(node)));
        check(client.admin().setConfiguration(peers), "add " + node);
    }

    /** Removes node {@code nodeId} from the group. */
    public void removeNode(final String nodeId) throws IOException {
        final List<RaftPeer> peers = new ArrayList<>(client.getGroupManagementApi(RaftPeerId.valueOf(member.id()))
            .info(RaftNode.DATA_GROUP).getGroup().getPeers());
        if (!peers.removeIf(p -> p.getId().toString().equals(nodeId))) {
            throw new IOException("node " + nodeId + " is not a member");
        }
        check(client.admin().setConfiguration(peers), "remove " + nodeId);
    }

    /** Moves leadership to {@code nodeId}. */
    public void transferLeadership(final String nodeId, final long timeoutMs) throws IOException {
        check(client.admin().transferLeadership(RaftPeerId.valueOf(nodeId), timeoutMs), "transfer leadership to "
            + nodeId);
    }

    private static void check(final RaftClientReply reply, final String what) throws IOException {
        if (!reply.isSuccess()) {
            throw new IOException(what + " failed: " + reply.getException());
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
