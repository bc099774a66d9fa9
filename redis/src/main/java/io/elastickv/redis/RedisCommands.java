package io.elastickv.redis;

import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.connection.ConnectionCommands;
import io.elastickv.redis.command.generic.KeyCommands;
import io.elastickv.redis.command.hash.HashCommands;
import io.elastickv.redis.command.server.ServerCommands;
import io.elastickv.redis.command.string.StringCommands;
import io.elastickv.redis.command.tx.TransactionCommands;

/** The Redis front end's one command table, assembled from the command families. */
public final class RedisCommands {
    private RedisCommands() {
    }

    public static CommandTable table() {
        final CommandTable.Builder table = CommandTable.builder();
        ConnectionCommands.register(table);
        TransactionCommands.register(table);
        KeyCommands.register(table);
        StringCommands.register(table);
        HashCommands.register(table);
        ServerCommands.register(table);
        return table.build();
    }
}
