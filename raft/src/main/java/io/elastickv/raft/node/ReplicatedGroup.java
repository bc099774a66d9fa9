package io.elastickv.raft.node;

import io.elastickv.common.config.Config;
import io.elastickv.raft.ProposalException;
import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.raft.proposer.GroupCommitProposer;
import io.elastickv.raft.proposer.ProposerStats;
import io.elastickv.raft.read.BatchedReadFence;
import io.elastickv.raft.read.FenceStats;
import io.elastickv.raft.statemachine.CommandStateMachine;
import io.elastickv.store.MvccStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * This node's replica of one group, as the front ends use it: {@link #propose} a write command,
 * {@link #fence} before a read and then read {@link #store()} locally, and inspect or change membership.
 *
 * <p>Writes go through a {@link GroupCommitProposer} over one Ratis client, which finds the leader and
 * follows it, so a command submitted on a follower reaches the leader transparently. Read fences go through
 * a second client (mixing targeted reads into the write client's ordered stream disturbs its leader
 * tracking) as unordered linearizable reads addressed to this very node: Ratis then runs ReadIndex against
 * the leader and answers once this replica has applied up to that index.
 */
public final class ReplicatedGroup implements AutoCloseable {
    private static final java.util.concurrent.Executor FENCE_RETRY_DELAY =
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final Config config;
    private final RebuildingClient writeClient;
    private final RebuildingClient readClient;
    private final GroupCommitProposer proposer;
    private final BatchedReadFence fence;

    ReplicatedGroup(final RaftServer server, final RaftGroupId groupId, final RaftPeerId self, final Config config) {
        this.server = server;
        this.groupId = groupId;
        this.self = self;
        this.config = config;
        this.writeClient = new RebuildingClient(() -> newClient(config.get(RaftConfigKeys.PROPOSAL_TIMEOUT_MS)));
        this.readClient = new RebuildingClient(() -> newClient(config.get(RaftConfigKeys.READ_TIMEOUT_MS)));
        this.proposer = new GroupCommitProposer(this::submit, config.get(RaftConfigKeys.PROPOSER_MAX_IN_FLIGHT),
            config.get(RaftConfigKeys.PROPOSER_MAX_BATCH_BYTES), config.get(RaftConfigKeys.PROPOSAL_TIMEOUT_MS));
        this.fence = new BatchedReadFence(this::fenceRound, config.get(RaftConfigKeys.READ_TIMEOUT_MS));
    }

    /** Replicates {@code command}; completes with the reply every replica's executor produced for it. */
    public CompletableFuture<byte[]> propose(final byte[] command) {
        return proposer.propose(command);
    }

    /** Completes when reads of {@link #store()} at its commit watermark are linearizable. */
    public CompletableFuture<Void> fence() {
        return fence.fence();
    }

    /** This replica's store. Read it at {@code store().commitWatermark()} after a {@link #fence}. */
    public MvccStore store() {
        return stateMachine().store();
    }

    public CommandStateMachine stateMachine() {
        try {
            return (CommandStateMachine) server.getDivision(groupId).getStateMachine();
        } catch (IOException e) {
            throw new UncheckedIOException("group " + groupId + " is not on this node", e);
        }
    }

    public GroupStatus status() {
        try {
            final RaftServer.Division division = server.getDivision(groupId);
            final RaftPeerRole role = division.getInfo().getCurrentRole();
            final RaftPeerId leader = division.getInfo().getLeaderId();
            final List<String> peers = new ArrayList<>();
            division.getGroup().getPeers().forEach(p -> peers.add(p.getId() + "=" + p.getAddress()));
            return new GroupStatus(self.toString(), role.name(), division.getInfo().getCurrentTerm(),
                leader == null ? null : leader.toString(), division.getRaftLog().getLastCommittedIndex(),
                division.getInfo().getLastAppliedIndex(), peers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isLeader() {
        try {
            return server.getDivision(groupId).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets the group's members to {@code peers} (add and remove nodes); the call goes to the leader. */
    public void setMembers(final List<PeerAddress> peers) throws IOException {
        try (RaftClient admin = newClient(config.get(RaftConfigKeys.PROPOSAL_TIMEOUT_MS))) {
            final RaftClientReply reply = admin.admin().setConfiguration(RaftNode.toRaftPeers(peers));
            if (!reply.isSuccess()) {
                throw new IOException("membership change to " + peers + " failed", reply.getException());
            }
        }
    }

    /** Asks the leader to hand leadership to {@code peerId}. */
    public void transferLeadership(final String peerId, final long timeoutMs) throws IOException {
        try (RaftClient admin = newClient(config.get(RaftConfigKeys.PROPOSAL_TIMEOUT_MS))) {
            final RaftClientReply reply = admin.admin().transferLeadership(RaftPeerId.valueOf(peerId), timeoutMs);
            if (!reply.isSuccess()) {
                throw new IOException("leadership transfer to " + peerId + " failed", reply.getException());
            }
        }
    }

    public ProposerStats proposerStats() {
        return proposer.stats();
    }

    public FenceStats fenceStats() {
        return fence.stats();
    }

    private CompletableFuture<byte[]> submit(final byte[] commandBatch) {
        final RaftClient client = writeClient.get();
        return client.async().send(Message.valueOf(ByteString.copyFrom(commandBatch))).handle((reply, failure) -> {
            if (failure != null) {
                writeClient.onFailure(client, failure);
                throw failure instanceof CompletionException ? (CompletionException) failure
                    : new CompletionException(failure);
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(new ProposalException("the log rejected the entry: "
                    + reply.getException(), true, reply.getException()));
            }
            return reply.getMessage().getContent().toByteArray();
        });
    }

    private CompletableFuture<Void> fenceRound() {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.get(RaftConfigKeys.READ_TIMEOUT_MS));
        return fenceAttempt(deadline);
    }

    /**
     * One ReadIndex attempt. A replica that just started or just lost its leader answers "leader unknown"
     * (and one installing a snapshot answers "read failed") until it learns the new state; those answers
     * are retried until the read deadline, like the client retries writes.
     */
    private CompletableFuture<Void> fenceAttempt(final long deadline) {
        final RaftClient client = readClient.get();
        return client.async().sendReadOnlyUnordered(Message.EMPTY, self).handle((reply, failure) -> {
            if (failure == null && reply.isSuccess()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            final Throwable problem = failure != null ? failure : reply.getException();
            if (failure != null) {
                readClient.onFailure(client, failure);
            }
            if (!isTransientReadFailure(problem) || System.nanoTime() >= deadline) {
                return CompletableFuture.<Void>failedFuture(problem);
            }
            return CompletableFuture.supplyAsync(() -> null, FENCE_RETRY_DELAY)
                .thenCompose(ignored -> fenceAttempt(deadline));
        }).thenCompose(f -> f);
    }

    private static boolean isTransientReadFailure(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadIndexException || cause instanceof ReadException
                || cause instanceof LeaderNotReadyException || cause instanceof NotLeaderException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A client over the group's current members that retries (leader changes, unreachable peers) until
     * {@code totalTimeoutMs}, then fails, so no caller waits forever without a quorum.
     */
    private RaftClient newClient(final long totalTimeoutMs) {
        final RaftGroup group;
        try {
            group = server.getDivision(groupId).getGroup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, RaftNode.ms(config.get(RaftConfigKeys.RPC_TIMEOUT_MS)));
        final RequestTypeDependentRetryPolicy.Builder retry = RequestTypeDependentRetryPolicy.newBuilder();
        for (final TypeCase type : new TypeCase[] {TypeCase.WRITE, TypeCase.READ, TypeCase.STALEREAD,
            TypeCase.WATCH}) {
            retry.setRetryPolicy(type, RetryPolicies.retryForeverWithSleep(RaftNode.ms(100)))
                .setTimeout(type, RaftNode.ms(totalTimeoutMs));
        }
        final List<RaftPeer> peers = new ArrayList<>(group.getPeers());
        return RaftClient.newBuilder()
            .setRaftGroup(RaftGroup.valueOf(groupId, peers))
            .setProperties(properties)
            .setRetryPolicy(retry.build())
            .build();
    }

    @Override
    public void close() {
        proposer.close();
        writeClient.close();
        readClient.close();
    }
}
