package io.elastickv.raft.node;

import io.elastickv.common.config.Config;
import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.raft.statemachine.CommandStateMachine;
import io.elastickv.store.Durability;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process's Raft runtime: a single Ratis server that hosts the replicas of one or more groups,
 * each with its own {@link CommandStateMachine} and store under {@code <data>/groups/<group-id>/store}.
 * The first milestone runs one data group, {@link #DATA_GROUP}.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    /** The data group's id: fixed, so every node of a cluster names the same group. */
    public static final RaftGroupId DATA_GROUP = RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes("elastickv/data/0".getBytes(StandardCharsets.US_ASCII)));

    private final NodeSpec spec;
    private final Config config;
    private final RaftServer server;
    private final HybridLogicalClock clock;
    private final ReplicatedGroup dataGroup;

    private RaftNode(final NodeSpec spec, final Config config, final RaftServer server,
                     final HybridLogicalClock clock) {
        this.spec = spec;
        this.config = config;
        this.server = server;
        this.clock = clock;
        this.dataGroup = new ReplicatedGroup(server, DATA_GROUP, RaftPeerId.valueOf(spec.self().id()), config);
    }

    /** Starts the node: recovers its groups from disk, or creates the data group from the spec's peers. */
    public static RaftNode start(final NodeSpec spec, final Config config, final CommandExecutor executor)
        throws IOException {
        final HybridLogicalClock clock = HybridLogicalClock.systemClock();
        final Config storeConfig = config.toBuilder().set(StoreConfigKeys.DURABILITY, Durability.NO_WAL).build();
        final long window = config.get(RaftConfigKeys.HLC_CEILING_WINDOW_MS);
        final Path groupsRoot = spec.dataDirectory().resolve("groups");
        final RaftGroup group = spec.initialPeers().isEmpty() ? RaftGroup.valueOf(DATA_GROUP)
            : RaftGroup.valueOf(DATA_GROUP, toRaftPeers(spec.initialPeers()));
        final RaftServer server = RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(spec.self().id()))
            .setGroup(group)
            .setProperties(serverProperties(spec, config))
            .setStateMachineRegistry(groupId -> new CommandStateMachine(
                groupsRoot.resolve(groupId.getUuid().toString()).resolve("store"), storeConfig, executor, clock,
                window))
            .setOption(RaftStorage.StartupOption.RECOVER)
            .build();
        server.start();
        LOG.info("node {} started: raft={} data={} peers={}", spec.self().id(), spec.self().address(),
            spec.dataDirectory(), spec.initialPeers().isEmpty() ? "(waiting to be added)" : spec.initialPeers());
        return new RaftNode(spec, config, server, clock);
    }

    static List<RaftPeer> toRaftPeers(final List<PeerAddress> peers) {
        final List<RaftPeer> out = new ArrayList<>();
        for (final PeerAddress peer : peers) {
            out.add(RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.address()).build());
        }
        return out;
    }

    private static RaftProperties serverProperties(final NodeSpec spec, final Config config) {
        final RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(spec.dataDirectory().resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(p, spec.self().host());
        GrpcConfigKeys.Server.setPort(p, spec.self().port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(config.get(RaftConfigKeys.ELECTION_TIMEOUT_MIN_MS)));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(config.get(RaftConfigKeys.ELECTION_TIMEOUT_MAX_MS)));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(config.get(RaftConfigKeys.RPC_TIMEOUT_MS)));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, config.get(RaftConfigKeys.LEADER_LEASE));
        RaftServerConfigKeys.Read.setTimeout(p, ms(config.get(RaftConfigKeys.READ_TIMEOUT_MS)));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.get(RaftConfigKeys.LOG_SEGMENT_BYTES)));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, config.get(RaftConfigKeys.LOG_PURGE_GAP));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p,
            config.get(RaftConfigKeys.SNAPSHOT_AUTO_TRIGGER_ENTRIES));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, config.get(RaftConfigKeys.SNAPSHOTS_RETAINED));
        if (config.get(RaftConfigKeys.ELECTION_TIMEOUT_MAX_MS) <= config.get(RaftConfigKeys.ELECTION_TIMEOUT_MIN_MS)) {
            throw new IllegalArgumentException(RaftConfigKeys.ELECTION_TIMEOUT_MAX_MS + "="
                + config.get(RaftConfigKeys.ELECTION_TIMEOUT_MAX_MS) + " must exceed "
                + RaftConfigKeys.ELECTION_TIMEOUT_MIN_MS + "=" + config.get(RaftConfigKeys.ELECTION_TIMEOUT_MIN_MS));
        }
        return p;
    }

    static TimeDuration ms(final long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }

    public NodeSpec spec() {
        return spec;
    }

    public Config config() {
        return config;
    }

    public HybridLogicalClock clock() {
        return clock;
    }

    /** The data group's replica on this node. */
    public ReplicatedGroup dataGroup() {
        return dataGroup;
    }

    @Override
    public void close() throws IOException {
        dataGroup.close();
        server.close();
        LOG.info("node {} stopped", spec.self().id());
    }
}
