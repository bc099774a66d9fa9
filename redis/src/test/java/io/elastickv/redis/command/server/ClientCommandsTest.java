package io.elastickv.redis.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.RedisCommands;
import io.elastickv.redis.server.RedisServer;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CLIENT, AUTH and MONITOR where replies depend on the connections (ids, addresses, timing) or on Redis 7.2
 * behaviour the 7.0 oracle lacks: asserted directly against a one-node cluster.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientCommandsTest {
    /** A CLIENT LIST line with Redis 7.2's fields, in its order. */
    private static final Pattern CLIENT_LINE = Pattern.compile("id=(\\d+) addr=127\\.0\\.0\\.1:(\\d+)"
        + " laddr=127\\.0\\.0\\.1:\\d+ fd=-?\\d+ name=(\\S*) age=\\d+ idle=\\d+ flags=([A-Za-z]+) db=(\\d+)"
        + " sub=0 psub=0 ssub=0 multi=(-?\\d+) qbuf=\\d+ qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+"
        + " rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ tot-mem=\\d+ events=r cmd=(\\S+) user=default redir=-1"
        + " resp=([23]) lib-name=(\\S*) lib-ver=(\\S*)");
    private static final Pattern MONITOR_LINE =
        Pattern.compile("(\\d+)\\.(\\d{6}) \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\] (.*)");

    @RegisterExtension
    static final RedisServers NODES = RedisServers.clusterOnly(1);

    /** The CLIENT LIST line of client {@code id}, matched field by field. */
    private static Matcher lineOf(final String list, final long id) {
        for (final String line : list.split("\n")) {
            final Matcher matcher = CLIENT_LINE.matcher(line);
            assertTrue(matcher.matches(), () -> "not a CLIENT LIST line: " + line);
            if (Long.parseLong(matcher.group(1)) == id) {
                return matcher;
            }
        }
        throw new AssertionError("client " + id + " not in " + list);
    }

    @Test
    void clientListDescribesEveryConnectionInRedisFormat() throws Exception {
        try (Wire a = new Wire(NODES.leaderPort()); Wire b = new Wire(NODES.leaderPort())) {
            final long idA = (Long) a.call("CLIENT", "ID");
            final long idB = (Long) b.call("CLIENT", "ID");
            assertEquals("OK", a.call("CLIENT", "SETNAME", "alpha"));
            assertEquals("OK", a.call("CLIENT", "SETINFO", "LIB-NAME", "mylib"));
            assertEquals("OK", a.call("client", "setinfo", "lib-ver", "1.2.3"));
            assertEquals("OK", a.call("SELECT", "3"));
            final String list = (String) b.call("CLIENT", "LIST");
            assertTrue(list.endsWith("\n"), list);
            final Matcher lineA = lineOf(list, idA);
            assertEquals("alpha", lineA.group(3));
            assertEquals("N", lineA.group(4));
            assertEquals("3", lineA.group(5));
            assertEquals("-1", lineA.group(6));
            assertEquals("select", lineA.group(7));
            assertEquals("mylib", lineA.group(9));
            assertEquals("1.2.3", lineA.group(10));
            final Matcher lineB = lineOf(list, idB);
            assertEquals("client|list", lineB.group(7));
            assertEquals("", lineB.group(3));

            final String onlyA = (String) b.call("CLIENT", "LIST", "ID", Long.toString(idA), "999999");
            assertEquals(1, onlyA.split("\n").length, onlyA);
            lineOf(onlyA, idA);
            lineOf((String) b.call("CLIENT", "LIST", "TYPE", "NORMAL"), idB);
            assertEquals("", b.call("CLIENT", "LIST", "TYPE", "pubsub"));

            assertEquals("OK", a.call("MULTI"));
            assertEquals("QUEUED", a.call("SET", "cl:k", "v"));
            final Matcher inMulti = lineOf((String) b.call("CLIENT", "LIST", "ID", Long.toString(idA)), idA);
            assertEquals("x", inMulti.group(4));
            assertEquals("1", inMulti.group(6));
            assertEquals("OK", a.call("DISCARD"));
            assertEquals("OK", a.call("CLIENT", "NO-EVICT", "on"));
            assertEquals("OK", a.call("CLIENT", "NO-TOUCH", "ON"));
            final String info = (String) a.call("CLIENT", "INFO");
            assertTrue(info.endsWith("\n"), info);
            final Matcher self = lineOf(info.trim(), idA);
            assertEquals("eT", self.group(4));
            assertEquals("client|info", self.group(7));
            assertEquals("OK", a.call("CLIENT", "NO-TOUCH", "off"));
            assertEquals("OK", a.call("CLIENT", "NO-EVICT", "off"));
            assertEquals("N", lineOf((String) a.call("CLIENT", "INFO"), idA).group(4));

            b.call("HELLO", "3");
            assertEquals("3", lineOf((String) b.call("CLIENT", "INFO"), idB).group(8));
        }
    }

    @Test
    void clientInfoIsVerbatimTextInResp3() throws Exception {
        try (RawRespClient client = new RawRespClient(NODES.leaderPort())) {
            client.call("HELLO", "3");
            final String reply = client.call("CLIENT", "INFO");
            assertTrue(reply.matches("(?s)=\\d+\r\ntxt:id=\\d+ .* resp=3 lib-name= lib-ver=\n\r\n"), reply);
        }
    }

    /** CLIENT SETINFO and CLIENT NO-TOUCH are Redis 7.2's; the 7.0 oracle does not know them. */
    @Test
    void setinfoAndNoTouchValidateAsRedis72() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            assertEquals(new Wire.Error("ERR lib-name cannot contain spaces, newlines or special characters."),
                client.call("CLIENT", "SETINFO", "lib-name", "a b"));
            assertEquals(new Wire.Error("ERR LIB-VER cannot contain spaces, newlines or special characters."),
                client.call("CLIENT", "SETINFO", "LIB-VER", "1\n2"));
            assertEquals(new Wire.Error("ERR Unrecognized option 'foo'"), client.call("CLIENT", "SETINFO", "foo", "x"));
            assertEquals(new Wire.Error("ERR wrong number of arguments for 'client|setinfo' command"),
                client.call("CLIENT", "SETINFO", "lib-name"));
            assertEquals(new Wire.Error("ERR syntax error"), client.call("CLIENT", "NO-TOUCH", "maybe"));
            assertEquals(new Wire.Error("ERR wrong number of arguments for 'client|no-touch' command"),
                client.call("CLIENT", "NO-TOUCH"));
            assertEquals("OK", client.call("CLIENT", "SETINFO", "lib-name", ""));
        }
    }

    @Test
    void clientKillClosesTheConnectionsItMatches() throws Exception {
        try (Wire killer = new Wire(NODES.leaderPort()); Wire byId = new Wire(NODES.leaderPort()); Wire byOldForm = new Wire(NODES.leaderPort());
             Wire byAddress = new Wire(NODES.leaderPort())) {
            final long id = (Long) byId.call("CLIENT", "ID");
            assertEquals(1L, killer.call("CLIENT", "KILL", "ID", Long.toString(id)));
            assertTrue(byId.closedWithin(5_000));
            assertEquals(0L, killer.call("CLIENT", "KILL", "ID", Long.toString(id)));

            final String oldFormAddress = address(killer, (Long) byOldForm.call("CLIENT", "ID"));
            assertEquals("OK", killer.call("CLIENT", "KILL", oldFormAddress));
            assertTrue(byOldForm.closedWithin(5_000));
            assertEquals(new Wire.Error("ERR No such client"), killer.call("CLIENT", "KILL", oldFormAddress));

            final String address = address(killer, (Long) byAddress.call("CLIENT", "ID"));
            assertEquals(1L, killer.call("CLIENT", "KILL", "ADDR", address, "TYPE", "normal", "USER", "default"));
            assertTrue(byAddress.closedWithin(5_000));

            final long killerId = (Long) killer.call("CLIENT", "ID");
            assertEquals(0L, killer.call("CLIENT", "KILL", "ID", Long.toString(killerId)));
            assertEquals(1L, killer.call("CLIENT", "KILL", "ID", Long.toString(killerId), "SKIPME", "no"));
            assertTrue(killer.closedWithin(5_000), "a client killing itself is closed after the reply");
        }
    }

    private static String address(final Wire client, final long id) throws Exception {
        final Matcher line = lineOf((String) client.call("CLIENT", "LIST", "ID", Long.toString(id)), id);
        return "127.0.0.1:" + line.group(2);
    }

    @Test
    void clientPauseWriteHoldsWritesButNotReadsAndKeepsReplyOrder() throws Exception {
        try (Wire control = new Wire(NODES.leaderPort()); Wire writer = new Wire(NODES.leaderPort()); Wire reader = new Wire(NODES.leaderPort())) {
            assertEquals("OK", control.call("CLIENT", "PAUSE", "60000", "WRITE"));
            writer.send("GET", "pause:k").send("SET", "pause:k", "v").send("GET", "pause:k");
            assertNull(writer.read(5_000), "a read before the held write is answered");
            assertTrue(writer.silentFor(500), "the write waits, and the read after it waits behind it");
            assertNull(reader.call("GET", "pause:k"));
            assertEquals("PONG", reader.call("PING"));
            assertTrue(((String) control.call("INFO", "clients")).contains("blocked_clients:1\r\n"));
            assertEquals("OK", control.call("CLIENT", "UNPAUSE"));
            assertEquals("OK", writer.read(5_000));
            assertEquals("v", writer.read(5_000));

            assertEquals("OK", control.call("CLIENT", "PAUSE", "400", "WRITE"));
            final long start = System.nanoTime();
            assertEquals("OK", writer.call("SET", "pause:k", "w"));
            final long heldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(heldMs >= 300, () -> "the pause ends by itself after its timeout, held " + heldMs + " ms");

            assertEquals("OK", control.call("CLIENT", "PAUSE", "400", "ALL"));
            final long allStart = System.nanoTime();
            assertEquals("PONG", reader.call("PING"));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - allStart) >= 300, "ALL holds reads too");
            assertTrue(((String) control.call("INFO", "clients")).contains("blocked_clients:0\r\n"));
        }
    }

    @Test
    void execHeldByAWritePauseOnlyWhenItWrites() throws Exception {
        try (Wire control = new Wire(NODES.leaderPort()); Wire client = new Wire(NODES.leaderPort())) {
            assertEquals("OK", control.call("CLIENT", "PAUSE", "60000", "WRITE"));
            assertEquals("OK", client.call("MULTI"));
            assertEquals("QUEUED", client.call("GET", "pause:m"));
            assertEquals(Arrays.asList((Object) null), client.call("EXEC"));
            assertEquals("OK", client.call("MULTI"));
            client.send("SET", "pause:m", "v");
            assertTrue(client.silentFor(300), "queueing a write is held by a WRITE pause, as in Redis");
            assertEquals("OK", control.call("CLIENT", "UNPAUSE"));
            assertEquals("QUEUED", client.read());
            assertEquals(List.of("OK"), client.call("EXEC"));
        }
    }

    @Test
    void monitorStreamsOtherClientsCommandsInRedisFormat() throws Exception {
        try (Wire monitor = new Wire(NODES.leaderPort()); Wire client = new Wire(NODES.leaderPort())) {
            final long monitorId = (Long) monitor.call("CLIENT", "ID");
            assertEquals("OK", monitor.call("MONITOR"));
            client.call("CLIENT", "ID");
            client.call("SELECT", "2");
            client.call("SET", "mon:k", "a\"b\n\u0001\u00ff");
            client.call("CONFIG", "GET", "maxmemory");
            client.call("AUTH", "default", "secret");
            client.call("MULTI");
            client.call("GET", "mon:k");
            client.call("EXEC");
            final List<String> commands = new ArrayList<>();
            final List<String> databases = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                final String line = (String) monitor.read(5_000);
                final Matcher matcher = MONITOR_LINE.matcher(line);
                assertTrue(matcher.matches(), line);
                assertTrue(Math.abs(Long.parseLong(matcher.group(1)) - System.currentTimeMillis() / 1000) < 60);
                databases.add(matcher.group(3));
                commands.add(matcher.group(4));
            }
            assertEquals(List.of("\"CLIENT\" \"ID\"", "\"SELECT\" \"2\"", "\"SET\" \"mon:k\" \"a\\\"b\\n\\x01\\xff\"",
                "\"AUTH\" \"(redacted)\" \"(redacted)\"", "\"MULTI\"", "\"GET\" \"mon:k\"", "\"EXEC\""), commands);
            assertEquals(List.of("0", "2", "2", "2", "2", "2", "2"), databases);
            assertTrue(monitor.silentFor(200), "CONFIG (admin) is not shown");
            assertEquals("O", lineOf((String) client.call("CLIENT", "LIST"), monitorId).group(4));
        }
    }

    @Test
    void requirepassGatesCommandsUntilTheClientAuthenticates() throws Exception {
        try (RedisServer guarded = RedisServer.start("127.0.0.1", 0, RedisCommands.table(),
            NODES.leaderGroup(),
            new RedisServer.Options("s3cret", null));
             Wire client = new Wire(guarded.port())) {
            final Wire.Error noauth = new Wire.Error("NOAUTH Authentication required.");
            final Wire.Error wrongpass =
                new Wire.Error("WRONGPASS invalid username-password pair or user is disabled.");
            assertEquals(noauth, client.call("PING"));
            assertEquals(noauth, client.call("GET", "auth:k"));
            assertEquals(noauth, client.call("CLIENT", "LIST"));
            assertEquals(noauth, client.call("MULTI"));
            assertEquals(new Wire.Error("ERR wrong number of arguments for 'get' command"), client.call("GET"));
            assertEquals(new Wire.Error("ERR unknown command 'NOSUCH', with args beginning with: "),
                client.call("NOSUCH"));
            assertEquals(new Wire.Error("ERR unknown subcommand 'nosuch'. Try CLIENT HELP."),
                client.call("CLIENT", "nosuch"));
            assertEquals(wrongpass, client.call("AUTH", "wrong"));
            assertEquals(wrongpass, client.call("AUTH", "default", "wrong"));
            assertEquals(wrongpass, client.call("AUTH", "admin", "s3cret"));
            assertEquals(new Wire.Error("ERR syntax error"), client.call("AUTH", "a", "b", "c"));
            assertEquals(new Wire.Error("NOAUTH HELLO must be called with the client already authenticated,"
                + " otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and"
                + " select the RESP protocol version at the same time"), client.call("HELLO", "3"));
            assertEquals(wrongpass, client.call("HELLO", "3", "AUTH", "default", "wrong"));
            assertEquals(noauth, client.call("PING"));

            client.sendRaw("AUTH s3cret\r\nPING\r\n");
            assertEquals("OK", client.read());
            assertEquals("PONG", client.read());
            assertEquals(wrongpass, client.call("AUTH", "wrong"));
            assertEquals("PONG", client.call("PING"), "a failed AUTH keeps the earlier authentication");
            final String stats = (String) client.call("INFO", "commandstats");
            assertTrue(stats.matches("(?s).*cmdstat_ping:calls=\\d+,usec=\\d+,usec_per_call=[\\d.]+,rejected_calls=2,"
                + "failed_calls=0.*"), stats);

            assertEquals("RESET", client.call("RESET"));
            assertEquals(noauth, client.call("PING"), "RESET forgets the authentication");
            @SuppressWarnings("unchecked")
            final Map<Object, Object> hello = (Map<Object, Object>) client.call("HELLO", "3", "AUTH", "default",
                "s3cret", "SETNAME", "authed");
            assertEquals(3L, hello.get("proto"));
            assertEquals("authed", client.call("CLIENT", "GETNAME"));
            assertEquals("OK", client.call("QUIT"));
        }
    }

    @Test
    void aPasswordSetAtRuntimeBindsNewConnectionsOnly() throws Exception {
        try (Wire admin = new Wire(NODES.leaderPort())) {
            assertEquals("OK", admin.call("CONFIG", "SET", "requirepass", "later"));
            try (Wire late = new Wire(NODES.leaderPort())) {
                assertEquals(new Wire.Error("NOAUTH Authentication required."), late.call("PING"));
                assertEquals("PONG", admin.call("PING"), "connections already open stay authenticated");
                assertEquals("OK", late.call("AUTH", "later"));
                assertEquals("later", ((List<?>) late.call("CONFIG", "GET", "requirepass")).get(1));
            } finally {
                assertEquals("OK", admin.call("CONFIG", "SET", "requirepass", ""));
            }
            try (Wire free = new Wire(NODES.leaderPort())) {
                assertEquals("PONG", free.call("PING"));
            }
        }
    }
}
