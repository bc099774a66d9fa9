package io.elastickv.redis.command;

import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A command answered by the node rather than by the connection alone, possibly later: SAVE waits for a
 * snapshot, DEBUG SLEEP for a timer, SHUTDOWN never answers when it succeeds. It starts once every earlier
 * command of the connection has answered, and the connection's later commands wait for its reply, so a
 * pipeline keeps its order. It cannot be queued in MULTI (EXEC could not wait for it).
 */
@FunctionalInterface
public non-sealed interface DeferredHandler extends CommandHandler {
    /**
     * Runs the command on the connection's thread: either writes the reply at once and returns
     * {@code null}, or returns a stage whose result writes it (on the connection's thread again). A stage
     * that fails answers with its {@link io.elastickv.redis.keyspace.RedisException} text or an internal
     * error.
     */
    CompletionStage<ReplyWriter> execute(Connection connection, List<byte[]> args, RespWriter reply);

    /** Writes a reply that became ready later. */
    @FunctionalInterface
    interface ReplyWriter {
        void write(RespWriter reply);
    }
}
