package io.elastickv.redis.command.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.raft.node.RaftNode;
import io.elastickv.redis.exec.ReadView;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key space on a 3-node cluster: active expiry on every replica, cursors across nodes, whole-key moves. */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicatedKeyspaceTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(3);

    /**
     * Keys set with PX 50 leave DBSIZE (which counts keys until they are deleted, not while they are merely
     * hidden) on every node, and their expiry-index entries go with them: they were deleted through the log.
     */
    @Test
    void expiredKeysAreDeletedThroughTheLogOnEveryNode() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.cluster().leaderPort())) {
            client.call("SELECT", "1");
            final List<List<byte[]>> sets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sets.add(List.of(bytes("SET"), bytes("px:" + i), bytes("v"), bytes("PX"), bytes("50")));
            }
            sets.add(List.of(bytes("SET"), bytes("kept"), bytes("v")));
            sets.add(List.of(bytes("SET"), bytes("kept:ttl"), bytes("v"), bytes("EX"), bytes("1000")));
            client.pipeline(sets);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (final RaftNode node : SERVERS.cluster().raft().runningNodes()) {
            final String id = node.spec().self().id();
            try (RawRespClient client = new RawRespClient(SERVERS.cluster().port(id))) {
                client.call("SELECT", "1");
                while (!client.call("DBSIZE").equals(":2\r\n") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(":2\r\n", client.call("DBSIZE"), "DBSIZE on node " + id);
            }
            final ReadView view = ReadView.atWatermark(node.dataGroup().store());
            assertEquals(2, new Keyspace(view, 1, false).size(), "keys in the store of node " + id);
            final List<Keyspace.DueKey> indexed = Keyspace.dueKeys(view, Long.MAX_VALUE, 10);
            assertEquals(List.of("kept:ttl"), indexed.stream()
                .map(d -> new String(d.key(), StandardCharsets.UTF_8)).toList(), "expiry index of node " + id);
        }
    }

    /** A cursor is a position in the replicated key space, so a scan may move between nodes. */
    @Test
    void aScanContinuesOnAnyNode() throws Exception {
        final List<Integer> ports = new ArrayList<>();
        SERVERS.cluster().raft().runningNodes().forEach(n -> ports.add(SERVERS.cluster().port(n.spec().self().id())));
        final Set<String> expected = new HashSet<>();
        try (RawRespClient client = new RawRespClient(SERVERS.cluster().leaderPort())) {
            client.call("SELECT", "2");
            final List<List<byte[]>> sets = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add("node:" + i);
                sets.add(List.of(bytes("SET"), bytes("node:" + i), bytes("v")));
            }
            client.pipeline(sets);
        }
        final List<RawRespClient> clients = new ArrayList<>();
        try {
            for (final int port : ports) {
                final RawRespClient client = new RawRespClient(port);
                client.call("SELECT", "2");
                clients.add(client);
            }
            final List<String> seen = new ArrayList<>();
            String cursor = "0";
            int call = 0;
            do {
                final List<String> page = KeyspaceScanTest.scanPage(clients.get(call++ % clients.size()), cursor, 7,
                    null);
                cursor = page.get(0);
                seen.addAll(page.subList(1, page.size()));
            } while (!cursor.equals("0"));
            assertEquals(expected.size(), seen.size());
            assertEquals(expected, new HashSet<>(seen));
        } finally {
            for (final RawRespClient client : clients) {
                client.close();
            }
        }
    }

    /** RENAME, COPY, MOVE and SWAPDB leave every replica with the same databases. */
    @Test
    void wholeKeyCommandsReplicate() throws Exception {
        try (RawRespClient client = new RawRespClient(SERVERS.cluster().leaderPort())) {
            for (final String command : List.of("SELECT 3", "SET a 1", "SET b 2 EX 1000", "RENAME a c",
                "COPY b d DB 4", "MOVE c 4", "SET e 5", "SWAPDB 3 4", "SELECT 4", "RENAME e f", "SELECT 3",
                "EXPIRE c 1000", "PERSIST d")) {
                client.call(command.split(" "));
            }
        }
        final Set<String> states = new TreeSet<>();
        for (final RaftNode node : SERVERS.cluster().raft().runningNodes()) {
            final StringBuilder state = new StringBuilder();
            try (RawRespClient client = new RawRespClient(SERVERS.cluster().port(node.spec().self().id()))) {
                for (final String db : List.of("3", "4")) {
                    client.call("SELECT", db);
                    state.append(db).append(':').append(client.call("DBSIZE"));
                    for (final String key : List.of("a", "b", "c", "d", "e", "f")) {
                        state.append(key).append('=').append(client.call("GET", key))
                            .append(client.call("EXPIRETIME", key).startsWith(":-") ? "" : " expiring ");
                    }
                }
            }
            states.add(state.toString());
        }
        assertEquals(1, states.size(), () -> "replicas differ: " + states);
        final String state = states.iterator().next();
        assertTrue(state.startsWith("3::2\r\na=$-1\r\nb=$-1\r\nc=$1\r\n1\r\n expiring d=$1\r\n2\r\n"), state);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
