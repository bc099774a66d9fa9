package io.elastickv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.common.config.Config;
import io.elastickv.raft.node.ClusterAdmin;
import io.elastickv.raft.node.GroupStatus;
import io.elastickv.raft.node.PeerAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/elastickv cluster-local} as real processes, talks to the nodes over their Raft ports,
 * kills the leader's process with SIGKILL, and checks that the others elect a new leader and that stopping
 * the launcher stops every node.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalClusterIT {
    private static final Pattern NODE_LINE = Pattern.compile(
        "\\s+(n\\d)\\s+raft=127\\.0\\.0\\.1:(\\d+)\\s+redis=127\\.0\\.0\\.1:(\\d+).*pid=(\\d+)");

    @TempDir
    Path tempDir;

    @Test
    void aLocalClusterElectsALeaderSurvivesLosingItAndStopsCleanly() throws Exception {
        final int basePort = freeBasePort();
        final Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/elastickv");
        final Process cluster = new ProcessBuilder(launcher.toString(), "cluster-local", "--nodes", "3",
            "--base-raft-port", Integer.toString(basePort), "--base-redis-port", Integer.toString(basePort + 10),
            "--data-dir", tempDir.toString()).redirectErrorStream(true).start();
        final Map<String, Long> pids = new HashMap<>();
        final Map<String, PeerAddress> members = new HashMap<>();
        final Map<String, Integer> redisPorts = new HashMap<>();
        try {
            final BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(),
                StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("stop with")) {
                final Matcher m = NODE_LINE.matcher(line);
                if (m.find()) {
                    pids.put(m.group(1), Long.parseLong(m.group(4)));
                    redisPorts.put(m.group(1), Integer.parseInt(m.group(3)));
                    members.put(m.group(1), new PeerAddress(m.group(1), "127.0.0.1", Integer.parseInt(m.group(2))));
                }
            }
            assertEquals(3, pids.size(), "the launcher printed every node");

            final String leader = awaitCommonLeader(members, null, tempDir);
            assertTrue(pids.containsKey(leader), "leader " + leader + " is one of this cluster's nodes "
                + pids.keySet());
            ProcessHandle.of(pids.get(leader)).orElseThrow().destroyForcibly();
            members.remove(leader);
            final String newLeader = awaitCommonLeader(members, leader, tempDir);
            assertNotEquals(leader, newLeader);
            for (final String id : members.keySet()) {
                assertEquals("+PONG\r\n", ping(redisPorts.get(id)), "Redis listener of " + id);
            }
        } finally {
            cluster.destroy();
            assertTrue(cluster.waitFor(60, TimeUnit.SECONDS), "the launcher stopped");
        }
        for (final long pid : pids.values()) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "node process " + pid + " stopped");
        }
    }

    /**
     * Waits until every listed member names the same leader (other than {@code not}) and returns it; on
     * failure the message carries what each member and its log said last.
     */
    private static String awaitCommonLeader(final Map<String, PeerAddress> members, final String not,
                                            final Path dataDir) throws InterruptedException {
        final Map<String, String> lastAnswers = new java.util.TreeMap<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String agreed = null;
            boolean allAgree = true;
            for (final PeerAddress member : members.values()) {
                try (ClusterAdmin admin = ClusterAdmin.connect(member, Config.defaults())) {
                    final GroupStatus status = admin.status();
                    lastAnswers.put(member.id(), "leader=" + status.leaderId() + " role=" + status.role()
                        + " term=" + status.term());
                    if (status.leaderId() == null || status.leaderId().equals(not)
                        || (agreed != null && !agreed.equals(status.leaderId()))) {
                        allAgree = false;
                        break;
                    }
                    agreed = status.leaderId();
                } catch (Exception notYet) {
                    lastAnswers.put(member.id(), "status failed: " + notYet);
                    allAgree = false;
                    break;
                }
            }
            if (allAgree && agreed != null) {
                return agreed;
            }
            Thread.sleep(250);
        }
        final StringBuilder logs = new StringBuilder();
        for (final String id : members.keySet()) {
            final Path log = dataDir.resolve(id + ".log");
            try {
                final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                logs.append("\n--- ").append(log).append(" (last 30 lines)\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (java.io.IOException e) {
                logs.append("\n--- ").append(log).append(": ").append(e);
            }
        }
        throw new AssertionError("members " + members.keySet() + " did not agree on a leader; last answers "
            + lastAnswers + logs);
    }

    private static String ping(final int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            final byte[] reply = new byte[7];
            int read = 0;
            while (read < reply.length) {
                final int n = socket.getInputStream().read(reply, read, reply.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(reply, 0, read, StandardCharsets.US_ASCII);
        }
    }

    /**
     * A base port p such that p..p+2 (Raft) and p+10..p+12 (Redis) are all free now. Other tests running at
     * the same time on this machine (mini-clusters on ephemeral ports) could otherwise hold one of them.
     */
    private static int freeBasePort() throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            final int base;
            try (ServerSocket probe = new ServerSocket(0)) {
                base = probe.getLocalPort() > 60_000 ? probe.getLocalPort() - 20_000 : probe.getLocalPort();
            }
            if (allFree(base, base + 1, base + 2, base + 10, base + 11, base + 12)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports found");
    }

    private static boolean allFree(final int... ports) {
        for (final int port : ports) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (java.io.IOException taken) {
                return false;
            }
        }
        return true;
    }
}
