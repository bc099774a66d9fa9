package io.elastickv.redis.command;

import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/** A read that also keeps state on the connection; runs on this node after a read fence. */
@FunctionalInterface
public non-sealed interface SessionReadHandler extends CommandHandler {
    void execute(Connection connection, Keyspace keyspace, List<byte[]> args, RespWriter reply);
}
