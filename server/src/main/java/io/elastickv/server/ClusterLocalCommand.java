package io.elastickv.server;

import io.elastickv.raft.node.NodeConfigKeys;
import io.elastickv.server.cli.Flags;
import io.elastickv.server.cli.Flags.Flag;
import io.elastickv.server.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code elastickv cluster-local}: starts a cluster of separate node processes on this machine, prints
 * their addresses, and stops them all on SIGTERM or SIGINT.
 */
final class ClusterLocalCommand {
    static final List<Flag> FLAGS = List.of(
        new Flag("nodes", "n", "3", "number of nodes"),
        new Flag("data-dir", "path", "./data-local", "each node's data goes to <path>/<node-id>, its log to <path>/<node-id>.log"),
        new Flag("base-raft-port", "port", "7001", "node i listens for Raft on base + i - 1"),
        new Flag("base-redis-port", "port", "6380", "node i's Redis address is base + i - 1"),
        new Flag("help", null, null, "print this help"));

    private ClusterLocalCommand() {
    }

    static int run(final String[] args, final PrintStream out) throws Exception {
        final Flags flags = Flags.parse(args, FLAGS, NodeConfigKeys.list());
        if (flags.has("help")) {
            out.print(Flags.help("elastickv cluster-local [flags]", "Runs a local cluster of node processes"
                + " on 127.0.0.1. Settings (--<key>=<value>) are passed to every node.", FLAGS, NodeConfigKeys.list()));
            return 0;
        }
        final int nodes = intFlag(flags, "nodes", 1, 9);
        final int raftBase = intFlag(flags, "base-raft-port", 1, 65_535 - nodes);
        final int redisBase = intFlag(flags, "base-redis-port", 1, 65_535 - nodes);
        final Path root = Path.of(flags.get("data-dir")).toAbsolutePath().normalize();
        Files.createDirectories(root);

        final List<String> peers = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            peers.add("n" + i + "=127.0.0.1:" + (raftBase + i - 1));
        }
        final List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(processes), "elastickv-cluster-stop"));
        out.println("starting a local cluster of " + nodes + " nodes:");
        for (int i = 1; i <= nodes; i++) {
            final String id = "n" + i;
            final List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start",
                "--node-id", id, "--data-dir", root.resolve(id).toString(),
                "--raft-address", "127.0.0.1:" + (raftBase + i - 1),
                "--redis-address", "127.0.0.1:" + (redisBase + i - 1),
                "--peers", String.join(",", peers)));
            flags.config().overrides().forEach((key, value) -> command.add("--" + key + "=" + value));
            final Path log = root.resolve(id + ".log");
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (processes) {
                processes.add(process);
            }
            out.printf("  %s  raft=127.0.0.1:%d  redis=127.0.0.1:%d  data=%s  log=%s  pid=%d%n", id,
                raftBase + i - 1, redisBase + i - 1, root.resolve(id), log, process.pid());
        }
        out.println("stop with Ctrl-C or SIGTERM; nodes are stopped with the launcher");
        out.flush();
        final List<java.util.concurrent.CompletableFuture<Process>> exits = new ArrayList<>();
        for (final Process process : processes) {
            // Reported as soon as it happens, whichever node it is; 130 and 143 are SIGINT and SIGTERM.
            exits.add(process.onExit().whenComplete((p, e) -> {
                final int status = p.exitValue();
                if (status != 0 && status != 130 && status != 143) {
                    out.println("node process " + p.pid() + " exited with status " + status);
                    out.flush();
                }
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(exits.toArray(new java.util.concurrent.CompletableFuture[0]))
            .join();
        return 0;
    }

    private static int intFlag(final Flags flags, final String name, final int min, final int max)
        throws UsageException {
        try {
            final int value = Integer.parseInt(flags.get(name));
            if (value < min || value > max) {
                throw new UsageException("--" + name + "=" + value + " must be in [" + min + ", " + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + flags.get(name) + " is not a number");
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void stopAll(final List<Process> processes) {
        final List<Process> copy;
        synchronized (processes) {
            copy = new ArrayList<>(processes);
        }
        copy.forEach(Process::destroy);
        for (final Process process : copy) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
