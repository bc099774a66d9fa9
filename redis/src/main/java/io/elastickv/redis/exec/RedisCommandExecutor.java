package io.elastickv.redis.exec;

import io.elastickv.raft.CommandExecutor;
import io.elastickv.raft.ExecutionContext;
import io.elastickv.raft.entry.FrameCodec;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.DataHandler;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs replicated Redis commands in the state machine: the {@link CommandExecutor} the Redis front end
 * registers with its Raft group. Every replica runs the same {@link DataHandler} the read path runs, over
 * the entry's context, so a write's effects and reply are identical everywhere.
 *
 * <p>Replies: a command's reply is its RESP bytes. A transaction's reply is {@link #TX_ABORTED} when a
 * WATCHed key changed, else {@link #TX_EXECUTED} followed by the frames of its commands' replies; a
 * command of a transaction that fails answers with its error and the others still run, as in Redis.
 */
public final class RedisCommandExecutor implements CommandExecutor {
    public static final byte TX_ABORTED = 0;
    public static final byte TX_EXECUTED = 1;

    private final CommandTable table;

    public RedisCommandExecutor(final CommandTable table) {
        this.table = table;
    }

    @Override
    public byte[] execute(final byte[] command, final ExecutionContext context) {
        return switch (CommandCodec.kind(command)) {
            case CommandCodec.COMMAND -> {
                final CommandCodec.DbCommand decoded = CommandCodec.decodeCommand(command);
                yield run(decoded, CommandCodec.protocol(command), context);
            }
            case CommandCodec.TRANSACTION -> transaction(command, context);
            case CommandCodec.EXPIRE -> expire(command, context);
            default -> throw new IllegalArgumentException("unknown command kind=" + CommandCodec.kind(command));
        };
    }

    @Override
    public byte[] errorReply(final byte[] command, final RuntimeException failure) {
        return errorBytes(failure);
    }

    private byte[] run(final CommandCodec.DbCommand command, final int protocol, final ExecutionContext context) {
        final CommandSpec spec = table.lookup(command.args().get(0));
        if (spec == null || !(spec.handler() instanceof DataHandler handler)) {
            // Only data commands are ever proposed; anything else is a front end of another version.
            throw new RedisException("ERR command '" + new String(command.args().get(0), StandardCharsets.ISO_8859_1)
                + "' cannot run in the state machine");
        }
        final ByteBuf out = Unpooled.buffer(32);
        handler.execute(new Keyspace(context, command.db(), true), command.args(), new RespWriter(out, protocol));
        return ByteBufUtil.getBytes(out);
    }

    private byte[] transaction(final byte[] command, final ExecutionContext context) {
        for (final CommandCodec.Watch watch : CommandCodec.decodeWatches(command)) {
            // Read-only: checking a token must not delete an expired key of a block that may be aborted.
            if (new Keyspace(context, watch.db(), false).watchToken(watch.key()) != watch.token()) {
                return new byte[] {TX_ABORTED};
            }
        }
        final int protocol = CommandCodec.protocol(command);
        final List<byte[]> replies = new ArrayList<>();
        for (final CommandCodec.DbCommand queued : CommandCodec.decodeTransactionCommands(command)) {
            byte[] reply;
            try {
                reply = run(queued, protocol, context);
            } catch (RedisException e) {
                reply = errorBytes(e);
            }
            replies.add(reply);
        }
        final byte[] frames = FrameCodec.encode(replies);
        final byte[] out = new byte[1 + frames.length];
        out[0] = TX_EXECUTED;
        System.arraycopy(frames, 0, out, 1, frames.length);
        return out;
    }

    private static byte[] expire(final byte[] command, final ExecutionContext context) {
        long deleted = 0;
        for (final CommandCodec.Due due : CommandCodec.decodeExpire(command)) {
            if (new Keyspace(context, due.db(), true).expireIfDue(due.key(), due.expiryMs())) {
                deleted++;
            }
        }
        final ByteBuf out = Unpooled.buffer(16);
        new RespWriter(out, 2).integer(deleted);
        return ByteBufUtil.getBytes(out);
    }

    /** The RESP error for a failed command: its Redis error text, or a generic one for a bug. */
    static byte[] errorBytes(final RuntimeException failure) {
        final ByteBuf out = Unpooled.buffer(64);
        new RespWriter(out, 2).error(failure instanceof RedisException ? failure.getMessage()
            : "ERR internal error executing the command (" + failure.getClass().getSimpleName() + ")");
        return ByteBufUtil.getBytes(out);
    }
}
