package io.elastickv.raft.cluster;

import static io.elastickv.raft.KvCommands.command;
import static io.elastickv.raft.KvCommands.text;
import static io.elastickv.raft.cluster.ReplicationTest.propose;
import static io.elastickv.raft.cluster.ReplicationTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureTest {
    @TempDir
    Path tempDir;

    @Test
    void killingTheLeaderUnderConcurrentWritesLosesNoAcknowledgedWrite() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, MiniCluster.testConfig().build())) {
            final RaftNode oldLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            final AtomicInteger increments = new AtomicInteger();
            final AtomicInteger indeterminate = new AtomicInteger();
            final AtomicBoolean stop = new AtomicBoolean();
            final List<Thread> writers = new ArrayList<>();
            final CountDownLatch warmedUp = new CountDownLatch(4 * 50);
            int writerIndex = 0;
            for (final RaftNode node : cluster.runningNodes()) {
                if (node == oldLeader) {
                    continue;
                }
                for (int t = 0; t < 2; t++) {
                    final int id = writerIndex++;
                    writers.add(new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            final String key = "w" + id + "-" + i;
                            try {
                                final String reply = text(node.dataGroup().propose(command("SET " + key + " " + i))
                                    .get(60, TimeUnit.SECONDS));
                                if ("OK".equals(reply)) {
                                    acknowledged.add(key);
                                }
                                text(node.dataGroup().propose(command("INCR counter")).get(60, TimeUnit.SECONDS));
                                increments.incrementAndGet();
                            } catch (Exception e) {
                                indeterminate.incrementAndGet();
                            }
                            warmedUp.countDown();
                        }
                    }, "writer-" + id));
                }
            }
            writers.forEach(Thread::start);
            assertTrue(warmedUp.await(60, TimeUnit.SECONDS), "writers got going");
            final long oldLeaderCeiling = oldLeader.dataGroup().stateMachine().replicatedCeilingMs();
            cluster.stop(oldLeader.spec().self().id());
            final RaftNode newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            final int atFailover = acknowledged.size();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() <= atFailover && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            // Read at the new leader's first acknowledged write, while the wall clock is usually still below
            // the old ceiling (it is at most a few seconds ahead), not after the run when it no longer is.
            final long newLeaderTime = newLeader.clock().now();
            while (acknowledged.size() < atFailover + 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            stop.set(true);
            for (final Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(90));
            }
            assertTrue(acknowledged.size() >= atFailover + 200, "writes continued after failover: " + acknowledged.size());
            for (final RaftNode node : cluster.runningNodes()) {
                node.dataGroup().fence().get(30, TimeUnit.SECONDS);
                for (final String key : acknowledged) {
                    final String value = io.elastickv.raft.KvCommands.read(node.dataGroup().store(), key);
                    assertEquals(key.substring(key.indexOf('-') + 1), value, key + " on " + node.spec().self().id());
                }
                final long counter = Long.parseLong(read(node, "counter"));
                assertTrue(counter >= increments.get() && counter <= increments.get() + indeterminate.get(),
                    "counter=" + counter + " acknowledged=" + increments.get() + " indeterminate=" + indeterminate.get());
            }
            // The old leader replicated a clock ceiling seconds ahead of the wall clock; the new leader's time
            // must already be past it, although the wall clock is not.
            assertTrue(HybridLogicalClock.physicalMs(newLeaderTime) > oldLeaderCeiling,
                "new leader time " + HybridLogicalClock.physicalMs(newLeaderTime) + " <= old ceiling " + oldLeaderCeiling);
        }
    }

    @Test
    void aFullRestartRecoversEverythingFromDisk() throws Exception {
        final Path root = tempDir.resolve("cluster");
        final List<String> ids;
        try (MiniCluster cluster = MiniCluster.start(root, 3, MiniCluster.testConfig().build())) {
            for (int i = 0; i < 100; i++) {
                propose(cluster.runningNodes().get(i % 3), "INCR restarts");
            }
            ids = new ArrayList<>();
            cluster.runningNodes().forEach(n -> ids.add(n.spec().self().id()));
            ids.forEach(cluster::stop);
            ids.forEach(cluster::restart);
            cluster.awaitLeader(Duration.ofSeconds(30));
            for (final RaftNode node : cluster.runningNodes()) {
                assertEquals("100", read(node, "restarts"));
            }
            assertEquals("101", propose(cluster.follower(), "INCR restarts"));
        }
    }

    @Test
    void aWipedFollowerCatchesUpFromASnapshotAfterTheLogWasPurged() throws Exception {
        // Small segments and no purge gap, so the log is really purged behind each snapshot and the wiped
        // follower can only catch up by installing one.
        final var config = MiniCluster.testConfig().set(RaftConfigKeys.SNAPSHOT_AUTO_TRIGGER_ENTRIES, 100L)
            .set(RaftConfigKeys.LOG_SEGMENT_BYTES, 16L << 10).set(RaftConfigKeys.LOG_PURGE_GAP, 1)
            // The leader starts streaming a snapshot while the follower is still down; Ratis abandons that
            // stream only after 8 request timeouts, so keep them short and let the read wait that long.
            .set(RaftConfigKeys.RPC_TIMEOUT_MS, 1_000L).set(RaftConfigKeys.READ_TIMEOUT_MS, 60_000L).build();
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, config)) {
            final RaftNode follower = cluster.follower();
            final String followerId = follower.spec().self().id();
            for (int i = 0; i < 150; i++) {
                propose(cluster.awaitLeader(Duration.ofSeconds(30)), "SET before-wipe-" + (i % 10) + " " + i);
            }
            cluster.wipe(followerId);
            for (int i = 0; i < 400; i++) {
                propose(cluster.awaitLeader(Duration.ofSeconds(30)), "INCR after-wipe");
            }
            final RaftNode restarted = cluster.restart(followerId);
            restarted.dataGroup().fence().get(90, TimeUnit.SECONDS);
            assertEquals("400", read(restarted, "after-wipe"));
            assertEquals("149", read(restarted, "before-wipe-9"));
            final Path snapshots = tempDir.resolve(followerId).resolve("raft");
            try (var files = java.nio.file.Files.walk(snapshots)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("snap_")),
                    "the follower holds an installed snapshot");
            }
        }
    }

    @Test
    void membershipAddRemoveAndLeadershipTransfer() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(tempDir, 3, MiniCluster.testConfig().build())) {
            propose(cluster.awaitLeader(Duration.ofSeconds(30)), "SET before-join yes");
            final RaftNode joiner = cluster.startJoining("n4");
            final List<io.elastickv.raft.node.PeerAddress> four = new ArrayList<>(cluster.initialPeers());
            four.add(cluster.address("n4"));
            cluster.awaitLeader(Duration.ofSeconds(30)).dataGroup().setMembers(four);
            assertEquals("yes", read(joiner, "before-join"));
            assertEquals(4, joiner.dataGroup().status().peers().size());

            final RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            leader.dataGroup().transferLeadership("n4", 10_000);
            assertEquals("n4", cluster.awaitLeader(Duration.ofSeconds(30)).spec().self().id());

            final String removed = leader.spec().self().id();
            final List<io.elastickv.raft.node.PeerAddress> three = new ArrayList<>(four);
            three.removeIf(p -> p.id().equals(removed));
            joiner.dataGroup().setMembers(three);
            cluster.stop(removed);
            assertEquals("OK", propose(joiner, "SET after-remove yes"));
            for (final RaftNode node : cluster.runningNodes()) {
                assertEquals("yes", read(node, "after-remove"));
                assertEquals(3, node.dataGroup().status().peers().size());
            }
        }
    }
}
