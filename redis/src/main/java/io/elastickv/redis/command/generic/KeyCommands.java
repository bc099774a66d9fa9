package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.Set;

/** Commands over keys whatever their type: DEL, EXISTS. */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("del", -2, Set.of(WRITE), 1, -1, 1, KeyCommands::del));
        table.add(CommandSpec.data("exists", -2, Set.of(READONLY, FAST), 1, -1, 1, KeyCommands::exists));
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
}
