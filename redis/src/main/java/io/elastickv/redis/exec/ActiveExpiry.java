package io.elastickv.redis.exec;

import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active expiry: deletes expired keys through the log, so they stop taking space and every replica drops
 * them at the same point in its history (reads already hide them on their own).
 *
 * <p>Only the leader runs it. Each cycle reads the expiry index (keys ordered by expiry time) up to "now"
 * and proposes one EXPIRE command for a bounded batch; the state machine re-checks each key against its
 * own entry time and metadata, so a key whose TTL changed meanwhile, or a batch proposed twice across a
 * leader change, is harmless. A full batch is followed at once by the next one, up to a bounded number of
 * batches per cycle, so a burst of expiries drains quickly without starving client writes.
 */
public final class ActiveExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveExpiry.class);
    static final int BATCH = 256;
    static final int BATCHES_PER_CYCLE = 16;
    static final long CYCLE_MS = 100;

    private final ReplicatedGroup group;
    private final ScheduledExecutorService scheduler;
    private long expiredKeys;

    private ActiveExpiry(final ReplicatedGroup group) {
        this.group = group;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "elastickv-active-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static ActiveExpiry start(final ReplicatedGroup group) {
        final ActiveExpiry expiry = new ActiveExpiry(group);
        expiry.scheduler.scheduleWithFixedDelay(expiry::cycle, CYCLE_MS, CYCLE_MS, TimeUnit.MILLISECONDS);
        return expiry;
    }

    /** Keys this node deleted by active expiry while it was leader. */
    public synchronized long expiredKeys() {
        return expiredKeys;
    }

    private void cycle() {
        try {
            for (int batch = 0; batch < BATCHES_PER_CYCLE && group.isLeader(); batch++) {
                final ReadView view = ReadView.atWatermark(group.store());
                final List<Keyspace.DueKey> due = Keyspace.dueKeys(view, view.nowMs(), BATCH);
                if (due.isEmpty()) {
                    return;
                }
                final List<CommandCodec.Due> entries = new ArrayList<>(due.size());
                due.forEach(d -> entries.add(new CommandCodec.Due(d.db(), d.expiryMs(), d.key())));
                final byte[] reply = group.propose(CommandCodec.expire(entries)).get(30, TimeUnit.SECONDS);
                final long deleted = Long.parseLong(new String(reply, 1, reply.length - 3,
                    java.nio.charset.StandardCharsets.US_ASCII));
                synchronized (this) {
                    expiredKeys += deleted;
                }
                if (due.size() < BATCH) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Lost leadership, no quorum, a store being replaced: the next cycle tries again.
            LOG.debug("active expiry cycle failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
