package io.elastickv.redis.command;

import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/**
 * A command over the keyspace; it writes exactly one reply or throws a
 * {@link io.elastickv.redis.keyspace.RedisException}. It must be deterministic: it runs on every replica,
 * and its only inputs are its arguments and the keyspace (whose "now" and seed come from the log entry).
 */
@FunctionalInterface
public non-sealed interface DataHandler extends CommandHandler {
    void execute(Keyspace keyspace, List<byte[]> args, RespWriter reply);
}
