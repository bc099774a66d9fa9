package io.elastickv.redis.command.server;

import io.elastickv.redis.command.Connection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The clients in MONITOR mode and the feed they receive: every command a client runs, except admin
 * commands and those flagged SKIP_MONITOR, as one status line in Redis's format,
 * {@code +1700000000.123456 [0 127.0.0.1:50000] "SET" "k" "v"}, with passwords redacted.
 */
public final class Monitors {
    private final CopyOnWriteArrayList<Connection> monitors = new CopyOnWriteArrayList<>();

    /** True when nobody monitors: the dispatcher checks this before building anything. */
    public boolean isEmpty() {
        return monitors.isEmpty();
    }

    public void add(final Connection connection) {
        monitors.addIfAbsent(connection);
    }

    public void remove(final Connection connection) {
        monitors.remove(connection);
    }

    /** Sends command {@code args} ({@code fullName} its command's name) run by {@code from} on {@code db}. */
    public void feed(final Connection from, final int db, final String fullName, final List<byte[]> args) {
        final Instant now = Instant.now();
        final ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        ascii(line, "+" + now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000) + " [" + db + " "
            + from.remoteAddress() + "] ");
        final List<byte[]> shown = Redaction.forLogs(fullName, args);
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                line.write(' ');
            }
            quote(line, shown.get(i));
        }
        ascii(line, "\r\n");
        final byte[] bytes = line.toByteArray();
        for (final Connection monitor : monitors) {
            monitor.push(bytes);
        }
    }

    /** Redis's quoted representation of a string: C escapes, other unprintable bytes as {@code \xhh}. */
    static void quote(final ByteArrayOutputStream out, final byte[] text) {
        out.write('"');
        for (final byte b : text) {
            final int c = b & 0xff;
            switch (c) {
                case '\\' -> ascii(out, "\\\\");
                case '"' -> ascii(out, "\\\"");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case '\t' -> ascii(out, "\\t");
                case 7 -> ascii(out, "\\a");
                case '\b' -> ascii(out, "\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.write(c);
                    } else {
                        ascii(out, String.format("\\x%02x", c));
                    }
                }
            }
        }
        out.write('"');
    }

    private static void ascii(final ByteArrayOutputStream out, final String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
