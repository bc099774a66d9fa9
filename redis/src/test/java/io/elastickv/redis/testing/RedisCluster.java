package io.elastickv.redis.testing;

import io.elastickv.raft.cluster.MiniCluster;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.redis.RedisCommands;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.exec.RedisCommandExecutor;
import io.elastickv.redis.server.RedisServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real elastickv cluster in this JVM for Redis tests: a {@link MiniCluster} whose state machines run the
 * Redis executor, and a Redis listener on a free loopback port in front of every node.
 */
public final class RedisCluster implements AutoCloseable {
    private final MiniCluster raft;
    private final Map<String, RedisServer> servers = new LinkedHashMap<>();

    private RedisCluster(final MiniCluster raft) {
        this.raft = raft;
    }

    public static RedisCluster start(final Path root, final int nodes) throws InterruptedException {
        final CommandTable table = RedisCommands.table();
        final RedisCluster cluster = new RedisCluster(MiniCluster.start(root, nodes, MiniCluster.testConfig().build(),
            () -> new RedisCommandExecutor(table)));
        try {
            for (final RaftNode node : cluster.raft.runningNodes()) {
                cluster.servers.put(node.spec().self().id(),
                    RedisServer.start("127.0.0.1", 0, table, node.dataGroup()));
            }
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public MiniCluster raft() {
        return raft;
    }

    /** The Redis port of node {@code id}. */
    public int port(final String id) {
        return servers.get(id).port();
    }

    /** The Redis port of the current leader. */
    public int leaderPort() {
        return port(raft.awaitLeader(java.time.Duration.ofSeconds(30)).spec().self().id());
    }

    /** The Redis port of some follower. */
    public int followerPort() {
        return port(raft.follower().spec().self().id());
    }

    @Override
    public void close() {
        servers.values().forEach(RedisServer::close);
        servers.clear();
        raft.close();
    }
}
