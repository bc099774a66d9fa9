package io.elastickv.raft.cluster;

import io.elastickv.common.config.Config;
import io.elastickv.common.io.Directories;
import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.KvCommands;
import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.raft.node.NodeSpec;
import io.elastickv.raft.node.PeerAddress;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.store.StoreConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Several {@link RaftNode}s in this JVM on loopback ports, each with its own data directory, running the
 * {@link KvCommands} executor unless given another. Tests stop, restart, wipe and add nodes through it.
 * Reusable by any test that needs a real replicated group.
 */
public final class MiniCluster implements AutoCloseable {
    private final Path root;
    private final Config config;
    private final Supplier<CommandExecutor> executors;
    private final List<PeerAddress> initialPeers;
    private final Map<String, PeerAddress> addresses = new LinkedHashMap<>();
    private final Map<String, RaftNode> running = new LinkedHashMap<>();

    private MiniCluster(final Path root, final Config config, final List<PeerAddress> initialPeers,
                        final Supplier<CommandExecutor> executors) {
        this.root = root;
        this.config = config;
        this.executors = executors;
        this.initialPeers = initialPeers;
        initialPeers.forEach(p -> addresses.put(p.id(), p));
    }

    /** Settings for tests: elections in about a second, fences and proposals that give up in seconds. */
    public static Config.Builder testConfig() {
        return Config.builder()
            .set(RaftConfigKeys.ELECTION_TIMEOUT_MIN_MS, 500L)
            .set(RaftConfigKeys.ELECTION_TIMEOUT_MAX_MS, 1_000L)
            .set(RaftConfigKeys.PROPOSAL_TIMEOUT_MS, 15_000L)
            .set(RaftConfigKeys.READ_TIMEOUT_MS, 15_000L)
            .set(StoreConfigKeys.BLOCK_CACHE_BYTES, 8L << 20)
            .set(StoreConfigKeys.WRITE_BUFFER_BYTES, 4L << 20);
    }

    /** Bootstraps {@code size} nodes n1..nN as one group and waits for a leader. */
    public static MiniCluster start(final Path root, final int size, final Config config) {
        return start(root, size, config, KvCommands::new);
    }

    /** Bootstraps {@code size} nodes whose state machines run executors from {@code executors}. */
    public static MiniCluster start(final Path root, final int size, final Config config,
                                    final Supplier<CommandExecutor> executors) {
        final List<PeerAddress> peers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            peers.add(new PeerAddress("n" + i, "127.0.0.1", freePort()));
        }
        final MiniCluster cluster = new MiniCluster(root, config, List.copyOf(peers), executors);
        try {
            for (final PeerAddress peer : peers) {
                cluster.startNode(peer.id(), cluster.initialPeers);
            }
            cluster.awaitLeader(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public RaftNode node(final String id) {
        final RaftNode node = running.get(id);
        if (node == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        return node;
    }

    public List<RaftNode> runningNodes() {
        return new ArrayList<>(running.values());
    }

    public List<PeerAddress> initialPeers() {
        return initialPeers;
    }

    public PeerAddress address(final String id) {
        return addresses.get(id);
    }

    /** Waits until a running node is leader with its state machine ready, and returns it. */
    public RaftNode awaitLeader(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (final RaftNode node : running.values()) {
                if (node.dataGroup().isLeader()) {
                    return node;
                }
            }
            sleep(20);
        }
        throw new AssertionError("no leader among " + running.keySet() + " within " + timeout);
    }

    /** A running node that is not the leader. */
    public RaftNode follower() {
        final RaftNode leader = awaitLeader(Duration.ofSeconds(30));
        return running.values().stream().filter(n -> n != leader).findFirst()
            .orElseThrow(() -> new AssertionError("no follower running"));
    }

    /** Stops a node as a crash would look to the others (its data stays). */
    public void stop(final String id) {
        final RaftNode node = running.remove(id);
        if (node != null) {
            try {
                node.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts a stopped node again from its data directory. */
    public RaftNode restart(final String id) {
        return startNode(id, initialPeers.stream().anyMatch(p -> p.id().equals(id)) ? initialPeers : List.of());
    }

    /** Stops a node and deletes its data. */
    public void wipe(final String id) {
        stop(id);
        try {
            Directories.deleteRecursively(root.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new node with no group membership; it waits until a member adds it. */
    public RaftNode startJoining(final String id) {
        addresses.computeIfAbsent(id, k -> new PeerAddress(k, "127.0.0.1", freePort()));
        return startNode(id, List.of());
    }

    private RaftNode startNode(final String id, final List<PeerAddress> peers) {
        final NodeSpec spec = new NodeSpec(addresses.get(id), root.resolve(id), peers);
        try {
            final RaftNode node = RaftNode.start(spec, config, executors.get());
            running.put(id, node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (final String id : new ArrayList<>(running.keySet())) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
