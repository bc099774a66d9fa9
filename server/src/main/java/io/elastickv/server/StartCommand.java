package io.elastickv.server;

import io.elastickv.common.config.Config;
import io.elastickv.raft.node.ClusterAdmin;
import io.elastickv.raft.node.NodeSpec;
import io.elastickv.raft.node.PeerAddress;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.redis.RedisCommands;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.exec.RedisCommandExecutor;
import io.elastickv.redis.server.RedisServer;
import io.elastickv.server.cli.Addresses;
import io.elastickv.raft.node.NodeConfigKeys;
import io.elastickv.server.cli.Flags;
import io.elastickv.server.cli.Flags.Flag;
import io.elastickv.server.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code elastickv start}: runs one node until SIGTERM or SIGINT. */
final class StartCommand {
    /** Returned instead of an exit status when the node runs on in its own threads. */
    static final int KEEP_RUNNING = -1;

    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);
    private static final String NODE_ID_FILE = "node.id";
    private static final String CLUSTER_PEERS_FILE = "cluster.peers";

    static final List<Flag> FLAGS = List.of(
        new Flag("node-id", "id", "n1", "this node's id: 1-64 of [A-Za-z0-9_.-], fixed for the life of its data"),
        new Flag("data-dir", "path", "./data", "where the node keeps its Raft log, snapshots and store"),
        new Flag("raft-address", "host:port", "127.0.0.1:7000", "address other nodes reach this node's Raft on"),
        new Flag("redis-address", "host:port", "127.0.0.1:6379",
            "address of the Redis listener; beyond loopback it needs a password or --unsafe-no-auth"),
        new Flag("requirepass", "password", null,
            "password Redis clients must give (AUTH); other local users can read it in the process list"),
        new Flag("requirepass-file", "path", null, "read the Redis password from this file (one line)"),
        new Flag("unsafe-no-auth", null, null,
            "serve Redis without a password even on an address other machines can reach"),
        new Flag("metrics-address", "host:port", null,
            "address of the metrics endpoint (reserved: not built yet)"),
        new Flag("peers", "id=host:port,...", null,
            "the members of a new cluster, this node included (default: this node alone)"),
        new Flag("bootstrap", null, null,
            "create the cluster from --peers when the data directory is new (the default unless --join)"),
        new Flag("join", "id=host:port", null, "join the running cluster that this member belongs to"),
        new Flag("help", null, null, "print this help"));

    private StartCommand() {
    }

    static int run(final String[] args, final PrintStream out) throws Exception {
        final Flags flags = Flags.parse(args, FLAGS, NodeConfigKeys.list());
        if (flags.has("help")) {
            out.print(Flags.help("elastickv start [flags]", "Runs one node. With no flags it bootstraps a"
                + " single-node cluster with its data in ./data.", FLAGS, NodeConfigKeys.list()));
            return 0;
        }
        final String[] raft = Addresses.hostPort("raft-address", flags.get("raft-address"));
        final PeerAddress self;
        try {
            self = new PeerAddress(flags.get("node-id"), raft[0], Integer.parseInt(raft[1]));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        final String[] redis = Addresses.hostPort("redis-address", flags.get("redis-address"));
        final String password = redisPassword(flags);
        if (password.isEmpty() && !flags.has("unsafe-no-auth") && !isLoopback(redis[0])) {
            throw new UsageException("--redis-address " + flags.get("redis-address") + " is reachable from other"
                + " machines and no password is set: give --requirepass or --requirepass-file, or --unsafe-no-auth"
                + " to serve without one");
        }
        if (flags.has("metrics-address")) {
            Addresses.hostPort("metrics-address", flags.get("metrics-address"));
        }
        if (flags.has("join") && (flags.has("peers") || flags.has("bootstrap"))) {
            throw new UsageException("--join cannot be combined with --peers or --bootstrap");
        }
        final List<PeerAddress> peers = flags.has("join") ? List.of()
            : flags.has("peers") ? Addresses.peers("peers", flags.get("peers")) : List.of(self);
        if (!flags.has("join")) {
            final PeerAddress listed = peers.stream().filter(p -> p.id().equals(self.id())).findFirst()
                .orElseThrow(() -> new UsageException("--peers must include this node (" + self.id() + ")"));
            if (!listed.address().equals(self.address())) {
                throw new UsageException("--peers lists " + listed + " but --raft-address is " + self.address());
            }
        }
        final Path dataDir = Path.of(flags.get("data-dir")).toAbsolutePath().normalize();
        claimDataDirectory(dataDir, self.id());
        if (flags.has("peers")) {
            claimCluster(dataDir, peers);
        }
        requireFree("raft-address", raft[0], Integer.parseInt(raft[1]));
        requireFree("redis-address", redis[0], Integer.parseInt(redis[1]));

        final Config config = flags.config();
        final CommandTable commands = RedisCommands.table();
        final RaftNode node = RaftNode.start(new NodeSpec(self, dataDir, peers), config,
            new RedisCommandExecutor(commands));
        final RedisServer redisServer;
        try {
            // SHUTDOWN exits the process; the shutdown hook below then closes the listener and the node.
            redisServer = RedisServer.start(redis[0], Integer.parseInt(redis[1]), commands, node.dataGroup(),
                new RedisServer.Options(password, () -> System.exit(0)));
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            throw new UsageException("--redis-address " + flags.get("redis-address") + " could not be bound: " + e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("node {} shutting down", self.id());
            try {
                redisServer.close();
                node.close();
            } catch (IOException | RuntimeException e) {
                LOG.error("shutdown of node {} failed", self.id(), e);
            }
        }, "elastickv-shutdown"));
        if (flags.has("join")) {
            final PeerAddress member = Addresses.peer("join", flags.get("join"));
            try (ClusterAdmin admin = ClusterAdmin.connect(member, config)) {
                if (admin.status().peers().stream().noneMatch(p -> p.startsWith(self.id() + "="))) {
                    admin.addNode(self);
                    LOG.info("node {} joined the cluster through {}", self.id(), member);
                }
            }
        }
        LOG.info("node {} running: raft={} redis={} data={}", self.id(),
            self.address(), flags.get("redis-address"), dataDir);
        return KEEP_RUNNING;
    }

    /** The Redis password from --requirepass or --requirepass-file (not both), empty when neither. */
    private static String redisPassword(final Flags flags) throws UsageException {
        if (flags.has("requirepass") && flags.has("requirepass-file")) {
            throw new UsageException("--requirepass and --requirepass-file cannot be combined");
        }
        if (!flags.has("requirepass-file")) {
            return flags.has("requirepass") ? flags.get("requirepass") : "";
        }
        final Path file = Path.of(flags.get("requirepass-file"));
        try {
            final String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty() || password.contains("\n")) {
                throw new UsageException("--requirepass-file " + file + " must hold the password on one line");
            }
            return password;
        } catch (IOException e) {
            throw new UsageException("--requirepass-file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Whether {@code host} is only reachable from this machine; a name that does not resolve is not. */
    private static boolean isLoopback(final String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Ties a data directory to one node id, so that starting the wrong node on it (whose Raft log and votes
     * belong to another member) fails instead of corrupting the cluster.
     */
    static void claimDataDirectory(final Path dataDir, final String nodeId) throws IOException, UsageException {
        Files.createDirectories(dataDir);
        final Path idFile = dataDir.resolve(NODE_ID_FILE);
        if (Files.exists(idFile)) {
            final String owner = Files.readString(idFile, StandardCharsets.UTF_8).trim();
            if (!owner.equals(nodeId)) {
                throw new UsageException("data directory " + dataDir + " belongs to node " + owner
                    + ", not " + nodeId + "; start it with --node-id " + owner + " or use another --data-dir");
            }
            return;
        }
        Files.writeString(idFile, nodeId + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Records the peer list a data directory was bootstrapped with, and refuses to start it later with a
     * different explicit list: that data belongs to another cluster, and Ratis would otherwise quietly keep
     * the old membership. Restarting without {@code --peers} always recovers what is on disk.
     */
    static void claimCluster(final Path dataDir, final List<PeerAddress> peers) throws IOException, UsageException {
        final Path file = dataDir.resolve(CLUSTER_PEERS_FILE);
        final String wanted = peers.stream().map(PeerAddress::toString).sorted()
            .collect(java.util.stream.Collectors.joining(","));
        if (Files.exists(file)) {
            final String recorded = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!recorded.equals(wanted)) {
                throw new UsageException("data directory " + dataDir + " belongs to the cluster bootstrapped with"
                    + " --peers " + recorded + ", not " + wanted + "; restart it without --peers, or use another"
                    + " --data-dir");
            }
            return;
        }
        Files.writeString(file, wanted + "\n", StandardCharsets.UTF_8);
    }

    private static void requireFree(final String flag, final String host, final int port) throws UsageException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + host + ":" + port + " is not available: " + e.getMessage());
        }
    }
}
