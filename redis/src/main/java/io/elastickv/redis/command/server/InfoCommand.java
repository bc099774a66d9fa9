package io.elastickv.redis.command.server;

import io.elastickv.raft.node.GroupStatus;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.connection.ConnectionCommands;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INFO [section ...]: Redis's sections with the fields clients and tools read, in Redis's order, plus a
 * {@code # Raft} section (this replica's role, term, leader, commit and applied index). It runs after a
 * read fence, so the keyspace counts include every write acknowledged before it.
 *
 * <p>Memory is the JVM's (heap in use, resident set size); there is no eviction. Replication is Raft, so
 * the Redis replication section reports a master without replicas whose offset is the applied log index.
 */
final class InfoCommand {
    /** The sections of INFO without arguments, in output order. */
    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "errorstats", "raft", "cluster", "keyspace");
    /** Every section, in output order. */
    private static final List<String> ALL = List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "raft", "cluster", "keyspace");
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final AtomicLong PEAK_MEMORY = new AtomicLong();

    private InfoCommand() {
    }

    static void info(final Connection connection, final Keyspace keyspace, final List<byte[]> args,
                     final RespWriter out) {
        final Set<String> wanted = new LinkedHashSet<>();
        if (args.size() == 1) {
            wanted.addAll(DEFAULT);
        }
        for (int i = 1; i < args.size(); i++) {
            final String name = new String(args.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            switch (name) {
                case "default" -> wanted.addAll(DEFAULT);
                case "all", "everything" -> wanted.addAll(ALL);
                case "module_list" -> wanted.add("modules");
                default -> wanted.add(name);
            }
        }
        final ServerContext server = connection.server();
        final StringBuilder text = new StringBuilder();
        for (final String section : ALL) {
            if (!wanted.contains(section)) {
                continue;
            }
            if (text.length() > 0) {
                text.append("\r\n");
            }
            text.append("# ").append(title(section)).append("\r\n");
            write(section, server, keyspace, new InfoSection(text));
        }
        Replies.verbatim(out, text.toString());
    }

    private static String title(final String section) {
        return switch (section) {
            case "cpu" -> "CPU";
            default -> Character.toUpperCase(section.charAt(0)) + section.substring(1);
        };
    }

    private static void write(final String section, final ServerContext server, final Keyspace keyspace,
                              final InfoSection out) {
        switch (section) {
            case "server" -> server(server, out);
            case "clients" -> out.field("connected_clients", server.clients().size()).field("cluster_connections", 0)
                .field("maxclients", server.config().maxClients()).field("client_recent_max_input_buffer", 0)
                .field("client_recent_max_output_buffer", 0)
                .field("blocked_clients", server.stats().blockedClients().get()).field("tracking_clients", 0)
                .field("clients_in_timeout_table", 0).field("paused_actions", server.pause().actions());
            case "memory" -> memory(server, out);
            case "persistence" -> server.persistence().info(out);
            case "stats" -> stats(server, out);
            case "replication" -> replication(server, out);
            case "cpu" -> cpu(out);
            case "commandstats" -> server.stats().commandLines().forEach(out::line);
            case "errorstats" -> server.stats().errorLines().forEach(out::line);
            case "raft" -> raft(server, out);
            case "cluster" -> out.field("cluster_enabled", 0);
            case "keyspace" -> keyspace(keyspace, out);
            default -> {
                // "modules" and "latencystats": nothing to report.
            }
        }
    }

    private static void server(final ServerContext server, final InfoSection out) {
        final long nowMs = System.currentTimeMillis();
        final long uptime = (nowMs - server.startedMs()) / 1000;
        out.field("redis_version", ConnectionCommands.REDIS_VERSION).field("redis_git_sha1", "00000000")
            .field("redis_git_dirty", 0).field("redis_build_id", "0").field("redis_mode", "standalone")
            .field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"))
            .field("arch_bits", System.getProperty("sun.arch.data.model", "64"))
            .field("monotonic_clock", "JVM System.nanoTime").field("multiplexing_api", server.transport())
            .field("process_id", ProcessHandle.current().pid()).field("process_supervised", "no")
            .field("run_id", server.runId()).field("tcp_port", server.config().get("port"))
            .field("server_time_usec", TimeUnit.MILLISECONDS.toMicros(nowMs))
            .field("uptime_in_seconds", uptime).field("uptime_in_days", uptime / 86_400)
            .field("hz", server.config().get("hz")).field("configured_hz", server.config().get("hz"))
            .field("lru_clock", (nowMs / 1000) & ((1 << 24) - 1))
            .field("executable", ProcessHandle.current().info().command().orElse(""))
            .field("config_file", "").field("io_threads_active", 0)
            .field("java_version", System.getProperty("java.version"));
    }

    private static void memory(final ServerContext server, final InfoSection out) {
        final Runtime runtime = Runtime.getRuntime();
        final long used = runtime.totalMemory() - runtime.freeMemory();
        final long peak = PEAK_MEMORY.accumulateAndGet(used, Math::max);
        final long rss = residentBytes(runtime.totalMemory());
        final long maxmemory = Long.parseLong(server.config().get("maxmemory"));
        final long system = ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        out.field("used_memory", used).field("used_memory_human", human(used))
            .field("used_memory_rss", rss).field("used_memory_rss_human", human(rss))
            .field("used_memory_peak", peak).field("used_memory_peak_human", human(peak))
            .field("used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%", peak == 0 ? 0.0 : 100.0 * used / peak))
            .field("total_system_memory", system).field("total_system_memory_human", human(system))
            .field("maxmemory", maxmemory).field("maxmemory_human", human(maxmemory))
            .field("maxmemory_policy", server.config().get("maxmemory-policy"))
            .field("jvm_heap_max", runtime.maxMemory())
            .field("mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", used == 0 ? 0.0 : (double) rss / used))
            .field("mem_allocator", "jvm").field("lazyfree_pending_objects", 0);
    }

    /** The process's resident set size from /proc, or {@code fallback} where there is no /proc. */
    private static long residentBytes(final long fallback) {
        try {
            final String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(statm[1]) * 4096;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** Redis's human-readable byte counts: 512B, 1.50K, 2.00M ... */
    static String human(final long bytes) {
        final String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    private static void stats(final ServerContext server, final InfoSection out) {
        final ServerStats stats = server.stats();
        out.field("total_connections_received", stats.connectionsReceived())
            .field("total_commands_processed", stats.commandsProcessed())
            .field("instantaneous_ops_per_sec", stats.operationsPerSecond())
            .field("total_net_input_bytes", stats.inputBytes()).field("total_net_output_bytes", stats.outputBytes())
            .field("total_net_repl_input_bytes", 0).field("total_net_repl_output_bytes", 0)
            .field("instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", stats.inputKbps()))
            .field("instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", stats.outputKbps()))
            .field("instantaneous_input_repl_kbps", "0.00").field("instantaneous_output_repl_kbps", "0.00")
            .field("rejected_connections", stats.connectionsRejected())
            .field("sync_full", 0).field("sync_partial_ok", 0).field("sync_partial_err", 0)
            .field("expired_keys", server.expiredKeys()).field("expired_stale_perc", "0.00")
            .field("expired_time_cap_reached_count", 0).field("evicted_keys", 0).field("evicted_clients", 0)
            .field("keyspace_hits", 0).field("keyspace_misses", 0)
            .field("pubsub_channels", 0).field("pubsub_patterns", 0).field("pubsubshard_channels", 0)
            .field("latest_fork_usec", 0).field("total_forks", 0)
            .field("unexpected_error_replies", 0).field("total_error_replies", stats.errorReplies());
    }

    private static void replication(final ServerContext server, final InfoSection out) {
        out.field("role", "master").field("connected_slaves", 0).field("master_failover_state", "no-failover")
            .field("master_replid", server.runId()).field("master_replid2", "0".repeat(40))
            .field("master_repl_offset", server.group().status().appliedIndex()).field("second_repl_offset", -1)
            .field("repl_backlog_active", 0).field("repl_backlog_size", 1_048_576)
            .field("repl_backlog_first_byte_offset", 0).field("repl_backlog_histlen", 0);
    }

    private static void cpu(final InfoSection out) {
        double user;
        double system;
        try {
            final String stat = Files.readString(Path.of("/proc/self/stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user = Long.parseLong(fields[11]) / (double) CLOCK_TICKS_PER_SECOND;
            system = Long.parseLong(fields[12]) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            user = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : 0;
            system = 0;
        }
        out.field("used_cpu_sys", String.format(Locale.ROOT, "%.6f", system))
            .field("used_cpu_user", String.format(Locale.ROOT, "%.6f", user))
            .field("used_cpu_sys_children", "0.000000").field("used_cpu_user_children", "0.000000");
    }

    private static void raft(final ServerContext server, final InfoSection out) {
        final GroupStatus status = server.group().status();
        out.field("raft_node_id", status.nodeId()).field("raft_role", status.role().toLowerCase(Locale.ROOT))
            .field("raft_term", status.term())
            .field("raft_leader_id", status.leaderId() == null ? "" : status.leaderId())
            .field("raft_commit_index", status.commitIndex()).field("raft_applied_index", status.appliedIndex())
            .field("raft_members", String.join(",", status.peers()));
    }

    private static void keyspace(final Keyspace keyspace, final InfoSection out) {
        for (int db = 0; db < Keyspace.DATABASES; db++) {
            final Keyspace database = keyspace.database(db);
            final long keys = database.size();
            if (keys > 0) {
                out.line("db" + db + ":keys=" + keys + ",expires=" + database.expiringSize() + ",avg_ttl=0");
            }
        }
    }
}
