package io.elastickv.redis.command.server;

import io.elastickv.redis.resp.RespWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's latency monitor for the events elastickv has: {@code command} and {@code fast-command}, a
 * command that took at least {@code latency-monitor-threshold} ms (0 disables it). Each event keeps its
 * all-time maximum and up to 160 samples, one per second (the worst of that second).
 */
public final class LatencyMonitor {
    private static final int HISTORY = 160;

    private final Map<String, Event> events = new LinkedHashMap<>();

    private record Sample(long timeSeconds, long millis) {
    }

    private static final class Event {
        final ArrayDeque<Sample> samples = new ArrayDeque<>();
        long max;
    }

    /** Records a command's duration if it reaches the threshold. */
    public void record(final ServerConfig config, final boolean fast, final long micros) {
        final long threshold = config.latencyThresholdMs();
        final long millis = micros / 1000;
        if (threshold == 0 || millis < threshold) {
            return;
        }
        final long now = System.currentTimeMillis() / 1000;
        synchronized (this) {
            final Event event = events.computeIfAbsent(fast ? "fast-command" : "command", name -> new Event());
            final Sample last = event.samples.peekLast();
            if (last != null && last.timeSeconds() == now) {
                event.samples.pollLast();
                event.samples.addLast(new Sample(now, Math.max(millis, last.millis())));
            } else {
                event.samples.addLast(new Sample(now, millis));
                if (event.samples.size() > HISTORY) {
                    event.samples.pollFirst();
                }
            }
            event.max = Math.max(event.max, millis);
        }
    }

    /** LATENCY LATEST: per event, the time and duration of its latest sample and its maximum. */
    public synchronized void writeLatest(final RespWriter out) {
        out.array(events.size());
        events.forEach((name, event) -> {
            final Sample last = event.samples.peekLast();
            out.array(4).bulk(name).integer(last.timeSeconds()).integer(last.millis()).integer(event.max);
        });
    }

    /** LATENCY HISTORY: the samples of {@code name}, oldest first (none for an unknown event). */
    public synchronized void writeHistory(final String name, final RespWriter out) {
        final Event event = events.get(name);
        final List<Sample> samples = event == null ? List.of() : new ArrayList<>(event.samples);
        out.array(samples.size());
        samples.forEach(s -> out.array(2).integer(s.timeSeconds()).integer(s.millis()));
    }

    /** LATENCY RESET: forgets {@code names} (all events when empty); returns how many existed. */
    public synchronized int reset(final List<String> names) {
        if (names.isEmpty()) {
            final int count = events.size();
            events.clear();
            return count;
        }
        int count = 0;
        for (final String name : names) {
            if (events.remove(name) != null) {
                count++;
            }
        }
        return count;
    }

    /** LATENCY DOCTOR: a short report in words. */
    public synchronized String report(final ServerConfig config) {
        if (config.latencyThresholdMs() == 0) {
            return "Latency monitoring is disabled. Enable it with CONFIG SET latency-monitor-threshold"
                + " <milliseconds> to record commands slower than that.\n";
        }
        if (events.isEmpty()) {
            return "No command took " + config.latencyThresholdMs() + " ms or more since monitoring began.\n";
        }
        final StringBuilder out = new StringBuilder();
        events.forEach((name, event) -> out.append(name).append(": ").append(event.samples.size())
            .append(" latency spikes (worst ").append(event.max).append(" ms, latest ")
            .append(event.samples.peekLast().millis()).append(" ms).\n"));
        return out.toString();
    }
}
