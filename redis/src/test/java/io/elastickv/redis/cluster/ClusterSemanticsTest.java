package io.elastickv.redis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis semantics across a 3-node cluster: every node serves reads and writes, linearizably. */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterSemanticsTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(3);

    @Test
    void aClientOnAFollowerReadsItsOwnWritesAndSoDoesEveryNode() throws Exception {
        try (RawRespClient follower = new RawRespClient(SERVERS.cluster().followerPort())) {
            for (int i = 0; i < 30; i++) {
                assertEquals("+OK\r\n", follower.call("SET", "ryw:k", "v" + i));
                assertEquals("$" + ("v" + i).length() + "\r\nv" + i + "\r\n", follower.call("GET", "ryw:k"));
                // Acknowledged means visible everywhere: a read on any node after the reply sees it.
                for (final String id : List.of("n1", "n2", "n3")) {
                    try (RawRespClient other = new RawRespClient(SERVERS.cluster().port(id))) {
                        assertEquals("$" + ("v" + i).length() + "\r\nv" + i + "\r\n", other.call("GET", "ryw:k"),
                            "node " + id + " after write " + i);
                    }
                }
            }
        }
    }

    @Test
    void concurrentIncrementsFromEveryNodeAreAllCounted() throws Exception {
        final int clientsPerNode = 4;
        final int increments = 150;
        final ExecutorService pool = Executors.newFixedThreadPool(3 * clientsPerNode);
        try {
            final List<Future<long[]>> results = new ArrayList<>();
            for (final String id : List.of("n1", "n2", "n3")) {
                for (int c = 0; c < clientsPerNode; c++) {
                    final int port = SERVERS.cluster().port(id);
                    results.add(pool.submit(() -> increment(port, increments)));
                }
            }
            long acknowledged = 0;
            long failed = 0;
            for (final Future<long[]> result : results) {
                final long[] counts = result.get(3, TimeUnit.MINUTES);
                acknowledged += counts[0];
                failed += counts[1];
            }
            assertEquals(0, failed, "no node failure was injected, so no increment should fail");
            assertEquals(3L * clientsPerNode * increments, acknowledged);
            for (final String id : List.of("n1", "n2", "n3")) {
                try (RawRespClient client = new RawRespClient(SERVERS.cluster().port(id))) {
                    final String value = Long.toString(acknowledged);
                    assertEquals("$" + value.length() + "\r\n" + value + "\r\n", client.call("GET", "incr:counter"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** INCRs {@code count} times, checking each reply is a new higher value; returns {acked, failed}. */
    private static long[] increment(final int port, final int count) throws Exception {
        long acked = 0;
        long failed = 0;
        long last = 0;
        try (RawRespClient client = new RawRespClient(port)) {
            for (int i = 0; i < count; i++) {
                final String reply = client.call("INCR", "incr:counter");
                if (reply.startsWith(":")) {
                    final long value = Long.parseLong(reply.substring(1).strip());
                    assertTrue(value > last, "a client's increments are ordered: " + value + " after " + last);
                    last = value;
                    acked++;
                } else {
                    failed++;
                }
            }
        }
        return new long[] {acked, failed};
    }
}
