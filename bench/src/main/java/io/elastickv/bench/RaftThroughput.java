package io.elastickv.bench;

import io.elastickv.common.config.Config;
import io.elastickv.common.io.Directories;
import io.elastickv.raft.KvCommands;
import io.elastickv.raft.cluster.MiniCluster;
import io.elastickv.raft.node.NodeConfigKeys;
import io.elastickv.raft.node.RaftNode;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.raft.proposer.ProposerStats;
import io.elastickv.raft.read.FenceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * End-to-end throughput of a replicated group on this machine: single-key writes (each a {@code SET}
 * proposed, replicated with the Raft log fsynced, applied to RocksDB on every replica) and linearizable
 * reads (a batched ReadIndex fence, then a local store read), with 1, 16 and 256 concurrent callers.
 *
 * <p>Callers are closed loops: each issues its next operation when the previous one completes, so
 * {@code callers} is the number of operations in flight. Prints a Markdown table for
 * {@code docs/benchmarks.md}.
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar
 * io.elastickv.bench.RaftThroughput [seconds-per-run]}
 */
public final class RaftThroughput {
    private static final int[] CALLERS = {1, 16, 256};

    private RaftThroughput() {
    }

    /**
     * Arguments: {@code [seconds-per-run] [nodes=1,3] [callers=1,16,256] [<setting>=<value> ...]}, where a
     * setting is any Raft or store configuration key, for example {@code raft.proposer.max-in-flight=2}.
     */
    public static void main(final String[] args) throws Exception {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] nodeCounts = {1, 3};
        int[] callerCounts = CALLERS;
        final Config.Builder settings = Config.builder();
        for (int i = 1; i < args.length; i++) {
            final String[] kv = args[i].split("=", 2);
            if (kv[0].equals("nodes")) {
                nodeCounts = ints(kv[1]);
            } else if (kv[0].equals("callers")) {
                callerCounts = ints(kv[1]);
            } else {
                settings.setText(NodeConfigKeys.find(kv[0]), kv[1]);
            }
        }
        final Config config = settings.build();
        System.out.println("settings: " + config);
        System.out.println("| nodes | op | callers | ops/s | mean commands per entry | reads per fence round |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        for (final int nodes : nodeCounts) {
            final Path root = Files.createTempDirectory("elastickv-raft-bench-");
            try (MiniCluster cluster = MiniCluster.start(root, nodes, config)) {
                final RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
                final ReplicatedGroup group = leader.dataGroup();
                for (final int callers : callerCounts) {
                    final ProposerStats before = group.proposerStats();
                    final AtomicLong next = new AtomicLong();
                    final double rate = run(callers, seconds, () -> {
                        final long n = next.incrementAndGet();
                        return group.propose(KvCommands.command("SET key:" + (n % 100_000) + " value-" + n))
                            .thenApply(reply -> null);
                    });
                    final ProposerStats after = group.proposerStats();
                    final double perEntry = (double) (after.commands() - before.commands())
                        / Math.max(1, after.entries() - before.entries());
                    System.out.printf(Locale.ROOT, "| %d | write | %d | %.0f | %.1f | |%n", nodes, callers, rate,
                        perEntry);
                    printHistogram(before, after);
                }
                for (final RaftNode reader : nodes == 1 ? new RaftNode[] {leader}
                    : new RaftNode[] {leader, cluster.follower()}) {
                    final ReplicatedGroup readGroup = reader.dataGroup();
                    for (final int callers : callerCounts) {
                        final FenceStats before = readGroup.fenceStats();
                        final AtomicLong next = new AtomicLong();
                        final double rate = run(callers, seconds, () -> readGroup.fence().thenApply(ignored -> {
                            KvCommands.read(readGroup.store(), "key:" + (next.incrementAndGet() % 100_000));
                            return null;
                        }));
                        final FenceStats after = readGroup.fenceStats();
                        final double perRound = (double) (after.reads() - before.reads())
                            / Math.max(1, after.rounds() - before.rounds());
                        System.out.printf(Locale.ROOT, "| %d | read (%s) | %d | %.0f | | %.1f |%n", nodes,
                            reader == leader ? "leader" : "follower", callers, rate, perRound);
                    }
                }
            } finally {
                Directories.deleteRecursively(root);
            }
        }
    }

    private static int[] ints(final String list) {
        return java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * Runs {@code callers} closed loops of {@code operation} for {@code seconds}, one thread each; returns
     * completions per second. A thread per caller, because an operation may complete in the calling thread
     * (a fence on a single-node leader does), which would otherwise keep one caller from ever yielding.
     */
    private static double run(final int callers, final int seconds, final Supplier<CompletableFuture<Void>> operation)
        throws InterruptedException {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        final long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        final List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            final Thread caller = new Thread(() -> {
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    try {
                        operation.get().get(60, TimeUnit.SECONDS);
                        if (System.nanoTime() > warmupEnd && System.nanoTime() <= end) {
                            completed.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (ExecutionException | TimeoutException e) {
                        failed.incrementAndGet();
                    }
                }
            }, "caller-" + c);
            caller.start();
            threads.add(caller);
        }
        for (final Thread caller : threads) {
            caller.join();
        }
        if (failed.get() > 0) {
            System.out.println("<!-- " + failed.get() + " operations failed -->");
        }
        return completed.get() / (double) seconds;
    }

    private static void printHistogram(final ProposerStats before, final ProposerStats after) {
        final StringBuilder line = new StringBuilder("<!-- commands per entry, entries by bucket:");
        for (int i = 0; i < after.commandsPerEntry().length; i++) {
            final long count = after.commandsPerEntry()[i] - before.commandsPerEntry()[i];
            if (count > 0) {
                line.append(' ').append(1 << i).append('-').append((1 << (i + 1)) - 1).append(':').append(count);
            }
        }
        System.out.println(line.append(" -->"));
    }
}
