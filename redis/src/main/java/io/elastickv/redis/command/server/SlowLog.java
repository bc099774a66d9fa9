package io.elastickv.redis.command.server;

import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The slow log: commands that ran longer than {@code slowlog-log-slower-than} microseconds, newest first,
 * at most {@code slowlog-max-len} of them. Arguments are cut as Redis cuts them, so an entry stays small
 * whatever the command.
 */
public final class SlowLog {
    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_BYTES = 128;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    private record Entry(long id, long timeSeconds, long micros, List<byte[]> args, String address, String name) {
    }

    /**
     * Records command {@code args} ({@code fullName} its command's name) if it took long enough under the
     * current settings; passwords are redacted.
     */
    public void record(final ServerConfig config, final long micros, final String fullName, final List<byte[]> args,
                       final String address, final byte[] clientName) {
        final long threshold = config.slowlogSlowerThanMicros();
        if (threshold < 0 || micros < threshold) {
            return;
        }
        final List<byte[]> kept = trimmed(Redaction.forLogs(fullName, args));
        final String name = clientName == null ? "" : new String(clientName, StandardCharsets.ISO_8859_1);
        final long now = System.currentTimeMillis() / 1000;
        synchronized (this) {
            entries.addFirst(new Entry(nextId++, now, micros, kept, address, name));
            while (entries.size() > config.slowlogMaxLength()) {
                entries.removeLast();
            }
        }
    }

    public synchronized int length() {
        return entries.size();
    }

    public synchronized void reset() {
        entries.clear();
    }

    /** SLOWLOG GET: the newest {@code count} entries ({@code -1}: all). */
    public void write(final long count, final RespWriter out) {
        final List<Entry> shown = new ArrayList<>();
        synchronized (this) {
            final Iterator<Entry> newestFirst = entries.iterator();
            while (newestFirst.hasNext() && (count < 0 || shown.size() < count)) {
                shown.add(newestFirst.next());
            }
        }
        out.array(shown.size());
        for (final Entry entry : shown) {
            out.array(6).integer(entry.id()).integer(entry.timeSeconds()).integer(entry.micros());
            out.array(entry.args().size());
            entry.args().forEach(out::bulk);
            out.bulk(entry.address()).bulk(entry.name());
        }
    }

    private static List<byte[]> trimmed(final List<byte[]> args) {
        final int kept = args.size() > MAX_ARGS ? MAX_ARGS - 1 : args.size();
        final List<byte[]> out = new ArrayList<>(kept + 1);
        for (int i = 0; i < kept; i++) {
            final byte[] arg = args.get(i);
            if (arg.length > MAX_ARG_BYTES) {
                final byte[] suffix = ("... (" + (arg.length - MAX_ARG_BYTES) + " more bytes)")
                    .getBytes(StandardCharsets.US_ASCII);
                final byte[] cut = Arrays.copyOf(arg, MAX_ARG_BYTES + suffix.length);
                System.arraycopy(suffix, 0, cut, MAX_ARG_BYTES, suffix.length);
                out.add(cut);
            } else {
                out.add(arg);
            }
        }
        if (kept < args.size()) {
            out.add(("... (" + (args.size() - kept) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }
}
