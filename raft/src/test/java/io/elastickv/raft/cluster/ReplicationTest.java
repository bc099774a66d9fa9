package io.elastickv.raft.cluster;

import static io.elastickv.raft.KvCommands.command;
import static io.elastickv.raft.KvCommands.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.raft.KvCommands;
import io.elastickv.raft.ProposalException;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.raft.read.ReadFenceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicationTest {
    @TempDir
    Path tempDir;

    static String propose(final RaftNode node, final String cmd) throws Exception {
        return text(node.dataGroup().propose(command(cmd)).get(30, TimeUnit.SECONDS));
    }

    /** A linearizable read through {@code node}: fence, then the local store. */
    static String read(final RaftNode node, final String key) throws Exception {
        node.dataGroup().fence().get(30, TimeUnit.SECONDS);
        return KvCommands.read(node.dataGroup().store(), key);
    }

    @Test
    void writesFromEveryNodeReplicateToEveryNode() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, MiniCluster.testConfig().build())) {
            int expected = 0;
            for (final RaftNode node : cluster.runningNodes()) {
                for (int i = 0; i < 10; i++) {
                    assertEquals(Integer.toString(++expected), propose(node, "INCR counter"));
                }
            }
            for (final RaftNode node : cluster.runningNodes()) {
                assertEquals(Integer.toString(expected), read(node, "counter"), node.spec().self().id());
            }
        }
    }

    @Test
    void aWriteAcknowledgedOnTheLeaderIsImmediatelyVisibleToALinearizableReadOnAFollower() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, MiniCluster.testConfig().build())) {
            final RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final RaftNode follower = cluster.follower();
            for (int i = 0; i < 50; i++) {
                propose(leader, "SET k v" + i);
                assertEquals("v" + i, read(follower, "k"));
            }
            assertTrue(follower.dataGroup().fenceStats().rounds() >= 50);
        }
    }

    @Test
    void pipelinedCommandsOfOneCallerApplyInOrder() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, MiniCluster.testConfig().build())) {
            final RaftNode follower = cluster.follower();
            final List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 1; i <= 500; i++) {
                replies.add(follower.dataGroup().propose(command("SET k " + i)));
            }
            for (final CompletableFuture<byte[]> reply : replies) {
                assertEquals("OK", text(reply.get(30, TimeUnit.SECONDS)));
            }
            assertEquals("500", read(follower, "k"));
            assertTrue(follower.dataGroup().proposerStats().entries() < 500, "commands shared entries");
        }
    }

    @Test
    void withoutAQuorumWritesAndReadsFailWithinTheirTimeouts() throws Exception {
        final var config = MiniCluster.testConfig()
            .set(io.elastickv.raft.RaftConfigKeys.PROPOSAL_TIMEOUT_MS, 3_000L)
            .set(io.elastickv.raft.RaftConfigKeys.READ_TIMEOUT_MS, 3_000L).build();
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, config)) {
            final RaftNode survivor = cluster.awaitLeader(Duration.ofSeconds(30));
            propose(survivor, "SET before quorum-loss");
            for (final RaftNode node : cluster.runningNodes()) {
                if (node != survivor) {
                    cluster.stop(node.spec().self().id());
                }
            }
            final long start = System.nanoTime();
            final ExecutionException write = assertThrows(ExecutionException.class,
                () -> survivor.dataGroup().propose(command("SET after x")).get(60, TimeUnit.SECONDS));
            assertInstanceOf(ProposalException.class, write.getCause());
            final ExecutionException fence = assertThrows(ExecutionException.class,
                () -> survivor.dataGroup().fence().get(60, TimeUnit.SECONDS));
            assertInstanceOf(ReadFenceException.class, fence.getCause());
            final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 30, "failed after " + seconds + " s");
        }
    }
}
