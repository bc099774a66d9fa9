package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.store.hlc.HybridLogicalClock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT key} and {@code OBJECT HELP}.
 *
 * <p>Encodings follow {@link Encodings}. No eviction policy exists, so FREQ answers Redis's error for a
 * server without an LFU policy. Reads do not write, so no access time is kept: IDLETIME reports the seconds
 * since the key was last written. REFCOUNT is 1, except for the integers Redis shares.
 */
final class ObjectCommand {
    private static final String[] HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };
    private static final String NO_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked."
        + " Please note that when switching between policies at runtime LRU and LFU data will take some time to"
        + " adjust.";
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    private ObjectCommand() {
    }

    static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("object", -2, Set.of(READONLY), 2, 2, 1, ObjectCommand::object));
    }

    private static void object(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final String sub = Arguments.option(args.get(1));
        final int arity = switch (sub) {
            case "HELP" -> 2;
            case "ENCODING", "FREQ", "IDLETIME", "REFCOUNT" -> 3;
            default -> throw new RedisException("ERR unknown subcommand '" + Arguments.text(args.get(1))
                + "'. Try OBJECT HELP.");
        };
        if (args.size() != arity) {
            throw new RedisException(Subcommands.wrongArity("object|" + sub.toLowerCase(Locale.ROOT)));
        }
        if (sub.equals("HELP")) {
            out.array(HELP.length);
            for (final String line : HELP) {
                out.simple(line);
            }
            return;
        }
        final byte[] key = args.get(2);
        final KeyMeta meta = keyspace.lookup(key);
        if (meta == null) {
            out.nullBulk();
            return;
        }
        switch (sub) {
            case "ENCODING" -> out.bulk(Encodings.of(keyspace, key, meta));
            case "FREQ" -> throw new RedisException(NO_LFU);
            case "IDLETIME" -> out.integer(
                Math.max(0, keyspace.nowMs() - HybridLogicalClock.physicalMs(meta.commitTs())) / 1000);
            default -> out.integer(isShared(meta) ? SHARED_REFCOUNT : 1);
        }
    }

    private static boolean isShared(final KeyMeta meta) {
        final byte[] value = meta.stringValue();
        if (value == null || !Encodings.ofString(value).equals("int")) {
            return false;
        }
        final long number = Arguments.integer(value);
        return number >= 0 && number < Encodings.SHARED_INTEGERS;
    }
}
