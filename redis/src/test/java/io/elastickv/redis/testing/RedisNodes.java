package io.elastickv.redis.testing;

import io.elastickv.common.io.Directories;
import io.elastickv.raft.node.ReplicatedGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's servers, started once before its tests and stopped after them: a one-node elastickv cluster
 * and, for differential tests, a redis-server oracle. Register it as a static field:
 * {@code @RegisterExtension static final RedisNodes NODES = RedisNodes.withOracle();}.
 */
public final class RedisNodes implements BeforeAllCallback, AfterAllCallback {
    private final boolean oracleWanted;
    private Path directory;
    private RedisOracle oracle;
    private RedisCluster cluster;

    private RedisNodes(final boolean oracleWanted) {
        this.oracleWanted = oracleWanted;
    }

    /** A one-node cluster only. */
    public static RedisNodes clusterOnly() {
        return new RedisNodes(false);
    }

    /** A one-node cluster and a redis-server to compare it with. */
    public static RedisNodes withOracle() {
        return new RedisNodes(true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("elastickv-" + context.getRequiredTestClass().getSimpleName());
        if (oracleWanted) {
            oracle = RedisOracle.start(directory);
        }
        cluster = RedisCluster.start(directory.resolve("elastickv"), 1);
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
            if (oracle != null) {
                oracle.close();
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    /** The replicated group of the cluster's leader, to start more listeners on. */
    public ReplicatedGroup leaderGroup() {
        return cluster.raft().awaitLeader(Duration.ofSeconds(30)).dataGroup();
    }

    /** The Redis port of the cluster's leader. */
    public int port() {
        return cluster.leaderPort();
    }

    public int oraclePort() {
        return oracle.port();
    }
}
