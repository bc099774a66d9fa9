package io.elastickv.redis.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import io.elastickv.redis.testing.RedisOracle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection and server commands whose replies are deterministic, compared byte for byte with
 * redis-server: error texts and their order of checks, COMMAND's description of commands whose flags are
 * Redis's, CONFIG's validation and normalized values. What Redis 7.2 added after the 7.0 oracle (CLIENT
 * SETINFO, CLIENT NO-TOUCH, lib-name in CLIENT LIST) is asserted in {@link ServerCommandsTest}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerDifferentialTest {
    @RegisterExtension
    static final RedisServers NODES = RedisServers.withOracle(1);

    private static void same(final String script) throws Exception {
        DifferentialCase.assertSameReplies(NODES.oraclePort(), NODES.leaderPort(), script);
    }

    private static String text(final byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    /** Like {@link #same}, on connections switched to RESP3 first (HELLO's reply names the version). */
    private static void sameInResp3(final String script) throws Exception {
        try (RawRespClient ours = new RawRespClient(NODES.leaderPort());
             RawRespClient theirs = new RawRespClient(NODES.oraclePort())) {
            ours.call("HELLO", "3");
            theirs.call("HELLO", "3");
            for (final List<byte[]> command : DifferentialCase.parse(script)) {
                final String expected = text(theirs.pipeline(List.of(command)).get(0));
                final String actual = text(ours.pipeline(List.of(command)).get(0));
                assertEquals(expected, actual, () -> "RESP3 reply to " + new String(command.get(0),
                    StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void commandDescribesCommandsAsRedisDoes() throws Exception {
        same("""
            COMMAND INFO get ping echo select hello quit reset auth multi exec discard watch unwatch
            COMMAND INFO info time lastsave save bgsave shutdown monitor debug nosuch
            COMMAND INFO client|id client|getname client|setname client|info client|list client|kill
            COMMAND INFO client|pause client|unpause client|reply client|no-evict client|help client|nosuch
            COMMAND INFO config|get config|set config|resetstat config|rewrite config|help
            COMMAND INFO command|count command|info command|docs command|list command|getkeys command|help
            COMMAND INFO command|getkeysandflags
            COMMAND INFO slowlog|get slowlog|len slowlog|reset slowlog|help
            COMMAND INFO latency|latest latency|history latency|reset latency|doctor latency|help
            COMMAND INFO function|flush function|list function|delete function|help
            COMMAND DOCS nosuch
            COMMAND COUNT x
            COMMAND GETKEYS
            COMMAND GETKEYS get
            COMMAND GETKEYS nosuch a
            COMMAND GETKEYS ping x
            COMMAND GETKEYS echo x
            COMMAND GETKEYS client list
            COMMAND GETKEYS client nosuch
            COMMAND GETKEYS get a b
            COMMAND GETKEYS get a
            COMMAND GETKEYS set a b
            COMMAND GETKEYS del a b c
            COMMAND GETKEYS exists a a
            COMMAND GETKEYS watch a b
            COMMAND GETKEYSANDFLAGS get a
            COMMAND LIST foo
            COMMAND LIST FILTERBY
            COMMAND LIST FILTERBY pattern
            COMMAND LIST FILTERBY foo bar
            COMMAND LIST FILTERBY pattern cl* extra
            COMMAND LIST FILTERBY module x
            COMMAND LIST FILTERBY aclcat nosuch
            COMMAND LIST FILTERBY pattern nosuch*
            COMMAND FOO
            command foo
            """);
        sameInResp3("""
            COMMAND INFO get ping watch client|list nosuch
            COMMAND DOCS nosuch
            """);
    }

    @Test
    void configValidatesAndNormalizesAsRedisDoes() throws Exception {
        same("""
            CONFIG
            CONFIG FOO
            CONFIG GET
            CONFIG GET nosuch
            CONFIG GET maxmemory
            CONFIG GET MAXMEMORY
            CONFIG GET maxmemory-policy
            CONFIG GET databases
            CONFIG GET timeout
            CONFIG GET maxclients
            CONFIG GET requirepass
            CONFIG GET save
            CONFIG GET appendonly
            CONFIG GET appendfsync
            CONFIG GET proto-max-bulk-len
            CONFIG GET client-output-buffer-limit
            CONFIG GET notify-keyspace-events
            CONFIG GET hz
            CONFIG GET slowlog-log-slower-than
            CONFIG GET slowlog-max-len
            CONFIG GET latency-monitor-threshold
            CONFIG GET maxmemory-samples
            CONFIG GET tcp-keepalive
            CONFIG GET loglevel
            CONFIG GET busy-reply-threshold
            CONFIG GET lua-time-limit
            CONFIG GET daemonize
            CONFIG GET cluster-enabled
            CONFIG SET
            CONFIG SET maxmemory
            CONFIG SET maxmemory 1 hz
            CONFIG SET nosuch 1
            CONFIG SET nosuch 1 maxmemory x
            CONFIG SET maxmemory abc
            CONFIG SET maxmemory -5
            CONFIG SET maxmemory 10 maxmemory 20
            CONFIG SET maxmemory 10 MAXMEMORY 20
            CONFIG SET databases 3
            CONFIG SET daemonize yes
            CONFIG SET databases 3 nosuch 1
            CONFIG SET maxmemory abc databases 3
            CONFIG SET maxmemory-policy foo
            CONFIG SET hz abc
            CONFIG SET hz 99999999999999999999
            CONFIG SET hz 1.5
            CONFIG SET hz -1
            CONFIG SET save 1
            CONFIG SET save a\\sb
            CONFIG SET save 100\\s-1
            CONFIG SET save 0\\s0
            CONFIG SET save \\s\\s100\\s\\s\\s10\\s
            CONFIG SET appendonly maybe
            CONFIG SET timeout -1
            CONFIG SET maxclients 0
            CONFIG SET maxclients abc
            CONFIG SET proto-max-bulk-len 10
            CONFIG SET slowlog-log-slower-than -5
            CONFIG SET slowlog-max-len -1
            CONFIG SET latency-monitor-threshold -1
            CONFIG SET loglevel foo
            CONFIG SET client-output-buffer-limit normal\\s1\\s2
            CONFIG SET client-output-buffer-limit foo\\s1\\s2\\s3
            CONFIG SET client-output-buffer-limit normal\\s1x\\s2\\s3
            CONFIG SET notify-keyspace-events Q
            CONFIG SET maxmemory 1mb
            CONFIG GET maxmemory
            CONFIG SET maxmemory 5GB
            CONFIG GET maxmemory
            CONFIG SET maxmemory 0
            CONFIG SET maxmemory-policy ALLKEYS-LRU
            CONFIG GET maxmemory-policy
            CONFIG SET maxmemory-policy noeviction
            CONFIG SET hz 1000
            CONFIG GET hz
            CONFIG SET hz 0
            CONFIG GET hz
            CONFIG SET hz 10
            CONFIG SET save 100\\s1\\s60\\s+5
            CONFIG GET save
            CONFIG SET save ""
            CONFIG SET appendonly YES
            CONFIG GET appendonly
            CONFIG SET appendonly no
            CONFIG SET client-output-buffer-limit normal\\s1mb\\s2\\s3\\sREPLICA\\s1\\s2\\s3
            CONFIG GET client-output-buffer-limit
            CONFIG SET client-output-buffer-limit normal\\s0\\s0\\s0\\sslave\\s268435456\\s67108864\\s60
            CONFIG GET client-output-buffer-limit
            CONFIG SET notify-keyspace-events KEA
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events gx$
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events An
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events Em
            CONFIG GET notify-keyspace-events
            CONFIG SET notify-keyspace-events ""
            CONFIG SET lua-time-limit 6000
            CONFIG GET busy-reply-threshold
            CONFIG SET busy-reply-threshold 5000
            CONFIG SET maxmemory 1 hz 20 maxmemory-policy volatile-ttl
            CONFIG GET hz
            CONFIG SET maxmemory 0 hz 10 maxmemory-policy noeviction
            CONFIG RESETSTAT x
            CONFIG RESETSTAT
            CONFIG REWRITE
            CONFIG REWRITE x
            """);
    }

    @Test
    void clientSubcommandsAnswerAsRedisDoes() throws Exception {
        same("""
            CLIENT
            CLIENT foo
            CLIENT GETNAME
            CLIENT SETNAME a\\sb
            CLIENT SETNAME a\\x0ab
            CLIENT SETNAME \\xffname
            CLIENT SETNAME name
            CLIENT GETNAME
            CLIENT SETNAME ""
            CLIENT GETNAME
            CLIENT SETNAME x y
            CLIENT ID x
            CLIENT INFO x
            CLIENT LIST TYPE foo
            CLIENT LIST TYPE master
            CLIENT LIST TYPE replica
            CLIENT LIST TYPE pubsub
            CLIENT LIST ID abc
            CLIENT LIST ID 0
            CLIENT LIST ID 999999 888888
            CLIENT LIST foo
            CLIENT LIST TYPE normal extra
            CLIENT KILL
            CLIENT KILL 1.2.3.4:5
            CLIENT KILL ID abc
            CLIENT KILL ID 0
            CLIENT KILL ID -3
            CLIENT KILL ID 999999
            CLIENT KILL TYPE foo
            CLIENT KILL TYPE master
            CLIENT KILL USER nobody
            CLIENT KILL SKIPME maybe
            CLIENT KILL foo bar
            CLIENT KILL ADDR 1.2.3.4:5
            CLIENT KILL ADDR 1 LADDR
            CLIENT KILL LADDR x SKIPME no
            CLIENT PAUSE
            CLIENT PAUSE abc
            CLIENT PAUSE -1
            CLIENT PAUSE 10 foo
            CLIENT PAUSE abc foo
            CLIENT PAUSE 10 write extra
            CLIENT UNPAUSE x
            CLIENT UNPAUSE
            CLIENT NO-EVICT
            CLIENT NO-EVICT maybe
            CLIENT NO-EVICT on
            CLIENT NO-EVICT OFF
            CLIENT REPLY
            CLIENT REPLY maybe
            CLIENT REPLY on
            MULTI
            CLIENT foo
            EXEC
            MULTI
            CLIENT SETNAME a b
            EXEC
            MULTI
            CLIENT SETNAME queued
            CLIENT GETNAME
            EXEC
            """);
    }

    @Test
    void authWithoutAPasswordAnswersAsRedisDoes() throws Exception {
        same("""
            AUTH
            AUTH x
            AUTH default x
            AUTH nobody x
            AUTH a b c
            HELLO 2 AUTH nobody x
            HELLO 2 SETNAME a\\sb
            HELLO 2 AUTH default
            """);
    }

    @Test
    void persistenceAndShutdownRefuseAsRedisDoes() throws Exception {
        same("""
            TIME x
            LASTSAVE x
            SAVE x
            BGSAVE foo
            BGSAVE a b
            MONITOR x
            SHUTDOWN foo
            SHUTDOWN abort
            SHUTDOWN ABORT now
            SHUTDOWN save nosave
            MULTI
            SHUTDOWN
            SAVE
            EXEC
            MULTI
            SHUTDOWN NOSAVE
            DISCARD
            """);
    }

    @Test
    void slowlogAndLatencyAnswerAsRedisDoes() throws Exception {
        same("""
            CONFIG SET slowlog-log-slower-than -1
            SLOWLOG RESET
            SLOWLOG GET
            SLOWLOG GET -1
            SLOWLOG GET 0
            SLOWLOG GET x
            SLOWLOG GET -2
            SLOWLOG GET 1 2
            SLOWLOG LEN
            SLOWLOG LEN x
            SLOWLOG RESET x
            SLOWLOG FOO
            SLOWLOG
            CONFIG SET slowlog-log-slower-than 10000
            LATENCY
            LATENCY LATEST
            LATENCY LATEST x
            LATENCY HISTORY
            LATENCY HISTORY command
            LATENCY RESET
            LATENCY RESET command fast-command
            LATENCY FOO
            """);
    }

    @Test
    void functionAnswersAsRedisWithoutLibraries() throws Exception {
        same("""
            FUNCTION
            FUNCTION FOO
            FUNCTION FLUSH
            FUNCTION FLUSH sync
            FUNCTION FLUSH ASYNC
            FUNCTION FLUSH foo
            FUNCTION FLUSH a b
            FUNCTION LIST
            FUNCTION LIST WITHCODE
            FUNCTION LIST LIBRARYNAME x*
            FUNCTION LIST WITHCODE LIBRARYNAME x
            FUNCTION LIST foo
            FUNCTION LIST LIBRARYNAME
            FUNCTION LIST LIBRARYNAME a LIBRARYNAME b
            FUNCTION LIST WITHCODE WITHCODE
            FUNCTION DELETE x
            FUNCTION DELETE
            """);
    }

    @Test
    void infoSectionsWithFixedContentMatch() throws Exception {
        same("""
            INFO nosuch
            INFO cluster
            INFO CLUSTER nosuch
            """);
        sameInResp3("""
            INFO cluster
            INFO nosuch
            """);
    }

    /** CLIENT REPLY suppresses replies, so the whole exchange is compared at once. */
    @Test
    void clientReplyDropsTheRepliesRedisDrops() throws Exception {
        for (final String request : List.of(
            "CLIENT REPLY OFF\r\nPING a\r\nCLIENT REPLY SKIP\r\nPING b\r\nCLIENT REPLY ON\r\nPING c\r\n",
            "CLIENT REPLY SKIP\r\nPING a\r\nPING b\r\nCLIENT REPLY SKIP\r\nCLIENT REPLY ON\r\nPING c\r\n",
            "CLIENT REPLY SKIP\r\nNOSUCH\r\nGET\r\nSET r:k v\r\nGET r:k\r\n",
            "CLIENT REPLY OFF\r\nSET r:j v\r\nGET r:j\r\nCLIENT REPLY ON\r\nGET r:j\r\n")) {
            final byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(new String(RedisOracle.exchange(NODES.oraclePort(), bytes), StandardCharsets.ISO_8859_1),
                new String(RedisOracle.exchange(NODES.leaderPort(), bytes), StandardCharsets.ISO_8859_1),
                () -> "request " + request.replace("\r\n", "\\r\\n"));
        }
    }
}
