package io.elastickv.redis.server;

import io.elastickv.raft.ProposalException;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.DataHandler;
import io.elastickv.redis.command.LocalHandler;
import io.elastickv.redis.command.ProposalHandler;
import io.elastickv.redis.command.SessionReadHandler;
import io.elastickv.redis.exec.CommandCodec;
import io.elastickv.redis.exec.ReadView;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's commands and writes their replies in request order.
 *
 * <p>Commands take one of three paths (see {@link io.elastickv.redis.command.CommandHandler}): local ones
 * answer at once; reads wait for a read fence and then run against the local store; writes are proposed to
 * the Raft log. A pipeline keeps Redis's sequential meaning with these rules, all applied on the
 * connection's event-loop thread in request order:
 *
 * <ul>
 *   <li>Consecutive writes are proposed back to back without waiting for each other; the proposer keeps
 *   their order in the log.</li>
 *   <li>A read starts only when no earlier write is in flight, so it sees them; consecutive reads share one
 *   fence and run at one watermark, so a later read never sees an older state than an earlier one.</li>
 *   <li>A write starts only when no earlier read is in flight, so no earlier read can see it; local commands
 *   (which may change connection state a read records) also wait for in-flight reads.</li>
 * </ul>
 *
 * Replies are buffered per connection and flushed once per socket read, or as soon as a late reply
 * completes the head of the line. A connection with too many unanswered commands, or whose socket is not
 * writable (a slow reader), stops being read until it catches up: backpressure instead of unbounded memory.
 */
final class CommandDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** Unanswered commands a connection may have before reading from it pauses. */
    static final int MAX_UNANSWERED = 1024;

    /** Commands that act on a MULTI block instead of joining it (Redis's list). */
    private static final Set<String> TRANSACTION_CONTROL = Set.of("exec", "discard", "multi", "watch", "quit",
        "reset");

    private final CommandTable table;
    private final ReplicatedGroup group;
    private final Connection connection;
    private final ArrayDeque<Slot> unanswered = new ArrayDeque<>();
    private final ArrayDeque<Slot> unstarted = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int readsInFlight;
    private int writesInFlight;
    private boolean inReadBatch;
    private boolean closing;

    CommandDispatcher(final CommandTable table, final ReplicatedGroup group, final Connection connection) {
        this.table = table;
        this.group = group;
        this.connection = connection;
    }

    /** One command from arrival to its flushed reply. */
    private static final class Slot {
        final List<byte[]> args;
        final String protocolError;
        ByteBuf reply;
        boolean done;
        boolean closeAfter;

        Slot(final List<byte[]> args, final String protocolError) {
            this.args = args;
            this.protocolError = protocolError;
        }
    }

    private enum Path { LOCAL, READ, WRITE }

    @Override
    public void handlerAdded(final ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void channelRead(final ChannelHandlerContext context, final Object msg) {
        if (closing) {
            return;
        }
        inReadBatch = true;
        final Slot slot = msg instanceof ProtocolError error ? new Slot(null, error.message())
            : new Slot((List<byte[]>) msg, null);
        unanswered.add(slot);
        unstarted.add(slot);
        pump();
        if (unanswered.size() >= MAX_UNANSWERED) {
            context.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext context) {
        inReadBatch = false;
        writeAnswered();
        context.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext context) {
        updateAutoRead();
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context) {
        closing = true;
        for (final Slot slot : unanswered) {
            if (slot.reply != null) {
                slot.reply.release();
                slot.reply = null;
            }
        }
        unanswered.clear();
        unstarted.clear();
        context.fireChannelInactive();
    }

    /** Starts every command whose turn has come, in request order. */
    private void pump() {
        while (!unstarted.isEmpty() && !closing) {
            final Slot slot = unstarted.peek();
            final CommandSpec spec = slot.protocolError == null ? table.lookup(slot.args.get(0)) : null;
            final Path path = path(slot, spec);
            if (path == Path.READ) {
                if (writesInFlight > 0) {
                    return;
                }
                startReads();
            } else if (path == Path.WRITE) {
                if (readsInFlight > 0) {
                    return;
                }
                unstarted.poll();
                startWrite(slot, spec);
            } else {
                if (readsInFlight > 0) {
                    return;
                }
                unstarted.poll();
                runLocal(slot, spec);
            }
        }
    }

    private Path path(final Slot slot, final CommandSpec spec) {
        if (spec == null || !spec.acceptsArgumentCount(slot.args.size())) {
            return Path.LOCAL;
        }
        if (connection.transaction() != null && !TRANSACTION_CONTROL.contains(spec.name())) {
            return Path.LOCAL;
        }
        if (spec.handler() instanceof LocalHandler) {
            return Path.LOCAL;
        }
        if (spec.handler() instanceof DataHandler) {
            return spec.isWrite() ? Path.WRITE : Path.READ;
        }
        return spec.handler() instanceof SessionReadHandler ? Path.READ : Path.WRITE;
    }

    private void runLocal(final Slot slot, final CommandSpec spec) {
        final RespWriter out = writer(slot);
        if (slot.protocolError != null) {
            out.error(slot.protocolError);
            slot.closeAfter = true;
        } else if (spec == null) {
            rejectInTransaction();
            out.error(unknownCommand(slot.args));
        } else if (!spec.acceptsArgumentCount(slot.args.size())) {
            rejectInTransaction();
            out.error("ERR wrong number of arguments for '" + spec.name() + "' command");
        } else if (connection.transaction() != null && !TRANSACTION_CONTROL.contains(spec.name())) {
            queueInTransaction(slot, spec, out);
        } else {
            try {
                ((LocalHandler) spec.handler()).execute(connection, slot.args, out);
            } catch (RedisException e) {
                slot.reply.clear();
                out.error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("command {} failed", spec.name(), e);
                slot.reply.clear();
                out.error("ERR internal error: " + e.getClass().getSimpleName());
            }
            slot.closeAfter = connection.shouldClose();
        }
        answered(slot);
    }

    private void queueInTransaction(final Slot slot, final CommandSpec spec, final RespWriter out) {
        if (spec.flags().contains(CommandSpec.Flag.NO_MULTI) || spec.handler() instanceof SessionReadHandler) {
            rejectInTransaction();
            out.error("ERR Command not allowed inside a transaction");
            return;
        }
        connection.transaction().queue(spec, slot.args);
        out.simple("QUEUED");
    }

    private void rejectInTransaction() {
        if (connection.transaction() != null) {
            connection.transaction().abort();
        }
    }

    /** Starts the run of consecutive reads at the head of the line under one fence. */
    private void startReads() {
        final List<Slot> batch = new ArrayList<>();
        while (!unstarted.isEmpty()) {
            final Slot next = unstarted.peek();
            final CommandSpec spec = next.protocolError == null ? table.lookup(next.args.get(0)) : null;
            if (path(next, spec) != Path.READ) {
                break;
            }
            batch.add(unstarted.poll());
        }
        final int db = connection.database();
        final int protocol = connection.protocol();
        readsInFlight += batch.size();
        group.fence().whenComplete((ignored, failure) -> ctx.executor().execute(() -> {
            readsInFlight -= batch.size();
            if (closing) {
                return;
            }
            final Keyspace keyspace = failure == null ? new Keyspace(ReadView.atWatermark(group.store()), db, false)
                : null;
            for (final Slot slot : batch) {
                final RespWriter out = writer(slot, protocol);
                if (failure != null) {
                    out.error(failureText(failure));
                    slot.done = true;
                    continue;
                }
                final CommandSpec spec = table.lookup(slot.args.get(0));
                try {
                    if (spec.handler() instanceof SessionReadHandler session) {
                        session.execute(connection, keyspace, slot.args, out);
                    } else {
                        ((DataHandler) spec.handler()).execute(keyspace, slot.args, out);
                    }
                } catch (RedisException e) {
                    slot.reply.clear();
                    out.error(e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("read {} failed", spec.name(), e);
                    slot.reply.clear();
                    out.error(failureText(e));
                }
                slot.done = true;
            }
            flushIfIdle();
            pump();
        }));
    }

    private void startWrite(final Slot slot, final CommandSpec spec) {
        final byte[] command;
        final ProposalHandler.ReplyWriter replyWriter;
        if (spec.handler() instanceof ProposalHandler handler) {
            final ProposalHandler.Proposal proposal;
            try {
                proposal = handler.prepare(connection, slot.args, writer(slot));
            } catch (RuntimeException e) {
                LOG.error("command {} failed", spec.name(), e);
                slot.reply.clear();
                writer(slot).error("ERR internal error: " + e.getClass().getSimpleName());
                answered(slot);
                return;
            }
            if (proposal == null) {
                answered(slot);
                return;
            }
            command = proposal.command();
            replyWriter = proposal.replyWriter();
        } else {
            command = CommandCodec.command(connection.protocol(), connection.database(), slot.args);
            replyWriter = (reply, out) -> out.raw(reply);
        }
        final int protocol = connection.protocol();
        writesInFlight++;
        final CompletableFuture<byte[]> reply = group.propose(command);
        reply.whenComplete((bytes, failure) -> ctx.executor().execute(() -> {
            writesInFlight--;
            if (closing) {
                return;
            }
            final RespWriter out = writer(slot, protocol);
            if (failure != null) {
                out.error(failureText(failure));
            } else {
                try {
                    replyWriter.write(bytes, out);
                } catch (RuntimeException e) {
                    LOG.error("reply to {} failed", spec.name(), e);
                    slot.reply.clear();
                    out.error("ERR internal error: " + e.getClass().getSimpleName());
                }
            }
            answered(slot);
            pump();
        }));
    }

    private RespWriter writer(final Slot slot) {
        return writer(slot, connection.protocol());
    }

    private RespWriter writer(final Slot slot, final int protocol) {
        if (slot.reply == null) {
            slot.reply = ctx.alloc().buffer();
        }
        return new RespWriter(slot.reply, protocol);
    }

    /** {@code slot} has its whole reply: write what is now answered at the head of the line. */
    private void answered(final Slot slot) {
        slot.done = true;
        flushIfIdle();
    }

    /** Writes answered replies now, unless a socket read is being processed (its end flushes them). */
    private void flushIfIdle() {
        if (!inReadBatch) {
            writeAnswered();
        }
    }

    private void writeAnswered() {
        boolean wrote = false;
        while (!unanswered.isEmpty() && unanswered.peek().done && !closing) {
            final Slot slot = unanswered.poll();
            final ByteBuf reply = slot.reply;
            slot.reply = null;
            wrote = true;
            if (slot.closeAfter) {
                closing = true;
                ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.write(reply);
        }
        if (wrote) {
            ctx.flush();
        }
        updateAutoRead();
    }

    private void updateAutoRead() {
        final boolean readable = !closing && ctx.channel().isWritable() && unanswered.size() < MAX_UNANSWERED;
        if (ctx.channel().config().isAutoRead() != readable) {
            ctx.channel().config().setAutoRead(readable);
        }
    }

    /** The error a client gets when replication could not serve its command. */
    static String failureText(final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProposalException proposal && proposal.isIndeterminate()) {
            return "ERR write not confirmed, it may or may not have been applied: " + proposal.getMessage();
        }
        return "ERR cluster unavailable: " + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /**
     * Redis's text: the name as sent (at most 128 bytes), then arguments, each quoted and followed by a
     * space, until the argument part reaches 128 bytes (the last one cut to fit).
     */
    static String unknownCommand(final List<byte[]> args) {
        final StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < 128; i++) {
            final String arg = new String(args.get(i), StandardCharsets.ISO_8859_1);
            final int width = 128 - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), width)).append("' ");
        }
        return "ERR unknown command '" + truncate(args.get(0)) + "', with args beginning with: " + quoted;
    }

    private static String truncate(final byte[] arg) {
        final String text = new String(arg, StandardCharsets.ISO_8859_1);
        return text.length() > 128 ? text.substring(0, 128) : text;
    }
}
