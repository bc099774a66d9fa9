package io.elastickv.redis.server;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.server.CommandStats;
import io.elastickv.redis.command.server.ServerStats;
import java.nio.charset.StandardCharsets;

/**
 * The command table as one server's dispatchers look it up: from the name's bytes, in any case, to the
 * command and its counters, without building a string. Open addressing over a power-of-two array; built once
 * per server and read-only afterwards.
 */
final class CommandIndex {
    private final Entry[] slots;
    private final int mask;

    /** A command with the counters of this server. */
    record Entry(byte[] lowerName, CommandSpec spec, CommandStats stats) {
    }

    CommandIndex(final CommandTable table, final ServerStats stats) {
        final int size = Integer.highestOneBit(Math.max(4, table.specs().size() * 4));
        this.slots = new Entry[size];
        this.mask = size - 1;
        for (final CommandSpec spec : table.specs()) {
            final byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int i = hash(name) & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            slots[i] = new Entry(name, spec, stats.of(spec));
        }
    }

    /** The command named {@code name} (any case), or null. */
    Entry lookup(final byte[] name) {
        for (int i = hash(name) & mask; slots[i] != null; i = (i + 1) & mask) {
            if (equalsIgnoringCase(slots[i].lowerName(), name)) {
                return slots[i];
            }
        }
        return null;
    }

    private static int hash(final byte[] name) {
        int h = 0x811c9dc5;
        for (final byte b : name) {
            h = (h ^ lower(b)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoringCase(final byte[] lowerName, final byte[] name) {
        if (lowerName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerName[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(final byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
