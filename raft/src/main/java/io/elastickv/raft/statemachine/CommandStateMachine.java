package io.elastickv.raft.statemachine;

import io.elastickv.common.config.Config;
import io.elastickv.common.io.Directories;
import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.entry.FrameCodec;
import io.elastickv.raft.entry.FrameValidator;
import io.elastickv.raft.entry.LogEntry;
import io.elastickv.raft.snapshot.CheckpointSnapshotStorage;
import io.elastickv.store.CheckpointInfo;
import io.elastickv.store.MvccStore;
import io.elastickv.store.hlc.HybridLogicalClock;
import io.elastickv.store.rocksdb.RocksMvccStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of one group: stamps entries on the leader, executes them on every replica
 * (through {@link EntryApplier}), and snapshots the store as RocksDB checkpoints.
 *
 * <p>Threads: Ratis calls {@link #startTransaction} on many RPC threads at once, on the leader only;
 * {@link #applyTransaction}, {@link #takeSnapshot}, {@link #reinitialize} and {@link #notifyLeaderReady}
 * on the one state-machine updater thread, in log order.
 *
 * <p>Snapshot installation on a follower: Ratis receives the files while this machine keeps applying,
 * calls {@link #pause()}, swaps in the new {@code sm/} directory, then calls {@link #reinitialize()}, which
 * rebuilds the store from the snapshot. Ratis checks the {@link LifeCycle} states on the way, so each of
 * these methods moves through them explicitly; the base class's no-op {@code pause()} would leave the
 * follower unable to install anything.
 */
public final class CommandStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(CommandStateMachine.class);
    /** What {@link #takeSnapshot()} returns when there is nothing to snapshot yet. */
    private static final long NO_SNAPSHOT = -1;

    private final Path storeDirectory;
    private final Config storeConfig;
    private final CommandExecutor executor;
    private final HybridLogicalClock clock;
    private final long ceilingWindowMs;
    private final SecureRandom seeds = new SecureRandom();
    private final CheckpointSnapshotStorage snapshots = new CheckpointSnapshotStorage();

    private volatile RocksMvccStore store;
    private EntryApplier applier;

    public CommandStateMachine(final Path storeDirectory, final Config storeConfig, final CommandExecutor executor,
                               final HybridLogicalClock clock, final long ceilingWindowMs) {
        this.storeDirectory = storeDirectory;
        this.storeConfig = storeConfig;
        this.executor = executor;
        this.clock = clock;
        this.ceilingWindowMs = ceilingWindowMs;
    }

    /** The replica's store, for reads after a fence. The same object across snapshot installs. */
    public MvccStore store() {
        final MvccStore current = store;
        if (current == null) {
            throw new IllegalStateException("the state machine of " + storeDirectory + " is not initialized");
        }
        return current;
    }

    /** The highest HLC ceiling replicated through this group. */
    public long replicatedCeilingMs() {
        return applier.replicatedCeilingMs();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public void initialize(final RaftServer server, final RaftGroupId groupId, final RaftStorage raftStorage)
        throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots.init(raftStorage);
        getLifeCycle().startAndTransition(() -> {
            store = RocksMvccStore.open(storeDirectory, storeConfig);
            installLatestSnapshotIfAhead();
            applier = new EntryApplier(store, executor);
        });
    }

    @Override
    public void pause() {
        final LifeCycle lifeCycle = getLifeCycle();
        if (lifeCycle.getCurrentState() == LifeCycle.State.RUNNING) {
            lifeCycle.transition(LifeCycle.State.PAUSING);
        }
        if (lifeCycle.getCurrentState() == LifeCycle.State.PAUSING) {
            lifeCycle.transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        snapshots.reload();
        installLatestSnapshotIfAhead();
        applier.reload();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /**
     * Makes the store at least as new as the latest snapshot: after an install, and at start-up when the
     * store directory was lost but snapshots remain. Also tells Ratis where replay must start.
     */
    private void installLatestSnapshotIfAhead() throws IOException {
        final SnapshotInfo latest = snapshots.getLatestSnapshot();
        if (latest == null) {
            return;
        }
        if (CheckpointSnapshotStorage.storeIndexOf(snapshots.latestDirectory(), latest.getIndex())
            > store.appliedIndex()) {
            final Path staging = CheckpointSnapshotStorage.prepareInstall(snapshots.latestDirectory(), storeDirectory);
            store.replaceWith(staging);
            LOG.info("{}: store rebuilt from snapshot {}", getId(), latest.getTermIndex());
        }
        setLastAppliedTermIndex(latest.getTermIndex());
    }

    @Override
    public TransactionContext startTransaction(final RaftClientRequest request) throws IOException {
        final ByteString commands = request.getMessage().getContent();
        final String problem = FrameValidator.problem(commands.asReadOnlyByteBuffer());
        if (problem != null) {
            throw new IOException("malformed command batch: " + problem);
        }
        final long ceilingMs = System.currentTimeMillis() + ceilingWindowMs;
        final byte[] stamped = LogEntry.stamp(clock.now(), seeds.nextLong(), ceilingMs, commands.toByteArray());
        return TransactionContext.newBuilder()
            .setStateMachine(this)
            .setClientRequest(request)
            .setLogData(ByteString.copyFrom(stamped))
            .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(final TransactionContext transaction) {
        final LogEntryProto logEntry = transaction.getLogEntry();
        final LogEntry entry = LogEntry.decode(
            transaction.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        // A store failure here must stop this replica (the exception propagates), not skip the entry:
        // skipping would let its state diverge from the other replicas.
        final List<byte[]> replies = applier.apply(entry, logEntry.getIndex());
        updateLastAppliedTermIndex(logEntry.getTerm(), logEntry.getIndex());
        final byte[] encoded = FrameCodec.encode(replies == null ? List.of() : replies);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(encoded)));
    }

    /** A read fence: Ratis calls this only after the replica applied up to the read index. */
    @Override
    public CompletableFuture<Message> query(final Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        final TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return NO_SNAPSHOT;
        }
        final Path target = snapshots.directoryFor(last);
        if (!Files.exists(target)) {
            final Path scratch = snapshots.scratchFor(last);
            Directories.deleteRecursively(scratch);
            // The updater thread also runs applyTransaction, so nothing is applied while this runs and the
            // checkpoint holds exactly the state after `last`.
            final CheckpointInfo checkpoint = store.checkpoint(scratch);
            CheckpointSnapshotStorage.recordStoreIndex(scratch, checkpoint.appliedIndex());
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        }
        snapshots.publish(target, last);
        LOG.info("{}: snapshot {} taken", getId(), last);
        return last.getIndex();
    }

    @Override
    public void notifyLeaderChanged(final RaftGroupMemberId member, final RaftPeerId newLeader) {
        if (member.getPeerId().equals(newLeader)) {
            LOG.info("{}: became leader", member.getPeerId());
        } else {
            LOG.info("{}: follower; leader is {}", member.getPeerId(), newLeader);
        }
    }

    @Override
    public void notifyLeaderReady() {
        // Every entry of earlier terms is applied now: issue time only above all of it and above the
        // window the previous leader replicated.
        clock.observe(store.commitWatermark());
        clock.advancePast(applier.replicatedCeilingMs());
        LOG.info("{}: leader ready at appliedIndex={}", getId(), store.appliedIndex());
    }

    @Override
    public void close() throws IOException {
        super.close();
        final RocksMvccStore current = store;
        if (current != null) {
            current.close();
        }
    }
}
