package io.elastickv.redis.command.string;

import static io.elastickv.redis.command.CommandSpec.Flag.DENYOOM;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.Set;

/**
 * The string family. Values live inline in the key's metadata record, so each command is one lookup per
 * key. Arity, flags and key positions are those redis-server reports in COMMAND INFO.
 */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("get", 2, Set.of(READONLY, FAST), 1, 1, 1, StringCommands::get));
        table.add(CommandSpec.data("set", -3, Set.of(WRITE, DENYOOM), 1, 1, 1, SetCommand::set));
        table.add(CommandSpec.data("setnx", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::setnx));
        table.add(CommandSpec.data("setex", 4, Set.of(WRITE, DENYOOM), 1, 1, 1, SetCommand::setex));
        table.add(CommandSpec.data("psetex", 4, Set.of(WRITE, DENYOOM), 1, 1, 1, SetCommand::psetex));
        table.add(CommandSpec.data("getset", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::getset));
        table.add(CommandSpec.data("getdel", 2, Set.of(WRITE, FAST), 1, 1, 1, StringCommands::getdel));
        table.add(CommandSpec.data("getex", -2, Set.of(WRITE, FAST), 1, 1, 1, SetCommand::getex));
        table.add(CommandSpec.data("mget", -2, Set.of(READONLY, FAST), 1, -1, 1, StringCommands::mget));
        table.add(CommandSpec.data("mset", -3, Set.of(WRITE, DENYOOM), 1, -1, 2, StringCommands::mset));
        table.add(CommandSpec.data("msetnx", -3, Set.of(WRITE, DENYOOM), 1, -1, 2, StringCommands::msetnx));
        table.add(CommandSpec.data("strlen", 2, Set.of(READONLY, FAST), 1, 1, 1, StringCommands::strlen));
        table.add(CommandSpec.data("append", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, RangeCommands::append));
        table.add(CommandSpec.data("getrange", 4, Set.of(READONLY), 1, 1, 1, RangeCommands::getrange));
        table.add(CommandSpec.data("substr", 4, Set.of(READONLY), 1, 1, 1, RangeCommands::getrange));
        table.add(CommandSpec.data("setrange", 4, Set.of(WRITE, DENYOOM), 1, 1, 1, RangeCommands::setrange));
        table.add(CommandSpec.data("incr", 2, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, CounterCommands::incr));
        table.add(CommandSpec.data("decr", 2, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, CounterCommands::decr));
        table.add(CommandSpec.data("incrby", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, CounterCommands::incrby));
        table.add(CommandSpec.data("decrby", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1, CounterCommands::decrby));
        table.add(CommandSpec.data("incrbyfloat", 3, Set.of(WRITE, DENYOOM, FAST), 1, 1, 1,
            CounterCommands::incrbyfloat));
        table.add(CommandSpec.data("lcs", -3, Set.of(READONLY), 1, 2, 1, LcsCommand::lcs));
    }

    private static void get(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        bulkOrNull(out, keyspace.lookup(args.get(1), RedisType.STRING));
    }

    private static void setnx(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        if (keyspace.lookup(key) != null) {
            out.integer(0);
            return;
        }
        keyspace.setString(key, null, args.get(2), 0);
        out.integer(1);
    }

    /** Like SET, GETSET drops the key's expiry. */
    private static void getset(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta previous = keyspace.lookup(key, RedisType.STRING);
        keyspace.setString(key, previous, args.get(2), 0);
        bulkOrNull(out, previous);
    }

    private static void getdel(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        if (meta != null) {
            keyspace.delete(key, meta);
        }
        bulkOrNull(out, meta);
    }

    /** A key of another type is answered with a null, not WRONGTYPE. */
    private static void mget(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        out.array(args.size() - 1);
        for (int i = 1; i < args.size(); i++) {
            final KeyMeta meta = keyspace.lookup(args.get(i));
            bulkOrNull(out, meta == null || meta.type() != RedisType.STRING ? null : meta);
        }
    }

    /** Pairs are set in order, so a key given twice ends with its last value; each loses its expiry. */
    private static void mset(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        requirePairs(args, "mset");
        setPairs(keyspace, args);
        out.simple("OK");
    }

    /** Sets nothing, and answers 0, when any of the keys exists (of whatever type). */
    private static void msetnx(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        requirePairs(args, "msetnx");
        for (int i = 1; i < args.size(); i += 2) {
            if (keyspace.lookup(args.get(i)) != null) {
                out.integer(0);
                return;
            }
        }
        setPairs(keyspace, args);
        out.integer(1);
    }

    private static void strlen(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final KeyMeta meta = keyspace.lookup(args.get(1), RedisType.STRING);
        out.integer(meta == null ? 0 : meta.stringValue().length);
    }

    /** MSET's arity is odd beyond its minimum; Redis reports an even count as a wrong number of arguments. */
    private static void requirePairs(final List<byte[]> args, final String command) {
        if (args.size() % 2 == 0) {
            throw new RedisException(Subcommands.wrongArity(command));
        }
    }

    private static void setPairs(final Keyspace keyspace, final List<byte[]> args) {
        for (int i = 1; i < args.size(); i += 2) {
            final byte[] key = args.get(i);
            keyspace.setString(key, keyspace.lookup(key), args.get(i + 1), 0);
        }
    }

    /** The string value of {@code meta}, or a null reply for a missing key. */
    static void bulkOrNull(final RespWriter out, final KeyMeta meta) {
        if (meta == null) {
            out.nullBulk();
        } else {
            out.bulk(meta.stringValue());
        }
    }

    /** Replaces the value of {@code key} (whose live metadata is {@code meta}, or null) keeping its expiry. */
    static void replaceValue(final Keyspace keyspace, final byte[] key, final KeyMeta meta, final byte[] value) {
        keyspace.setString(key, meta, value, meta == null ? 0 : meta.expiryMs());
    }
}
