package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.DENYOOM;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The generic family: commands over keys whatever their type. This class registers the whole family (TTL,
 * OBJECT, DUMP/RESTORE and the keyspace-wide commands live in their own classes) and holds the commands
 * about existence and names: DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY, MOVE.
 */
public final class KeyCommands {
    private static final String SAME_OBJECT = "ERR source and destination objects are the same";

    private KeyCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("del", -2, Set.of(WRITE), 1, -1, 1, KeyCommands::del));
        // Deleting is already cheap here (no memory to reclaim in the background), so UNLINK is DEL.
        table.add(CommandSpec.data("unlink", -2, Set.of(WRITE, FAST), 1, -1, 1, KeyCommands::del));
        table.add(CommandSpec.data("exists", -2, Set.of(READONLY, FAST), 1, -1, 1, KeyCommands::exists));
        // No access times are kept, so TOUCH only counts.
        table.add(CommandSpec.data("touch", -2, Set.of(READONLY, FAST), 1, -1, 1, KeyCommands::exists));
        table.add(CommandSpec.data("type", 2, Set.of(READONLY, FAST), 1, 1, 1, KeyCommands::type));
        table.add(CommandSpec.data("rename", 3, Set.of(WRITE), 1, 2, 1, (k, args, out) -> rename(k, args, out, false)));
        table.add(CommandSpec.data("renamenx", 3, Set.of(WRITE, FAST), 1, 2, 1,
            (k, args, out) -> rename(k, args, out, true)));
        table.add(CommandSpec.data("copy", -3, Set.of(WRITE, DENYOOM), 1, 2, 1, KeyCommands::copy));
        table.add(CommandSpec.data("move", 3, Set.of(WRITE, FAST), 1, 1, 1, KeyCommands::move));
        ExpireCommands.register(table);
        ObjectCommand.register(table);
        DumpCommands.register(table);
        KeyspaceCommands.register(table);
    }

    private static void del(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        long deleted = 0;
        for (int i = 1; i < args.size(); i++) {
            if (keyspace.delete(args.get(i))) {
                deleted++;
            }
        }
        out.integer(deleted);
    }

    /** Counts each argument, so a key given twice counts twice (as Redis does). */
    private static void exists(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        long found = 0;
        for (int i = 1; i < args.size(); i++) {
            if (keyspace.lookup(args.get(i)) != null) {
                found++;
            }
        }
        out.integer(found);
    }

    private static void type(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final KeyMeta meta = keyspace.lookup(args.get(1));
        out.simple(meta == null ? "none" : meta.type().typeName());
    }

    /** RENAME answers OK, RENAMENX 1 or 0; the key keeps its value, type and expiry under the new name. */
    private static void rename(final Keyspace keyspace, final List<byte[]> args, final RespWriter out,
                               final boolean onlyIfAbsent) {
        final byte[] key = args.get(1);
        final byte[] newKey = args.get(2);
        final KeyMeta meta = keyspace.lookup(key);
        if (meta == null) {
            throw new RedisException("ERR no such key");
        }
        if (Arrays.equals(key, newKey)) {
            reply(out, onlyIfAbsent, false);
            return;
        }
        final KeyMeta existing = keyspace.lookup(newKey);
        if (onlyIfAbsent && existing != null) {
            out.integer(0);
            return;
        }
        keyspace.copy(key, meta, keyspace, newKey, existing);
        keyspace.delete(key, meta);
        reply(out, onlyIfAbsent, true);
    }

    private static void reply(final RespWriter out, final boolean onlyIfAbsent, final boolean renamed) {
        if (onlyIfAbsent) {
            out.integer(renamed ? 1 : 0);
        } else {
            out.simple("OK");
        }
    }

    /** {@code COPY source destination [DB destination-db] [REPLACE]}. */
    private static void copy(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        int targetDb = keyspace.db();
        boolean replace = false;
        for (int i = 3; i < args.size(); i++) {
            final String option = Arguments.option(args.get(i));
            if (option.equals("REPLACE")) {
                replace = true;
            } else if (option.equals("DB") && i + 1 < args.size()) {
                targetDb = Arguments.database(args.get(++i));
            } else {
                throw RedisException.syntax();
            }
        }
        final byte[] key = args.get(1);
        final byte[] newKey = args.get(2);
        if (targetDb == keyspace.db() && Arrays.equals(key, newKey)) {
            throw new RedisException(SAME_OBJECT);
        }
        final KeyMeta meta = keyspace.lookup(key);
        if (meta == null) {
            out.integer(0);
            return;
        }
        final Keyspace target = keyspace.database(targetDb);
        final KeyMeta existing = target.lookup(newKey);
        if (existing != null && !replace) {
            out.integer(0);
            return;
        }
        keyspace.copy(key, meta, target, newKey, existing);
        out.integer(1);
    }

    /** {@code MOVE key db}: 1 when moved; 0 when the key is missing or already exists in {@code db}. */
    private static void move(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final int targetDb = Arguments.database(args.get(2));
        if (targetDb == keyspace.db()) {
            throw new RedisException(SAME_OBJECT);
        }
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key);
        final Keyspace target = keyspace.database(targetDb);
        if (meta == null || target.lookup(key) != null) {
            out.integer(0);
            return;
        }
        keyspace.copy(key, meta, target, key, null);
        keyspace.delete(key, meta);
        out.integer(1);
    }
}
