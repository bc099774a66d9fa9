package io.elastickv.redis.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RedisOracle;
import io.elastickv.redis.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same bytes to redis-server and to elastickv's Redis listener; the raw replies must be identical.
 * Covers what the listener serves so far: connection commands, the command table's arity and unknown-command
 * errors, pipelining, and protocol errors (which also close the connection).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionDifferentialTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    private static final List<String> REQUESTS = List.of(
        "PING\r\n", "ping\r\n", "PING hello\r\n", "PING a b\r\n", "*1\r\n$4\r\nPING\r\n",
        "*2\r\n$4\r\nECHO\r\n$3\r\na\u0000b\r\n", "ECHO\r\n", "ECHO a b\r\n", "echo \"a b\"\r\n",
        "SELECT 1\r\n", "SELECT 16\r\n", "SELECT -1\r\n", "SELECT x\r\n", "SELECT 01\r\n", "SELECT\r\n",
        "QUIT\r\nPING\r\n", "NOSUCH a b\r\n", "nosuch\r\n", "*1\r\n$0\r\n\r\n",
        "NOSUCH " + "x".repeat(200) + " y\r\n", "NOSUCH " + "a ".repeat(100) + "\r\n",
        "HELLO 4\r\n", "HELLO x\r\n", "HELLO -1\r\n", "HELLO 3 FOO\r\n", "HELLO 2 AUTH a b\r\n", "HELLO 2 SETNAME\r\n",
        "PING\r\nPING a\r\nECHO b\r\n*0\r\n*-1\r\n\r\nPING\n",
        "*2\r\n$4\r\nECHO\r\n$-5\r\n", "*1\r\nx4\r\n", "ECHO \"abc\r\n", "*3000000000\r\n", "*abc\r\n",
        "*1\r\n$abc\r\n", "*1\r\n$600000000\r\n", "*01\r\n", "PING\r\n*1\r\n$-1\r\nPING\r\n",
        "x".repeat(70_000), "*" + "1".repeat(70_000), "*1\r\n$" + "1".repeat(70_000));

    @Test
    void repliesAreByteForByteThoseOfRedisServer() throws Exception {
        for (final String request : REQUESTS) {
            final byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            final String expected = new String(RedisOracle.exchange(SERVERS.oraclePort(), bytes), StandardCharsets.ISO_8859_1);
            final String actual = new String(RedisOracle.exchange(SERVERS.leaderPort(), bytes), StandardCharsets.ISO_8859_1);
            assertEquals(expected, actual, () -> "request " + abbreviate(request));
        }
    }

    @Test
    void helloSwitchesToResp3AndAnswersInIt() throws Exception {
        final String reply = new String(RedisOracle.exchange(SERVERS.leaderPort(),
            "HELLO 3\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        assertTrue(reply.startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n"
            + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:"), reply);
        assertTrue(reply.endsWith("$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
            + "$7\r\nmodules\r\n*0\r\n+PONG\r\n"), reply);
    }

    private static String abbreviate(final String request) {
        final String shown = request.replace("\r", "\\r").replace("\n", "\\n");
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
