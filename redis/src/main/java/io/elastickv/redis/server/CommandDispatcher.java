package io.elastickv.redis.server;

import io.elastickv.raft.ProposalException;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.DataHandler;
import io.elastickv.redis.command.DeferredHandler;
import io.elastickv.redis.command.LocalHandler;
import io.elastickv.redis.command.ProposalHandler;
import io.elastickv.redis.command.SessionReadHandler;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.command.TransactionState;
import io.elastickv.redis.command.server.CommandStats;
import io.elastickv.redis.command.server.ServerContext;
import io.elastickv.redis.exec.CommandCodec;
import io.elastickv.redis.exec.ReadView;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.store.StoreException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's commands and writes their replies in request order.
 *
 * <p>Commands take one of four paths (see {@link io.elastickv.redis.command.CommandHandler}): local ones
 * answer at once; reads wait for a read fence and then run against the local store; writes are proposed to
 * the Raft log; deferred ones are answered by the node, possibly later. A pipeline keeps Redis's sequential
 * meaning with these rules, all applied on the connection's event-loop thread in request order:
 *
 * <ul>
 *   <li>Consecutive writes are proposed back to back without waiting for each other; the proposer keeps
 *   their order in the log.</li>
 *   <li>A read starts only when no earlier write is in flight, so it sees them; consecutive reads share one
 *   fence and run at one watermark, so a later read never sees an older state than an earlier one.</li>
 *   <li>A write starts only when no earlier read is in flight, so no earlier read can see it; local commands
 *   (which may change connection state a read records) also wait for in-flight reads.</li>
 *   <li>A deferred command starts when nothing earlier is in flight, and nothing later starts until it has
 *   answered.</li>
 *   <li>A command that CLIENT PAUSE holds waits at the head of the line, and so do the commands after it.</li>
 * </ul>
 *
 * Before a command runs, the dispatcher refuses it with Redis's error, in Redis's order, when it is unknown,
 * has the wrong number of arguments (a subcommand's own arity included), or the connection has not
 * authenticated while a password is required (except NO_AUTH commands). It counts each command in its
 * counters (resolved with the command, so counting needs no lookup), feeds MONITOR, and records slow
 * commands in the slow log and latency monitor.
 *
 * <p>Replies are buffered per connection and flushed once per socket read, or as soon as a late reply
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
    private static final String NOAUTH = "NOAUTH Authentication required.";

    private final CommandIndex commands;
    private final ReplicatedGroup group;
    private final ServerContext server;
    private final Connection connection;
    private final ArrayDeque<Slot> unanswered = new ArrayDeque<>();
    private final ArrayDeque<Slot> unstarted = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int readsInFlight;
    private int writesInFlight;
    private boolean deferredInFlight;
    private boolean inReadBatch;
    private boolean closing;
    private long softLimitSinceNanos = -1;
    private Runnable pauseWakeUp;
    private ScheduledFuture<?> pauseTimer;

    CommandDispatcher(final CommandIndex commands, final ServerContext server, final Connection connection) {
        this.commands = commands;
        this.group = server.group();
        this.server = server;
        this.connection = connection;
    }

    /** One command from arrival to its flushed reply. */
    private static final class Slot {
        final List<byte[]> args;
        final String protocolError;
        /** The command the first argument names, or null; a container's, for a subcommand. */
        final CommandSpec top;
        /** What runs: the subcommand a container names, else {@link #top}. */
        CommandSpec spec;
        CommandStats stats;
        /** Whether the checks before running ran; then {@link #rejection} says why it cannot run, or null. */
        boolean checked;
        String rejection;
        long startNanos;
        boolean executed;
        boolean silent;
        ByteBuf reply;
        boolean done;
        boolean closeAfter;

        Slot(final List<byte[]> args, final String protocolError, final CommandIndex.Entry entry) {
            this.args = args;
            this.protocolError = protocolError;
            this.top = entry == null ? null : entry.spec();
            this.spec = top;
            this.stats = entry == null ? null : entry.stats();
        }
    }

    private enum Path { LOCAL, READ, WRITE, DEFERRED, PAUSED }

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
        final Slot slot;
        if (msg instanceof ProtocolError error) {
            slot = new Slot(null, error.message(), null);
        } else {
            final List<byte[]> args = (List<byte[]>) msg;
            slot = new Slot(args, null, commands.lookup(args.get(0)));
            if (slot.top != null && args.size() > 1 && slot.top.handler() instanceof Subcommands subcommands) {
                final CommandSpec sub = subcommands.lookup(args);
                if (sub != null) {
                    slot.spec = sub;
                    slot.stats = server.stats().of(sub);
                }
            }
        }
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

    /** A client resetting its socket is routine and closes quietly; anything else is logged, then closed. */
    @Override
    public void exceptionCaught(final ChannelHandlerContext context, final Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            LOG.warn("connection {} failed", connection.id(), cause);
        }
        context.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context) {
        closing = true;
        stopWaitingForPause();
        server.clients().remove(connection);
        server.monitors().remove(connection);
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
        while (!unstarted.isEmpty() && !closing && !deferredInFlight && pauseWakeUp == null) {
            final Slot slot = unstarted.peek();
            switch (path(slot)) {
                case READ -> {
                    if (writesInFlight > 0) {
                        return;
                    }
                    startReads();
                }
                case WRITE -> {
                    if (readsInFlight > 0) {
                        return;
                    }
                    unstarted.poll();
                    startWrite(slot);
                }
                case DEFERRED -> {
                    if (readsInFlight > 0 || writesInFlight > 0) {
                        return;
                    }
                    unstarted.poll();
                    startDeferred(slot);
                }
                case PAUSED -> {
                    waitForPause(slot);
                    return;
                }
                default -> {
                    if (readsInFlight > 0) {
                        return;
                    }
                    unstarted.poll();
                    runLocal(slot);
                }
            }
        }
    }

    private Path path(final Slot slot) {
        if (slot.protocolError != null || rejection(slot) != null) {
            return Path.LOCAL;
        }
        if (pausedFor(slot) > 0) {
            return Path.PAUSED;
        }
        if (connection.transaction() != null && !TRANSACTION_CONTROL.contains(slot.top.name())) {
            return Path.LOCAL;
        }
        final Object handler = slot.spec.handler();
        if (handler instanceof LocalHandler) {
            return Path.LOCAL;
        }
        if (handler instanceof DataHandler) {
            return slot.spec.isWrite() ? Path.WRITE : Path.READ;
        }
        if (handler instanceof DeferredHandler) {
            return Path.DEFERRED;
        }
        return handler instanceof SessionReadHandler ? Path.READ : Path.WRITE;
    }

    /**
     * Why the command cannot run, in Redis's order of checks, or null. Decided once, when the command reaches
     * the head of the line (every earlier AUTH has run by then); a known command refused for its arguments
     * or for NOAUTH counts as rejected.
     */
    private String rejection(final Slot slot) {
        if (!slot.checked) {
            slot.checked = true;
            slot.rejection = check(slot);
            if (slot.top != null) {
                connection.lastCommand(slot.spec.name());
                if (slot.rejection != null && (slot.rejection.equals(NOAUTH)
                    || slot.rejection.startsWith("ERR wrong number of arguments"))) {
                    slot.stats.rejected();
                }
            }
        }
        return slot.rejection;
    }

    private String check(final Slot slot) {
        if (slot.top == null) {
            return unknownCommand(slot.args);
        }
        if (!slot.top.acceptsArgumentCount(slot.args.size())) {
            return Subcommands.wrongArity(slot.top.name());
        }
        if (slot.top.handler() instanceof Subcommands subcommands) {
            final String problem = subcommands.rejection(slot.args);
            if (problem != null) {
                return problem;
            }
        }
        if (!slot.spec.flags().contains(CommandSpec.Flag.NO_AUTH) && connection.authRequired()) {
            return NOAUTH;
        }
        return null;
    }

    /** How long CLIENT PAUSE still holds the command: all of them, or those that write or may replicate. */
    private long pausedFor(final Slot slot) {
        if (!server.pause().active()) {
            return 0;
        }
        final TransactionState transaction = connection.transaction();
        return server.pause().remainingMs(writes(slot.spec) || transaction != null
            && slot.top.name().equals("exec") && transaction.queued().stream().anyMatch(q -> writes(q.spec())));
    }

    private static boolean writes(final CommandSpec spec) {
        return spec.isWrite() || spec.flags().contains(CommandSpec.Flag.MAY_REPLICATE);
    }

    private void waitForPause(final Slot slot) {
        final Runnable wakeUp = () -> ctx.executor().execute(this::pauseEnded);
        pauseWakeUp = wakeUp;
        server.stats().blockedClients().incrementAndGet();
        server.pause().await(wakeUp);
        pauseTimer = ctx.executor().schedule(wakeUp, pausedFor(slot), TimeUnit.MILLISECONDS);
    }

    private void pauseEnded() {
        if (pauseWakeUp != null) {
            stopWaitingForPause();
            pump();
        }
    }

    private void stopWaitingForPause() {
        if (pauseWakeUp == null) {
            return;
        }
        server.pause().forget(pauseWakeUp);
        server.stats().blockedClients().decrementAndGet();
        pauseTimer.cancel(false);
        pauseWakeUp = null;
        pauseTimer = null;
    }

    private void runLocal(final Slot slot) {
        final RespWriter out = writer(slot);
        if (slot.protocolError != null) {
            out.error(slot.protocolError);
            slot.closeAfter = true;
        } else if (rejection(slot) != null) {
            rejectInTransaction();
            out.error(slot.rejection);
        } else if (connection.transaction() != null && !TRANSACTION_CONTROL.contains(slot.top.name())) {
            queueInTransaction(slot, out);
        } else {
            begin(slot);
            try {
                ((LocalHandler) slot.spec.handler()).execute(connection, slot.args, out);
            } catch (RedisException e) {
                slot.reply.clear();
                out.error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("command {} failed", slot.spec.name(), e);
                slot.reply.clear();
                out.error("ERR internal error: " + e.getClass().getSimpleName());
            }
            // After running, as Redis does: SELECT shows the database it selected.
            feed(slot.spec, slot.args);
            slot.closeAfter = connection.shouldClose();
        }
        slot.silent = connection.takeReplySuppressed();
        answered(slot);
    }

    private void queueInTransaction(final Slot slot, final RespWriter out) {
        final Object handler = slot.spec.handler();
        if (slot.spec.flags().contains(CommandSpec.Flag.NO_MULTI) || handler instanceof SessionReadHandler
            || handler instanceof DeferredHandler) {
            rejectInTransaction();
            out.error("ERR Command not allowed inside a transaction");
            return;
        }
        connection.transaction().queue(slot.spec, slot.args);
        out.simple("QUEUED");
    }

    private void rejectInTransaction() {
        if (connection.transaction() != null) {
            connection.transaction().abort();
        }
    }

    /**
     * The command starts running: its clock starts, and for EXEC the queued commands are counted and shown
     * to MONITOR (before EXEC itself, as Redis shows them).
     */
    private void begin(final Slot slot) {
        slot.executed = true;
        slot.startNanos = System.nanoTime();
        final TransactionState transaction = connection.transaction();
        if (transaction != null && slot.top.name().equals("exec")) {
            final boolean monitored = !server.monitors().isEmpty();
            for (final TransactionState.Queued queued : transaction.queued()) {
                server.stats().of(queued.spec()).called(0, false);
                if (monitored) {
                    feed(queued.spec(), queued.args());
                }
            }
        }
    }

    /** Shows the command to MONITOR clients, unless it is an admin command or flagged SKIP_MONITOR. */
    private void feed(final CommandSpec spec, final List<byte[]> args) {
        if (!server.monitors().isEmpty() && !spec.flags().contains(CommandSpec.Flag.ADMIN)
            && !spec.flags().contains(CommandSpec.Flag.SKIP_MONITOR)) {
            server.monitors().feed(connection, connection.database(), spec.name(), args);
        }
    }

    /** Starts the run of consecutive reads at the head of the line under one fence. */
    private void startReads() {
        final List<Slot> batch = new ArrayList<>();
        while (!unstarted.isEmpty() && path(unstarted.peek()) == Path.READ) {
            final Slot slot = unstarted.poll();
            begin(slot);
            feed(slot.spec, slot.args);
            slot.silent = connection.takeReplySuppressed();
            batch.add(slot);
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
                } else {
                    runRead(slot, keyspace, out);
                }
                complete(slot);
            }
            flushIfIdle();
            pump();
        }));
    }

    private void runRead(final Slot slot, final Keyspace keyspace, final RespWriter out) {
        try {
            if (slot.spec.handler() instanceof SessionReadHandler session) {
                session.execute(connection, keyspace, slot.args, out);
            } else {
                ((DataHandler) slot.spec.handler()).execute(keyspace, slot.args, out);
            }
        } catch (RuntimeException e) {
            slot.reply.clear();
            // A store being replaced (snapshot install) is this node's state, not a bug in the command.
            out.error(e instanceof StoreException ? failureText(e) : errorText(slot, e));
        }
    }

    private void startWrite(final Slot slot) {
        begin(slot);
        feed(slot.spec, slot.args);
        slot.silent = connection.takeReplySuppressed();
        final byte[] command;
        final ProposalHandler.ReplyWriter replyWriter;
        if (slot.spec.handler() instanceof ProposalHandler handler) {
            final ProposalHandler.Proposal proposal;
            try {
                proposal = handler.prepare(connection, slot.args, writer(slot));
            } catch (RuntimeException e) {
                LOG.error("command {} failed", slot.spec.name(), e);
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
                    LOG.error("reply to {} failed", slot.spec.name(), e);
                    slot.reply.clear();
                    out.error("ERR internal error: " + e.getClass().getSimpleName());
                }
            }
            answered(slot);
            pump();
        }));
    }

    private void startDeferred(final Slot slot) {
        begin(slot);
        feed(slot.spec, slot.args);
        slot.silent = connection.takeReplySuppressed();
        final int protocol = connection.protocol();
        final CompletionStage<DeferredHandler.ReplyWriter> later;
        try {
            later = ((DeferredHandler) slot.spec.handler()).execute(connection, slot.args, writer(slot));
        } catch (RuntimeException e) {
            slot.reply.clear();
            writer(slot).error(errorText(slot, e));
            answered(slot);
            return;
        }
        if (later == null) {
            answered(slot);
            return;
        }
        deferredInFlight = true;
        later.whenComplete((replyWriter, failure) -> ctx.executor().execute(() -> {
            deferredInFlight = false;
            if (closing) {
                return;
            }
            final RespWriter out = writer(slot, protocol);
            try {
                if (failure != null) {
                    out.error(errorText(slot, failure));
                } else {
                    replyWriter.write(out);
                }
            } catch (RuntimeException e) {
                slot.reply.clear();
                out.error(errorText(slot, e));
            }
            answered(slot);
            pump();
        }));
    }

    /** The reply to a command that failed: its Redis error, or an internal error (logged) for a bug. */
    private static String errorText(final Slot slot, final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RedisException) {
            return cause.getMessage();
        }
        LOG.error("command {} failed", slot.spec.name(), cause);
        return "ERR internal error: " + cause.getClass().getSimpleName();
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
        complete(slot);
        flushIfIdle();
    }

    /** Marks the reply complete and accounts for the command: counters, error codes, slow log, latency. */
    private void complete(final Slot slot) {
        slot.done = true;
        final boolean error = slot.reply.readableBytes() > 0 && slot.reply.getByte(slot.reply.readerIndex()) == '-';
        if (error) {
            server.stats().errorReply(errorCode(slot.reply));
        }
        if (!slot.executed) {
            return;
        }
        final long micros = (System.nanoTime() - slot.startNanos) / 1000;
        slot.stats.called(micros, error);
        if (!slot.spec.flags().contains(CommandSpec.Flag.SKIP_SLOWLOG)) {
            server.slowLog().record(server.config(), micros, slot.spec.name(), slot.args, connection.remoteAddress(),
                connection.name());
        }
        server.latency().record(server.config(), slot.spec.flags().contains(CommandSpec.Flag.FAST), micros);
    }

    /** The code of an error reply: its first word ({@code ERR}, {@code WRONGTYPE} ...). */
    private static String errorCode(final ByteBuf reply) {
        final int start = reply.readerIndex() + 1;
        int end = start;
        while (end < reply.writerIndex() && reply.getByte(end) != ' ' && reply.getByte(end) != '\r') {
            end++;
        }
        return reply.toString(start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Writes answered replies now, unless a socket read is being processed (its end flushes them). */
    private void flushIfIdle() {
        if (!inReadBatch) {
            writeAnswered();
        }
    }

    private void writeAnswered() {
        long written = 0;
        while (!unanswered.isEmpty() && unanswered.peek().done && !closing) {
            final Slot slot = unanswered.poll();
            ByteBuf reply = slot.reply;
            slot.reply = null;
            if (slot.silent) {
                reply.release();
                reply = Unpooled.EMPTY_BUFFER;
            }
            written += reply.readableBytes();
            if (slot.closeAfter) {
                closing = true;
                server.stats().bytesOut(written);
                ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (reply.isReadable()) {
                ctx.write(reply);
            }
        }
        if (written > 0) {
            ctx.flush();
            server.stats().bytesOut(written);
            connection.touched(System.currentTimeMillis());
            enforceOutputLimit();
        }
        updateAutoRead();
    }

    /**
     * {@code client-output-buffer-limit normal}: replies the client has not read yet may not exceed the hard
     * limit, nor stay above the soft limit for longer than its seconds; such a client is disconnected, as
     * Redis does. (Reading pauses long before that for pipelines, but one batch of large replies, or a
     * client that sends and never reads, can still pile up.)
     */
    private void enforceOutputLimit() {
        final long[] limits = server.config().normalOutputLimits();
        if ((limits[0] == 0 && limits[1] == 0) || closing) {
            return;
        }
        final io.netty.channel.ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        final long pending = outbound == null ? 0 : outbound.totalPendingWriteBytes();
        boolean overLimit = limits[0] > 0 && pending > limits[0];
        if (limits[1] > 0 && pending > limits[1]) {
            final long now = System.nanoTime();
            if (softLimitSinceNanos < 0) {
                softLimitSinceNanos = now;
            }
            overLimit |= now - softLimitSinceNanos > TimeUnit.SECONDS.toNanos(limits[2]);
        } else {
            softLimitSinceNanos = -1;
        }
        if (overLimit) {
            LOG.info("client id={} addr={} closed for overcoming of output buffer limits ({} bytes pending)",
                connection.id(), connection.remoteAddress(), pending);
            closing = true;
            ctx.close();
        }
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
