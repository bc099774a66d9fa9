package io.elastickv.redis.command.string;

import static io.elastickv.redis.command.CommandSpec.Flag.DENYOOM;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.Set;

/** The string family. Values live inline in the key's metadata record, so each command is one lookup. */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("get", 2, Set.of(READONLY, FAST), 1, 1, 1, StringCommands::get));
        table.add(CommandSpec.data("set", -3, Set.of(WRITE, DENYOOM), 1, 1, 1, SetCommand::set));
    }

    private static void get(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] value = keyspace.getString(args.get(1));
        if (value == null) {
            out.nullBulk();
        } else {
            out.bulk(value);
        }
    }

    /** The live string metadata of {@code key}, or null; another type is {@code WRONGTYPE}. */
    static KeyMeta stringMeta(final Keyspace keyspace, final byte[] key) {
        final KeyMeta meta = keyspace.lookup(key);
        if (meta != null && meta.type() != RedisType.STRING) {
            throw RedisException.wrongType();
        }
        return meta;
    }
}
