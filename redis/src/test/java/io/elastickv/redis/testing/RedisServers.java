package io.elastickv.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("elastickv-" + context.getRequiredTestClass().getSimpleName());
        if (oracleWanted) {
            oracle = RedisOracle.start(directory);
        }
        cluster = RedisCluster.start(directory.resolve("elastickv"), nodes);
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
            deleteRecursively(directory);
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

    public int leaderPort() {
        return cluster.leaderPort();
    }

    private static void deleteRecursively(final Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
