package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.GlobPattern;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Commands over a whole database or all of them: KEYS, SCAN, RANDOMKEY, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB.
 *
 * <p>SCAN's cursor is a position in the database's scan order (see
 * {@link io.elastickv.redis.keyspace.RedisKeys}): keys sorted by a 63-bit hash of the key. A page reads the
 * next COUNT entries from the cursor and answers the position after the last one. So a cursor holds no
 * server state, works on any connection and any node, survives restarts and failover, and each call costs
 * COUNT entries, never the size of the database. A key that exists for the whole scan has one fixed
 * position and is returned exactly once; keys added or deleted meanwhile may or may not be, as in Redis.
 */
final class KeyspaceCommands {
    private static final int DEFAULT_COUNT = 10;
    /** Keys read per store scan by KEYS. */
    private static final int KEYS_CHUNK = 1024;

    private KeyspaceCommands() {
    }

    static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("keys", 2, Set.of(READONLY), 0, 0, 0, KeyspaceCommands::keys));
        table.add(CommandSpec.data("scan", -2, Set.of(READONLY), 0, 0, 0, KeyspaceCommands::scan));
        table.add(CommandSpec.data("randomkey", 1, Set.of(READONLY), 0, 0, 0, KeyspaceCommands::randomKey));
        table.add(CommandSpec.data("dbsize", 1, Set.of(READONLY, FAST), 0, 0, 0,
            (keyspace, args, out) -> out.integer(keyspace.size())));
        table.add(CommandSpec.data("flushdb", -1, Set.of(WRITE), 0, 0, 0, (keyspace, args, out) -> {
            checkFlushMode(args);
            keyspace.flush();
            out.simple("OK");
        }));
        table.add(CommandSpec.data("flushall", -1, Set.of(WRITE), 0, 0, 0, (keyspace, args, out) -> {
            checkFlushMode(args);
            for (int db = 0; db < Keyspace.DATABASES; db++) {
                keyspace.database(db).flush();
            }
            out.simple("OK");
        }));
        table.add(CommandSpec.data("swapdb", 3, Set.of(WRITE, FAST), 0, 0, 0, KeyspaceCommands::swapDb));
    }

    /** KEYS reads only the part of the key space that the pattern's literal prefix allows. */
    private static void keys(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final GlobPattern pattern = GlobPattern.of(args.get(1));
        final List<byte[]> matches = new ArrayList<>();
        byte[] after = null;
        Keyspace.KeyPage page;
        do {
            page = keyspace.keys(pattern.literalPrefix(), after, KEYS_CHUNK);
            for (final Keyspace.KeyEntry entry : page.entries()) {
                // Like Redis, "*" is no filter at all, so it lists even the empty key (which "*" does not match).
                if (pattern.matchesEverything() || pattern.matches(entry.key())) {
                    matches.add(entry.key());
                }
            }
            after = page.lastExamined();
        } while (!page.complete());
        out.array(matches.size());
        matches.forEach(out::bulk);
    }

    /** {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}. */
    private static void scan(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final long cursor = parseCursor(args.get(1));
        long count = DEFAULT_COUNT;
        GlobPattern pattern = null;
        String type = null;
        for (int i = 2; i < args.size(); i += 2) {
            final String option = Arguments.option(args.get(i));
            if (i + 1 >= args.size()) {
                throw RedisException.syntax();
            }
            switch (option) {
                case "COUNT" -> {
                    count = Arguments.integer(args.get(i + 1));
                    if (count < 1) {
                        throw RedisException.syntax();
                    }
                }
                case "MATCH" -> pattern = GlobPattern.of(args.get(i + 1));
                case "TYPE" -> type = Arguments.text(args.get(i + 1));
                default -> throw RedisException.syntax();
            }
        }
        if (cursor < 0) {
            // Beyond every position (the cursor is unsigned): the scan is over.
            writeScanReply(out, 0, List.of());
            return;
        }
        final Keyspace.ScanPage page = keyspace.scan(cursor, (int) Math.min(count, Integer.MAX_VALUE));
        final List<byte[]> keys = new ArrayList<>(page.entries().size());
        for (final Keyspace.KeyEntry entry : page.entries()) {
            if ((pattern == null || pattern.matchesEverything() || pattern.matches(entry.key()))
                && (type == null || entry.meta().type().typeName().equalsIgnoreCase(type))) {
                keys.add(entry.key());
            }
        }
        writeScanReply(out, page.nextCursor(), keys);
    }

    private static void writeScanReply(final RespWriter out, final long nextCursor, final List<byte[]> keys) {
        out.array(2);
        out.bulk(Long.toString(nextCursor));
        out.array(keys.size());
        keys.forEach(out::bulk);
    }

    /**
     * The cursor as Redis reads it ({@code strtoul}, base 10): optional sign, digits, nothing else; a leading
     * space or a value past 64 bits is {@code ERR invalid cursor}, an empty string is 0, and a minus sign
     * wraps around. The result is unsigned, so a negative long stands for a cursor of 2^63 or more.
     */
    static long parseCursor(final byte[] arg) {
        final RedisException invalid = new RedisException("ERR invalid cursor");
        if (arg.length == 0) {
            return 0;
        }
        int i = 0;
        final boolean negative = arg[0] == '-';
        if (negative || arg[0] == '+') {
            i++;
        }
        if (i == arg.length) {
            throw invalid;
        }
        long value = 0;
        for (; i < arg.length; i++) {
            final int digit = arg[i] - '0';
            if (digit < 0 || digit > 9 || Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw invalid;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static void randomKey(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = keyspace.randomKey();
        if (key == null) {
            out.nullBulk();
        } else {
            out.bulk(key);
        }
    }

    /** The optional ASYNC or SYNC of FLUSHDB and FLUSHALL; both flush at once here. */
    private static void checkFlushMode(final List<byte[]> args) {
        if (args.size() > 2 || (args.size() == 2 && !Set.of("ASYNC", "SYNC").contains(Arguments.option(args.get(1))))) {
            throw RedisException.syntax();
        }
    }

    private static void swapDb(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final int first = swapIndex(args.get(1), "first");
        final int second = swapIndex(args.get(2), "second");
        if (first < 0 || first >= Keyspace.DATABASES || second < 0 || second >= Keyspace.DATABASES) {
            throw new RedisException("ERR DB index is out of range");
        }
        if (first != second) {
            keyspace.database(first).swapWith(second);
        }
        out.simple("OK");
    }

    /** An index that is not an int is Redis's "invalid first/second DB index"; the range is checked later. */
    private static int swapIndex(final byte[] arg, final String which) {
        final long index = Arguments.isInteger(arg) ? Arguments.integer(arg) : Long.MIN_VALUE;
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new RedisException("ERR invalid " + which + " DB index");
        }
        return (int) index;
    }
}
