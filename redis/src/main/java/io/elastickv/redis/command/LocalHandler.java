package io.elastickv.redis.command;

import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/** A command answered by the connection alone; it writes exactly one reply. */
@FunctionalInterface
public non-sealed interface LocalHandler extends CommandHandler {
    void execute(Connection connection, List<byte[]> args, RespWriter reply);
}
