package io.elastickv.redis.command.hash;

import static io.elastickv.redis.command.hash.HashDifferentialTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.elastickv.raft.node.RaftNode;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hash written through one node of a 3-node cluster is what every other node reads. */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HashReplicationTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(3);

    @Test
    void aHashWrittenThroughAFollowerIsReadEverywhere() throws Exception {
        final String leader = SERVERS.cluster().raft().awaitLeader(Duration.ofSeconds(30)).spec().self().id();
        final List<String> followers = new ArrayList<>();
        for (final RaftNode node : SERVERS.cluster().raft().runningNodes()) {
            if (!node.spec().self().id().equals(leader)) {
                followers.add(node.spec().self().id());
            }
        }
        assertEquals(2, followers.size());
        try (RawRespClient writer = new RawRespClient(SERVERS.cluster().port(followers.get(0)))) {
            assertEquals(":3\r\n", writer.call("HSET", "r:h", "a", "1", "b", "2", "c", "3"));
            assertEquals(":1\r\n", writer.call("HDEL", "r:h", "b"));
            assertEquals(":11\r\n", writer.call("HINCRBY", "r:h", "a", "10"));
            final List<String> big = new ArrayList<>(List.of("HSET", "r:big"));
            HashDifferentialTest.fields("f", 300).forEach(pair -> big.addAll(List.of(pair)));
            assertEquals(":300\r\n", writer.call(big.toArray(String[]::new)));
        }
        final TreeSet<String> bigContent = new TreeSet<>();
        HashDifferentialTest.fields("f", 300).forEach(pair -> bigContent.add(pair[0] + "=" + pair[1]));
        for (final String reader : List.of(followers.get(1), leader, followers.get(0))) {
            try (RawRespClient client = new RawRespClient(SERVERS.cluster().port(reader))) {
                assertEquals("*4\r\n$1\r\na\r\n$2\r\n11\r\n$1\r\nc\r\n$1\r\n3\r\n",
                    client.call("HGETALL", "r:h"), () -> "HGETALL on " + reader);
                assertEquals(":2\r\n", client.call("HLEN", "r:h"), reader);
                assertEquals(":300\r\n", client.call("HLEN", "r:big"), reader);
                assertEquals(bigContent, HashDifferentialTest.scanAll(SERVERS.cluster().port(reader), "r:big", "COUNT", "7"),
                    reader);
                assertEquals("$9\r\nvalue-123\r\n", new String(client.call(bytes("HGET", "r:big", "f123")),
                    StandardCharsets.ISO_8859_1), reader);
            }
        }
    }
}
