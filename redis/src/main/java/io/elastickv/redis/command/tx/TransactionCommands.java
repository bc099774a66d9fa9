package io.elastickv.redis.command.tx;

import static io.elastickv.redis.command.CommandSpec.Flag.ALLOW_BUSY;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.SKIP_SLOWLOG;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.raft.entry.FrameCodec;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.DataHandler;
import io.elastickv.redis.command.LocalHandler;
import io.elastickv.redis.command.ProposalHandler;
import io.elastickv.redis.command.SessionReadHandler;
import io.elastickv.redis.command.TransactionState;
import io.elastickv.redis.exec.CommandCodec;
import io.elastickv.redis.exec.RedisCommandExecutor;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.redis.resp.StrictNumbers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH. The dispatcher queues commands while a block is open; EXEC turns
 * the block into one replicated command, so it runs atomically on every replica whatever it holds.
 *
 * <p>WATCH records a token per key (the version of its metadata record, negative when the key is not live)
 * read after a fence; the state machine compares the tokens before running the block and answers a null
 * array when any differs, which covers writes, deletes and expiry of a watched key. Commands answered by
 * the connection alone (PING, ECHO, SELECT, CLIENT SETNAME) run only when the block runs, in their place in
 * its reply; a SELECT inside the block still sets the database of the data commands after it.
 */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        final Set<CommandSpec.Flag> control = Set.of(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY);
        table.add(CommandSpec.local("multi", 1, control, TransactionCommands::multi));
        table.add(CommandSpec.local("discard", 1, control, TransactionCommands::discard));
        table.add(CommandSpec.local("unwatch", 1, control, (connection, args, out) -> {
            connection.unwatchAll();
            out.simple("OK");
        }));
        table.add(new CommandSpec("watch", -2, control, 1, -1, 1, (SessionReadHandler) TransactionCommands::watch));
        table.add(new CommandSpec("exec", 1, Set.of(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG), 0, 0, 0,
            (ProposalHandler) TransactionCommands::exec));
    }

    private static void multi(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (connection.transaction() != null) {
            out.error("ERR MULTI calls can not be nested");
            return;
        }
        connection.beginTransaction();
        out.simple("OK");
    }

    private static void discard(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (connection.transaction() == null) {
            out.error("ERR DISCARD without MULTI");
            return;
        }
        connection.endTransaction();
        connection.unwatchAll();
        out.simple("OK");
    }

    private static void watch(final Connection connection, final Keyspace keyspace, final List<byte[]> args,
                              final RespWriter out) {
        if (connection.transaction() != null) {
            out.error("ERR WATCH inside MULTI is not allowed");
            return;
        }
        for (int i = 1; i < args.size(); i++) {
            connection.watch(keyspace.db(), args.get(i), keyspace.watchToken(args.get(i)));
        }
        out.simple("OK");
    }

    private static ProposalHandler.Proposal exec(final Connection connection, final List<byte[]> args,
                                                 final RespWriter out) {
        final TransactionState transaction = connection.transaction();
        if (transaction == null) {
            out.error("ERR EXEC without MULTI");
            return null;
        }
        connection.endTransaction();
        final List<Map.Entry<Connection.WatchedKey, Long>> watched = connection.watchedKeys();
        connection.unwatchAll();
        if (transaction.aborted()) {
            out.error("EXECABORT Transaction discarded because of previous errors.");
            return null;
        }
        // Connection-only commands run when the block runs, not now: an aborted block must leave the
        // connection as it was. Only SELECT matters before that, for the database of the commands after it.
        final List<CommandCodec.DbCommand> replicated = new ArrayList<>();
        int db = connection.database();
        for (final TransactionState.Queued queued : transaction.queued()) {
            if (queued.spec().handler() instanceof DataHandler) {
                replicated.add(new CommandCodec.DbCommand(db, queued.args()));
            } else if (queued.spec().name().equals("select")) {
                db = selectedDatabase(queued.args().get(1), db);
            }
        }
        final List<TransactionState.Queued> queued = transaction.queued();
        if (replicated.isEmpty() && watched.isEmpty()) {
            writeExecuted(connection, queued, List.of(), out);
            return null;
        }
        final List<CommandCodec.Watch> watches = new ArrayList<>(watched.size());
        watched.forEach(w -> watches.add(new CommandCodec.Watch(w.getKey().db(), w.getKey().key(), w.getValue())));
        return new ProposalHandler.Proposal(CommandCodec.transaction(connection.protocol(), watches, replicated),
            (reply, writer) -> {
                if (reply[0] == '-') {
                    writer.raw(reply);
                } else if (reply[0] == RedisCommandExecutor.TX_ABORTED) {
                    writer.nullArray();
                } else {
                    writeExecuted(connection, queued, FrameCodec.decode(java.nio.ByteBuffer.wrap(reply, 1,
                        reply.length - 1).slice()), writer);
                }
            });
    }

    /** The database a queued {@code SELECT index} leaves the connection in: {@code current} if it will fail. */
    private static int selectedDatabase(final byte[] index, final int current) {
        final long parsed = StrictNumbers.parseLong(index);
        return parsed >= 0 && parsed < Keyspace.DATABASES ? (int) parsed : current;
    }

    /**
     * EXEC's reply once the block ran: connection-only commands execute now, in order, and the data
     * commands' replies come from the replicated execution.
     */
    private static void writeExecuted(final Connection connection, final List<TransactionState.Queued> queued,
                                      final List<byte[]> replicatedReplies, final RespWriter out) {
        out.array(queued.size());
        int next = 0;
        for (final TransactionState.Queued command : queued) {
            if (command.spec().handler() instanceof LocalHandler local) {
                final ByteBuf reply = Unpooled.buffer();
                local.execute(connection, command.args(), new RespWriter(reply, connection.protocol()));
                out.raw(ByteBufUtil.getBytes(reply));
                reply.release();
            } else {
                out.raw(replicatedReplies.get(next++));
            }
        }
    }
}
