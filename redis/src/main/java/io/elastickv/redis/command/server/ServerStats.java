package io.elastickv.redis.command.server;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Subcommands;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A server's counters for INFO stats, commandstats and errorstats; CONFIG RESETSTAT clears them. */
public final class ServerStats {
    /** Distinct error codes errorstats tracks, as in Redis; later codes are not tracked. */
    private static final int MAX_ERROR_CODES = 128;
    private static final int SAMPLES = 16;

    private final Map<CommandSpec, CommandStats> byCommand = new IdentityHashMap<>();
    private final List<CommandStats> commands = new ArrayList<>();
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder connectionsRejected = new LongAdder();
    private final LongAdder inputBytes = new LongAdder();
    private final LongAdder outputBytes = new LongAdder();
    private final LongAdder errorReplies = new LongAdder();
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    private final AtomicInteger blockedClients = new AtomicInteger();
    private final Sampler operations = new Sampler();
    private final Sampler input = new Sampler();
    private final Sampler output = new Sampler();

    /** Counters for every command and subcommand of {@code table}. */
    public ServerStats(final CommandTable table) {
        for (final CommandSpec spec : table.specs()) {
            register(spec);
            if (spec.handler() instanceof Subcommands subcommands) {
                subcommands.specs().forEach(this::register);
            }
        }
    }

    private void register(final CommandSpec spec) {
        final CommandStats stats = new CommandStats(spec.name());
        byCommand.put(spec, stats);
        commands.add(stats);
    }

    /** The counters of {@code spec}, a command or subcommand of the table. */
    public CommandStats of(final CommandSpec spec) {
        final CommandStats stats = byCommand.get(spec);
        if (stats == null) {
            throw new IllegalArgumentException("command=" + spec.name() + " is not in the table");
        }
        return stats;
    }

    public void connectionReceived() {
        connectionsReceived.increment();
    }

    public void connectionRejected() {
        connectionsRejected.increment();
    }

    public void bytesIn(final long count) {
        inputBytes.add(count);
    }

    public void bytesOut(final long count) {
        outputBytes.add(count);
    }

    /** An error reply with code {@code code} (ERR, WRONGTYPE, NOAUTH ...). */
    public void errorReply(final String code) {
        errorReplies.increment();
        LongAdder counter = errorCodes.get(code);
        if (counter == null && errorCodes.size() < MAX_ERROR_CODES) {
            counter = errorCodes.computeIfAbsent(code, c -> new LongAdder());
        }
        if (counter != null) {
            counter.increment();
        }
    }

    /** Clients waiting for CLIENT PAUSE to end, as INFO counts blocked clients. */
    public AtomicInteger blockedClients() {
        return blockedClients;
    }

    /** Takes one sample for the instantaneous rates; called every 100 ms. */
    public void sample(final long nowMs) {
        operations.sample(nowMs, commandsProcessed());
        input.sample(nowMs, inputBytes.sum());
        output.sample(nowMs, outputBytes.sum());
    }

    public void reset() {
        commands.forEach(CommandStats::reset);
        connectionsReceived.reset();
        connectionsRejected.reset();
        inputBytes.reset();
        outputBytes.reset();
        errorReplies.reset();
        errorCodes.clear();
    }

    long connectionsReceived() {
        return connectionsReceived.sum();
    }

    long connectionsRejected() {
        return connectionsRejected.sum();
    }

    /** Commands run: the sum of every command's calls. */
    long commandsProcessed() {
        long total = 0;
        for (final CommandStats stats : commands) {
            total += stats.calls();
        }
        return total;
    }

    long inputBytes() {
        return inputBytes.sum();
    }

    long outputBytes() {
        return outputBytes.sum();
    }

    long errorReplies() {
        return errorReplies.sum();
    }

    long operationsPerSecond() {
        return Math.round(operations.perSecond());
    }

    double inputKbps() {
        return input.perSecond() / 1024;
    }

    double outputKbps() {
        return output.perSecond() / 1024;
    }

    /** INFO commandstats lines, in table order. */
    List<String> commandLines() {
        final List<String> lines = new ArrayList<>();
        for (final CommandStats stats : commands) {
            final String line = stats.infoLine();
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** INFO errorstats lines, sorted by code. */
    List<String> errorLines() {
        final List<String> codes = new ArrayList<>(errorCodes.keySet());
        Collections.sort(codes);
        final List<String> lines = new ArrayList<>();
        for (final String code : codes) {
            lines.add("errorstat_" + code + ":count=" + errorCodes.get(code).sum());
        }
        return lines;
    }

    /** A rate over the last {@link #SAMPLES} intervals, as Redis computes its instantaneous metrics. */
    private static final class Sampler {
        private final double[] rates = new double[SAMPLES];
        private int next;
        private long lastMs;
        private long lastValue;

        synchronized void sample(final long nowMs, final long value) {
            if (lastMs > 0 && nowMs > lastMs) {
                rates[next] = (double) Math.max(0, value - lastValue) * 1000 / (nowMs - lastMs);
                next = (next + 1) % SAMPLES;
            }
            lastMs = nowMs;
            lastValue = value;
        }

        synchronized double perSecond() {
            double sum = 0;
            for (final double rate : rates) {
                sum += rate;
            }
            return sum / SAMPLES;
        }
    }
}
