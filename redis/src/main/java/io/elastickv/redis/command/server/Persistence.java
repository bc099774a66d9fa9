package io.elastickv.redis.command.server;

import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.raft.statemachine.CommandStateMachine;
import io.elastickv.redis.keyspace.RedisException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAVE, BGSAVE and LASTSAVE over Raft snapshots. Every write is already durable in the replicated log, so
 * a save is not needed for durability: it makes this replica checkpoint its store now, which lets the log
 * behind it be purged and a restart replay less. One snapshot runs at a time, on its own thread; the
 * request goes to this node's Raft server directly (Ratis's snapshot management), not through the log.
 */
public final class Persistence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    private static final long SNAPSHOT_TIMEOUT_MS = 300_000;
    private static final AtomicLong CALL_IDS = new AtomicLong();
    static final String IN_PROGRESS = "ERR Background save already in progress";

    private final ReplicatedGroup group;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        final Thread thread = new Thread(r, "elastickv-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private volatile boolean lastSucceeded = true;
    private volatile long saves;
    private volatile long lastDurationSeconds = -1;
    private volatile long currentStartSeconds = -1;

    public Persistence(final ReplicatedGroup group) {
        this.group = group;
    }

    /** SAVE: completes when this replica's snapshot is taken; fails when another one is running. */
    public CompletableFuture<Void> save() {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new RedisException(IN_PROGRESS));
        }
        return CompletableFuture.runAsync(this::snapshot, worker);
    }

    /** BGSAVE: starts a snapshot and returns at once; a RedisException when one is running. */
    public void backgroundSave() {
        if (!running.compareAndSet(false, true)) {
            throw new RedisException(IN_PROGRESS);
        }
        worker.execute(() -> {
            try {
                snapshot();
            } catch (RedisException e) {
                LOG.warn("background save failed: {}", e.getMessage());
            }
        });
    }

    private void snapshot() {
        final long start = System.currentTimeMillis();
        currentStartSeconds = start / 1000;
        try {
            final long index = snapshotNow();
            lastSaveSeconds = System.currentTimeMillis() / 1000;
            lastSucceeded = true;
            saves++;
            LOG.info("snapshot at log index {} taken on request", index);
        } catch (Exception e) {
            lastSucceeded = false;
            throw new RedisException("ERR snapshot failed: " + e.getMessage());
        } finally {
            lastDurationSeconds = (System.currentTimeMillis() - start) / 1000;
            currentStartSeconds = -1;
            running.set(false);
        }
    }

    /**
     * Asks this replica's Raft server, in-process, to snapshot its state machine unless nothing was applied
     * since its latest snapshot; returns the log index the latest snapshot covers.
     */
    private long snapshotNow() throws Exception {
        final CommandStateMachine machine = group.stateMachine();
        final RaftServer server = machine.getServer().get(SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        final RaftClientReply reply = server.snapshotManagement(SnapshotManagementRequest.newCreate(
            ClientId.randomId(), machine.getId(), machine.getGroupId(), CALL_IDS.incrementAndGet(),
            SNAPSHOT_TIMEOUT_MS, 1));
        if (!reply.isSuccess()) {
            throw new IOException("the Raft server refused: " + reply.getException());
        }
        return reply.getLogIndex();
    }

    /** LASTSAVE: Unix time of the last successful save, or of the server's start before any. */
    public long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    /** INFO persistence lines. */
    void info(final InfoSection out) {
        final SnapshotInfo latest = group.stateMachine().getLatestSnapshot();
        final long applied = group.status().appliedIndex();
        final long current = currentStartSeconds;
        out.field("loading", 0).field("async_loading", 0)
            .field("rdb_changes_since_last_save", Math.max(0, applied - (latest == null ? 0 : latest.getIndex())))
            .field("rdb_bgsave_in_progress", running.get() ? 1 : 0)
            .field("rdb_last_save_time", lastSaveSeconds)
            .field("rdb_last_bgsave_status", lastSucceeded ? "ok" : "err")
            .field("rdb_last_bgsave_time_sec", lastDurationSeconds)
            .field("rdb_current_bgsave_time_sec", current < 0 ? -1 : System.currentTimeMillis() / 1000 - current)
            .field("rdb_saves", saves)
            .field("aof_enabled", 0).field("aof_rewrite_in_progress", 0).field("aof_rewrite_scheduled", 0)
            .field("aof_last_rewrite_time_sec", -1).field("aof_current_rewrite_time_sec", -1)
            .field("aof_last_bgrewrite_status", "ok").field("aof_last_write_status", "ok")
            .field("raft_snapshot_index", latest == null ? 0 : latest.getIndex());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
