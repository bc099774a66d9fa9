package io.elastickv.redis.command;

import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/** Executes one command whose name and arity the table already checked; writes exactly one reply. */
@FunctionalInterface
public interface CommandHandler {
    void execute(Connection connection, List<byte[]> args, RespWriter reply);
}
