package io.elastickv.redis.command.server;

import io.elastickv.common.Checks;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.command.CommandTable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * What one Redis listener shares among its connections and what server commands work on: the clients,
 * the configuration, statistics, the slow log and latency monitor, MONITOR, CLIENT PAUSE, snapshots, the
 * replicated group the data lives in, and how to shut the node down. Connections reach it through
 * {@link io.elastickv.redis.command.Connection#server()}.
 */
public final class ServerContext implements AutoCloseable {
    private final CommandTable table;
    private final ReplicatedGroup group;
    private final ServerConfig config;
    private final ServerStats stats;
    private final ClientRegistry clients = new ClientRegistry();
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latency = new LatencyMonitor();
    private final Monitors monitors = new Monitors();
    private final ClientPause pause = new ClientPause();
    private final Persistence persistence;
    private final Runnable shutdown;
    private final LongSupplier expiredKeys;
    private final String transport;
    private final long startedMs = System.currentTimeMillis();
    private final String runId;
    private volatile long expiredKeysAtReset;

    /**
     * @param shutdown    stops the node (SHUTDOWN); runs on a thread of its own
     * @param expiredKeys keys this node deleted by active expiry, for INFO
     * @param transport   the socket API the listener uses ({@code epoll}, {@code nio}), for INFO
     */
    public ServerContext(final CommandTable table, final ReplicatedGroup group, final ServerConfig config,
                         final Runnable shutdown, final LongSupplier expiredKeys, final String transport) {
        this.table = Checks.requireNonNull("table", table);
        this.group = Checks.requireNonNull("group", group);
        this.config = Checks.requireNonNull("config", config);
        this.shutdown = Checks.requireNonNull("shutdown", shutdown);
        this.expiredKeys = Checks.requireNonNull("expiredKeys", expiredKeys);
        this.transport = transport;
        this.stats = new ServerStats(table);
        this.persistence = new Persistence(group);
        final byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
    }

    public CommandTable table() {
        return table;
    }

    public ReplicatedGroup group() {
        return group;
    }

    public ServerConfig config() {
        return config;
    }

    public ServerStats stats() {
        return stats;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public LatencyMonitor latency() {
        return latency;
    }

    public Monitors monitors() {
        return monitors;
    }

    public ClientPause pause() {
        return pause;
    }

    public Persistence persistence() {
        return persistence;
    }

    /** Asks the node to stop; returns at once. */
    public void shutdown() {
        final Thread thread = new Thread(shutdown, "elastickv-redis-shutdown");
        thread.setDaemon(false);
        thread.start();
    }

    public long startedMs() {
        return startedMs;
    }

    /** A random id of this server's run, as Redis's run_id. */
    public String runId() {
        return runId;
    }

    String transport() {
        return transport;
    }

    long expiredKeys() {
        return expiredKeys.getAsLong() - expiredKeysAtReset;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        stats.reset();
        expiredKeysAtReset = expiredKeys.getAsLong();
    }

    @Override
    public void close() {
        persistence.close();
    }
}
