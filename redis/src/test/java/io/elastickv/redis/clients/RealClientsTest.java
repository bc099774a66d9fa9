package io.elastickv.redis.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RedisServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * The clients users actually run, against a real node: Jedis (RESP2), Lettuce (which negotiates RESP3 with
 * {@code HELLO 3}) and Debian's redis-cli. Each goes through its own protocol handling, so a reply shape the
 * differential tests accept but a client cannot parse shows up here.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealClientsTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(1);

    @Test
    void jedisReadsWritesPipelinesAndTransacts() {
        try (Jedis jedis = new Jedis("127.0.0.1", SERVERS.leaderPort())) {
            assertEquals("PONG", jedis.ping());
            final byte[] key = {'j', 0, (byte) 0xFF, '\r', '\n'};
            final byte[] value = new byte[100_000];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) i;
            }
            assertEquals("OK", jedis.set(key, value));
            assertArrayEquals(value, jedis.get(key));
            assertNull(jedis.get("jedis:missing"));

            final Pipeline pipeline = jedis.pipelined();
            final List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pipeline.set("jedis:p" + i, "v" + i);
                gets.add(pipeline.get("jedis:p" + i));
            }
            pipeline.sync();
            for (int i = 0; i < 500; i++) {
                assertEquals("v" + i, gets.get(i).get());
            }

            final Transaction multi = jedis.multi();
            multi.set("jedis:t", "1");
            final Response<String> inside = multi.get("jedis:t");
            assertEquals(2, multi.exec().size());
            assertEquals("1", inside.get());
            assertEquals(2L, jedis.del("jedis:t", "jedis:p0", "jedis:none"));
        }
    }

    @Test
    void watchedKeyChangedByAnotherClientAbortsExec() {
        try (Jedis watcher = new Jedis("127.0.0.1", SERVERS.leaderPort());
             Jedis other = new Jedis("127.0.0.1", SERVERS.leaderPort())) {
            watcher.set("watch:k", "0");
            watcher.watch("watch:k");
            other.set("watch:k", "changed");
            final Transaction multi = watcher.multi();
            multi.set("watch:k", "mine");
            assertNull(multi.exec(), "EXEC must fail after a watched key changed");
            assertEquals("changed", watcher.get("watch:k"));

            watcher.watch("watch:k");
            final Transaction again = watcher.multi();
            again.set("watch:k", "mine");
            assertEquals(List.of("OK"), again.exec());
            assertEquals("mine", other.get("watch:k"));
        }
    }

    @Test
    void lettuceSpeaksResp3AndPipelinesAsync() throws Exception {
        final RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", SERVERS.leaderPort()));
        // Forced, so a HELLO 3 that elastickv got wrong fails the connection instead of falling back to RESP2.
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            final RedisCommands<String, String> sync = connection.sync();
            assertEquals("OK", sync.set("lettuce:a", "1"));
            assertEquals("1", sync.get("lettuce:a"));
            assertNull(sync.get("lettuce:missing"));
            assertEquals(1L, sync.exists("lettuce:a"));

            final RedisAsyncCommands<String, String> async = connection.async();
            final List<RedisFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                async.set("lettuce:k" + i, Integer.toString(i));
                replies.add(async.get("lettuce:k" + i));
            }
            for (int i = 0; i < replies.size(); i++) {
                assertEquals(Integer.toString(i), replies.get(i).get(30, TimeUnit.SECONDS));
            }

            sync.multi();
            sync.set("lettuce:t", "x");
            sync.get("lettuce:t");
            final TransactionResult result = sync.exec();
            assertEquals(List.of("OK", "x"), result.stream().toList());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    @Test
    void lettuceHandlesBinaryKeysAndValues() {
        final RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", SERVERS.leaderPort()));
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            final byte[] key = {0, 1, 2, (byte) 0x80};
            final byte[] value = "\u00ff\u0000value".getBytes(StandardCharsets.ISO_8859_1);
            connection.sync().set(key, value);
            assertArrayEquals(value, connection.sync().get(key));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    @Test
    void redisCliWorks() throws Exception {
        assertEquals("OK", redisCli("SET", "cli:k", "hello world"));
        assertEquals("hello world", redisCli("GET", "cli:k"));
        assertEquals("", redisCli("GET", "cli:missing"));
        final String hello = redisCli("-3", "HELLO", "3");
        assertTrue(hello.contains("proto 3\n"), hello);
    }

    private static String redisCli(final String... args) throws Exception {
        final List<String> command = new ArrayList<>(
            List.of("/usr/bin/redis-cli", "-p", Integer.toString(SERVERS.leaderPort())));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
