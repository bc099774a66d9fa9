package io.elastickv.redis.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.RedisCommands;
import io.elastickv.redis.server.RedisServer;
import io.elastickv.redis.testing.RedisServers;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server commands whose replies depend on this node (INFO, TIME, the slow log, snapshots) or whose effects
 * are the point (CONFIG SET enforced, SHUTDOWN), asserted directly; and real tools: Debian's redis-cli.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCommandsTest {
    @RegisterExtension
    static final RedisServers NODES = RedisServers.clusterOnly(1);

    /** INFO's text as section name to its fields, in order; fails on any line that is not name:value. */
    private static Map<String, Map<String, String>> sections(final String info) {
        final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (final String line : info.split("\r\n", -1)) {
            if (line.startsWith("# ")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty()) {
                final int colon = line.indexOf(':');
                assertTrue(colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9_|-]+") && current != null,
                    () -> "not an INFO field: " + line);
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return sections;
    }

    @Test
    void infoReportsRedisSectionsAndRaft() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            final Map<String, Map<String, String>> info = sections((String) client.call("INFO"));
            assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
                "Errorstats", "Raft", "Cluster", "Keyspace"), new ArrayList<>(info.keySet()));
            final Map<String, String> server = info.get("Server");
            assertEquals("7.2.4", server.get("redis_version"));
            assertEquals("standalone", server.get("redis_mode"));
            assertEquals(Integer.toString(NODES.leaderPort()), server.get("tcp_port"));
            assertEquals(40, server.get("run_id").length());
            assertTrue(Long.parseLong(server.get("uptime_in_seconds")) >= 0);
            assertTrue(Long.parseLong(info.get("Clients").get("connected_clients")) >= 1);
            assertEquals("10000", info.get("Clients").get("maxclients"));
            final Map<String, String> memory = info.get("Memory");
            assertTrue(Long.parseLong(memory.get("used_memory")) > 0);
            assertEquals("0", memory.get("maxmemory"));
            assertEquals("noeviction", memory.get("maxmemory_policy"));
            assertEquals("0", info.get("Persistence").get("loading"));
            assertTrue(Long.parseLong(info.get("Stats").get("total_commands_processed")) >= 1);
            assertEquals("master", info.get("Replication").get("role"));
            Double.parseDouble(info.get("CPU").get("used_cpu_user"));
            final Map<String, String> raft = info.get("Raft");
            assertEquals("n1", raft.get("raft_node_id"));
            assertEquals("leader", raft.get("raft_role"));
            assertEquals("n1", raft.get("raft_leader_id"));
            assertTrue(Long.parseLong(raft.get("raft_term")) >= 1);
            assertTrue(Long.parseLong(raft.get("raft_applied_index")) <= Long.parseLong(raft.get("raft_commit_index")));
            assertEquals(Long.parseLong(raft.get("raft_applied_index")),
                Long.parseLong(info.get("Replication").get("master_repl_offset")), 50);
            assertEquals("0", info.get("Cluster").get("cluster_enabled"));

            assertEquals(List.of("Server", "Keyspace"),
                new ArrayList<>(sections((String) client.call("INFO", "keyspace", "SERVER")).keySet()));
            final List<String> all = new ArrayList<>(sections((String) client.call("INFO", "all")).keySet());
            assertTrue(all.containsAll(List.of("Commandstats", "Latencystats", "Raft")), all::toString);
            assertEquals(all, new ArrayList<>(sections((String) client.call("INFO", "everything")).keySet()));
            assertEquals(new ArrayList<>(info.keySet()),
                new ArrayList<>(sections((String) client.call("INFO", "default")).keySet()));
        }
    }

    @Test
    void infoKeyspaceCountsKeysAndExpiriesPerDatabaseAfterAFence() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            assertEquals("OK", client.call("SELECT", "7"));
            for (int i = 0; i < 3; i++) {
                assertEquals("OK", client.call("SET", "ks:" + i, "v"));
            }
            assertEquals("OK", client.call("SET", "ks:ttl", "v", "PX", "600000"));
            assertEquals("OK", client.call("SELECT", "8"));
            assertEquals("OK", client.call("SET", "ks:x", "v", "EX", "600"));
            final Map<String, String> keyspace = sections((String) client.call("INFO", "keyspace")).get("Keyspace");
            assertEquals("keys=4,expires=1,avg_ttl=0", keyspace.get("db7"));
            assertEquals("keys=1,expires=1,avg_ttl=0", keyspace.get("db8"));
            assertFalse(keyspace.containsKey("db9"), "empty databases are not listed");
        }
    }

    @Test
    void commandstatsCountCallsRejectionsAndFailures() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            assertEquals("OK", client.call("CONFIG", "RESETSTAT"));
            assertEquals(List.of("cmdstat_config|resetstat"), statNames(client.call("INFO", "commandstats")));
            client.call("GET", "cs:k");
            client.call("GET", "cs:k");
            client.call("GET");
            client.call("CONFIG", "SET", "nosuch", "1");
            client.call("NOSUCH");
            final String stats = (String) client.call("INFO", "commandstats");
            assertTrue(stats.matches("(?s).*\r\ncmdstat_get:calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,"
                + "rejected_calls=1,failed_calls=0\r\n.*"), stats);
            assertTrue(stats.contains("cmdstat_config|set:calls=1,"), stats);
            assertTrue(stats.matches("(?s).*cmdstat_config\\|set:calls=1,.*,rejected_calls=0,failed_calls=1\r\n.*"),
                stats);
            final Map<String, String> errors = sections((String) client.call("INFO", "errorstats")).get("Errorstats");
            assertEquals("count=3", errors.get("errorstat_ERR"));
            final Map<String, String> counters = sections((String) client.call("INFO", "stats")).get("Stats");
            assertEquals("3", counters.get("total_error_replies"));
            assertTrue(Long.parseLong(counters.get("total_commands_processed")) >= 6);
        }
    }

    private static List<String> statNames(final Object info) {
        final List<String> names = new ArrayList<>();
        sections((String) info).get("Commandstats").keySet().forEach(names::add);
        return names;
    }

    @Test
    void commandDescribesTheWholeTable() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            final long count = (Long) client.call("COMMAND", "COUNT");
            assertEquals(RedisCommands.table().specs().size(), count);
            assertEquals(count, ((List<?>) client.call("COMMAND")).size());
            assertEquals(count, ((List<?>) client.call("COMMAND", "INFO")).size());
            assertEquals(count, ((List<?>) client.call("COMMAND", "DOCS")).size() / 2);
            final List<?> names = (List<?>) client.call("COMMAND", "LIST");
            assertTrue(names.containsAll(List.of("get", "client", "client|list", "config|get", "info")),
                names::toString);
            final List<?> clientNames = (List<?>) client.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "CLIENT|*");
            assertTrue(clientNames.contains("client|kill") && clientNames.stream()
                .allMatch(n -> ((String) n).startsWith("client|")), clientNames::toString);
            final List<?> admin = (List<?>) client.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "admin");
            assertTrue(admin.contains("config|get") && admin.contains("shutdown") && !admin.contains("get"),
                admin::toString);
            final List<?> clientInfo = (List<?>) ((List<?>) client.call("COMMAND", "INFO", "client")).get(0);
            assertEquals("client", clientInfo.get(0));
            assertEquals(13, ((List<?>) clientInfo.get(9)).size());
            final List<?> docs = (List<?>) client.call("COMMAND", "DOCS", "client", "get");
            assertEquals("client", docs.get(0));
            assertTrue(((List<?>) docs.get(1)).containsAll(List.of("group", "connection", "subcommands")));
            assertEquals(List.of("k"), client.call("COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10"));
            assertEquals(List.of(List.of("a", List.of("RW", "update"))),
                client.call("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b"));
        }
    }

    /** A test step that may throw. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} with parameter {@code name} set to {@code value}, then sets it to {@code after}. */
    private static void withConfig(final Wire client, final String name, final String value, final String after,
                                   final Step step) throws Exception {
        assertEquals("OK", client.call("CONFIG", "SET", name, value));
        try {
            step.run();
        } finally {
            assertEquals("OK", client.call("CONFIG", "SET", name, after));
        }
    }

    @Test
    void configSetTakesEffect() throws Exception {
        try (Wire admin = new Wire(NODES.leaderPort())) {
            final String connected = sections((String) admin.call("INFO", "clients")).get("Clients")
                .get("connected_clients");
            withConfig(admin, "maxclients", connected, "10000", () -> {
                try (Wire refused = new Wire(NODES.leaderPort())) {
                    assertEquals(new Wire.Error("ERR max number of clients reached"), refused.read());
                    assertTrue(refused.closedWithin(5_000));
                }
            });
            assertTrue(sections((String) admin.call("INFO", "stats")).get("Stats").get("rejected_connections")
                .matches("[1-9]\\d*"));
            withConfig(admin, "proto-max-bulk-len", "1mb", "512mb", () -> {
                try (Wire limited = new Wire(NODES.leaderPort())) {
                    limited.sendRaw("*2\r\n$4\r\nECHO\r\n$2000000\r\n");
                    assertEquals(new Wire.Error("ERR Protocol error: invalid bulk length"), limited.read());
                }
            });
            withConfig(admin, "timeout", "1", "0", () -> {
                try (Wire idle = new Wire(NODES.leaderPort())) {
                    assertEquals("PONG", idle.call("PING"));
                    boolean closed = false;
                    for (int i = 0; i < 40 && !closed; i++) {
                        assertEquals("PONG", admin.call("PING"), "a client that keeps talking stays");
                        closed = idle.closedWithin(250);
                    }
                    assertTrue(closed, "a client idle longer than timeout is closed");
                }
            });
        }
    }

    @Test
    void slowLogRecordsCommandsAboveTheThreshold() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            withConfig(client, "slowlog-log-slower-than", "0", "10000", () -> {
                assertEquals("OK", client.call("CLIENT", "SETNAME", "slowpoke"));
                assertEquals("OK", client.call("SLOWLOG", "RESET"));
                assertEquals("OK", client.call("MULTI"));
                client.call("PING");
                assertInstanceOf(List.class, client.call("EXEC"), "EXEC is never slow-logged; queued commands neither");
                final String big = "x".repeat(200);
                assertEquals(big, client.call("ECHO", big));
                final String[] many = new String[41];
                many[0] = "EXISTS";
                for (int i = 1; i < many.length; i++) {
                    many[i] = "k" + i;
                }
                assertEquals(0L, client.call(many));
                final List<?> entries = (List<?>) client.call("SLOWLOG", "GET", "-1");
                assertEquals(4, entries.size(), entries::toString);
                assertEquals(List.of("MULTI"), ((List<?>) entries.get(2)).get(3));
                assertEquals(List.of("SLOWLOG", "RESET"), ((List<?>) entries.get(3)).get(3));
                final List<?> exists = (List<?>) entries.get(0);
                final List<?> echo = (List<?>) entries.get(1);
                assertEquals(6, exists.size());
                assertTrue((Long) exists.get(0) > (Long) echo.get(0), "newest first, ids grow");
                assertTrue(Math.abs((Long) exists.get(1) - System.currentTimeMillis() / 1000) < 60);
                final List<?> existsArgs = (List<?>) exists.get(3);
                assertEquals(32, existsArgs.size());
                assertEquals("... (10 more arguments)", existsArgs.get(31));
                assertEquals(List.of("ECHO", "x".repeat(128) + "... (72 more bytes)"), echo.get(3));
                assertTrue(((String) exists.get(4)).startsWith("127.0.0.1:"));
                assertEquals("slowpoke", exists.get(5));
                assertEquals(2L, ((List<?>) client.call("SLOWLOG", "GET", "2")).size());
                assertEquals(6L, client.call("SLOWLOG", "LEN"), "each SLOWLOG GET was slow enough too");
                withConfig(client, "slowlog-max-len", "2", "128", () -> {
                    client.call("PING");
                    assertEquals(2L, client.call("SLOWLOG", "LEN"));
                });
                assertEquals("OK", client.call("AUTH", "default", "any"));
                final List<?> auth = (List<?>) ((List<?>) client.call("SLOWLOG", "GET", "1")).get(0);
                assertEquals(List.of("AUTH", "(redacted)", "(redacted)"), auth.get(3), "passwords are not logged");
            });
        }
    }

    @Test
    void latencyMonitorKeepsSpikesAboveTheThreshold() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            withConfig(client, "latency-monitor-threshold", "50", "0", () -> {
                assertEquals("OK", client.call("DEBUG", "SLEEP", "0.1"));
                final List<?> latest = (List<?>) ((List<?>) client.call("LATENCY", "LATEST")).get(0);
                assertEquals("command", latest.get(0));
                assertTrue((Long) latest.get(2) >= 100 && (Long) latest.get(3) >= 100, latest::toString);
                final List<?> history = (List<?>) client.call("LATENCY", "HISTORY", "command");
                assertEquals(latest.get(1), ((List<?>) history.get(0)).get(0));
                assertTrue(((String) client.call("LATENCY", "DOCTOR")).contains("command"));
                assertTrue((Long) client.call("LATENCY", "RESET") >= 1);
                assertEquals(List.of(), client.call("LATENCY", "LATEST"));
            });
        }
    }

    @Test
    void debugSleepDelaysOnlyItsOwnConnection() throws Exception {
        try (Wire sleeper = new Wire(NODES.leaderPort()); Wire other = new Wire(NODES.leaderPort())) {
            final long start = System.nanoTime();
            sleeper.sendRaw("DEBUG SLEEP 1\r\nPING\r\n");
            assertEquals("PONG", other.call("PING"));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 900, "others are served meanwhile");
            assertEquals("OK", sleeper.read());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 950);
            assertEquals("PONG", sleeper.read(), "the command after it waited its turn");
            assertEquals("OK", sleeper.call("DEBUG", "SLEEP", "0"));
            assertEquals("OK", sleeper.call("DEBUG", "SLEEP", "nonsense"));
        }
    }

    @Test
    void debugObjectDescribesAKey() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            client.call("SET", "dbg:int", "12345");
            client.call("SET", "dbg:short", "hello");
            client.call("SET", "dbg:long", "y".repeat(50));
            assertEquals("Value at:0x0 refcount:1 encoding:int serializedlength:5 lru:0 lru_seconds_idle:0",
                client.call("DEBUG", "OBJECT", "dbg:int"));
            assertTrue(((String) client.call("debug", "object", "dbg:short")).contains(" encoding:embstr "));
            assertTrue(((String) client.call("DEBUG", "OBJECT", "dbg:long")).contains(" encoding:raw "));
            assertEquals(new Wire.Error("ERR no such key"), client.call("DEBUG", "OBJECT", "dbg:nosuch"));
            assertEquals(new Wire.Error("ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG"
                + " HELP."), client.call("DEBUG", "foo"));
            assertEquals(new Wire.Error("ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG"
                + " HELP."), client.call("DEBUG", "SLEEP"));
            assertEquals(new Wire.Error("ERR wrong number of arguments for 'debug' command"), client.call("DEBUG"));
            assertInstanceOf(List.class, client.call("DEBUG", "HELP"));
            assertEquals("OK", client.call("MULTI"));
            assertEquals(new Wire.Error("ERR Command not allowed inside a transaction"),
                client.call("DEBUG", "SLEEP", "0"));
            assertEquals(new Wire.Error("EXECABORT Transaction discarded because of previous errors."),
                client.call("EXEC"));
        }
    }

    @Test
    void saveSnapshotsThisReplicaAndLastsaveAdvances() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            client.call("SET", "save:k", "v");
            final long before = (Long) client.call("LASTSAVE");
            assertTrue(Math.abs(before - System.currentTimeMillis() / 1000) < 600);
            assertEquals("OK", client.call("SAVE"));
            final long after = (Long) client.call("LASTSAVE");
            assertTrue(after >= before && after <= System.currentTimeMillis() / 1000 + 1);
            final Map<String, String> persistence = sections((String) client.call("INFO", "persistence"))
                .get("Persistence");
            assertEquals("ok", persistence.get("rdb_last_bgsave_status"));
            assertTrue(Long.parseLong(persistence.get("rdb_saves")) >= 1);
            assertTrue(Long.parseLong(persistence.get("raft_snapshot_index")) > 0);
            assertEquals("0", persistence.get("rdb_changes_since_last_save"));
            assertEquals("Background saving started", client.call("BGSAVE"));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!sections((String) client.call("INFO", "persistence")).get("Persistence")
                .get("rdb_bgsave_in_progress").equals("0")) {
                assertTrue(System.nanoTime() < deadline, "BGSAVE did not finish");
                Thread.sleep(20);
            }
            assertEquals("Background saving started", client.call("BGSAVE", "SCHEDULE"));
        }
    }

    @Test
    void timeIsThisNodesClock() throws Exception {
        try (Wire client = new Wire(NODES.leaderPort())) {
            final List<?> time = (List<?>) client.call("TIME");
            final long micros = Long.parseLong((String) time.get(1));
            assertTrue(micros >= 0 && micros < 1_000_000);
            final long ms = Long.parseLong((String) time.get(0)) * 1000 + micros / 1000;
            assertTrue(Math.abs(ms - System.currentTimeMillis()) < 5_000);
        }
    }

    @Test
    void shutdownRunsTheHookAndClosesTheClient() throws Exception {
        final CountDownLatch stopped = new CountDownLatch(1);
        try (RedisServer server = RedisServer.start("127.0.0.1", 0, RedisCommands.table(), NODES.leaderGroup(),
            new RedisServer.Options("", stopped::countDown));
             Wire client = new Wire(server.port())) {
            assertEquals("OK", client.call("MULTI"));
            assertEquals(new Wire.Error("ERR Command not allowed inside a transaction"), client.call("SHUTDOWN"));
            assertEquals("OK", client.call("DISCARD"));
            client.send("SHUTDOWN", "NOSAVE", "NOW");
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "SHUTDOWN runs the node's shutdown hook");
            assertTrue(client.silentFor(200), "a shutdown that succeeds does not answer");
        }
        final RedisServer server = RedisServer.start("127.0.0.1", 0, RedisCommands.table(), NODES.leaderGroup());
        try (Wire client = new Wire(server.port())) {
            client.send("SHUTDOWN");
            assertTrue(client.closedWithin(10_000), "by default SHUTDOWN closes the listener and its clients");
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", server.port()).close());
        } finally {
            server.close();
        }
    }

    @Test
    void redisCliWorksAgainstElastickv() throws Exception {
        final String info = redisCli("INFO");
        assertTrue(info.contains("redis_version:7.2.4") && info.contains("# Raft"), info);
        final long count = RedisCommands.table().specs().size();
        assertEquals("(integer) " + count, redisCli("--no-raw", "COMMAND", "COUNT").trim());
        final String hello = redisCli("-3", "HELLO");
        assertTrue(hello.contains("proto 3\n") && hello.contains("version 7.2.4\n"), hello);
        final String clients = redisCli("CLIENT", "LIST");
        assertTrue(clients.contains(" cmd=client|list "), clients);
    }

    private static String redisCli(final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of("/usr/bin/redis-cli", "-h", "127.0.0.1", "-p",
            Integer.toString(NODES.leaderPort())));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
