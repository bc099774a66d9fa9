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
 * One elastickv cluster, and optionally one redis-server oracle, for a whole test class, in a temporary
 * directory that is deleted afterwards: {@code @RegisterExtension static final RedisServers SERVERS =
 * RedisServers.withOracle(1);}.
 */
public final class RedisServers implements BeforeAllCallback, AfterAllCallback {
    private final int nodes;
    private final boolean oracleWanted;
    private Path directory;
    private RedisOracle oracle;
    private RedisCluster cluster;

    private RedisServers(final int nodes, final boolean oracleWanted) {
        this.nodes = nodes;
        this.oracleWanted = oracleWanted;
    }

    /** A cluster of {@code nodes} and a redis-server to compare it with. */
    public static RedisServers withOracle(final int nodes) {
        return new RedisServers(nodes, true);
    }

    public static RedisServers clusterOnly(final int nodes) {
        return new RedisServers(nodes, false);
    }

    /** Only a redis-server, for tests that check a model against it. */
    public static RedisServers oracleOnly() {
        return new RedisServers(0, true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("elastickv-" + context.getRequiredTestClass().getSimpleName());
        if (oracleWanted) {
            oracle = RedisOracle.start(directory);
        }
        if (nodes > 0) {
            cluster = RedisCluster.start(directory.resolve("elastickv"), nodes);
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        try (RedisOracle stopLast = oracle) {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (directory != null) {
                Directories.deleteRecursively(directory);
            }
        }
    }

    public RedisCluster cluster() {
        return cluster;
    }

    public int oraclePort() {
        if (oracle == null) {
            throw new IllegalStateException("no oracle: use RedisServers.withOracle");
        }
        return oracle.port();
    }

    /** The Redis port of the cluster's leader. */
    public int leaderPort() {
        return cluster.leaderPort();
    }

    /** The replicated group of the cluster's leader, to start more listeners on. */
    public ReplicatedGroup leaderGroup() {
        return cluster.raft().awaitLeader(Duration.ofSeconds(30)).dataGroup();
    }
}
