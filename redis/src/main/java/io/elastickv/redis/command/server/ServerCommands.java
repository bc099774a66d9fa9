package io.elastickv.redis.command.server;

import static io.elastickv.redis.command.CommandSpec.Flag.ADMIN;
import static io.elastickv.redis.command.CommandSpec.Flag.ALLOW_BUSY;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.NO_ASYNC_LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NO_MULTI;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.DeferredHandler;
import io.elastickv.redis.command.SessionReadHandler;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The server family: INFO, CONFIG, COMMAND, TIME, SAVE, BGSAVE, LASTSAVE, SHUTDOWN, MONITOR, SLOWLOG,
 * LATENCY, DEBUG and FUNCTION. They act on this node (its clients, counters and snapshots), so none is
 * replicated; TIME reads this node's clock.
 */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        table.add(new CommandSpec("info", -1, Set.of(LOADING, STALE), 0, 0, 0,
            (SessionReadHandler) InfoCommand::info));
        table.add(ConfigCommand.spec());
        table.add(CommandCommand.spec());
        table.add(CommandSpec.local("time", 1, Set.of(LOADING, STALE, FAST), ServerCommands::time));
        table.add(CommandSpec.local("lastsave", 1, Set.of(LOADING, STALE, FAST),
            (c, args, out) -> out.integer(c.server().persistence().lastSaveSeconds())));
        table.add(new CommandSpec("save", 1, Set.of(ADMIN, NOSCRIPT, NO_ASYNC_LOADING, NO_MULTI), 0, 0, 0,
            (DeferredHandler) (c, args, out) -> c.server().persistence().save().thenApply(done -> reply ->
                reply.simple("OK"))));
        table.add(CommandSpec.local("bgsave", -1, Set.of(ADMIN, NOSCRIPT, NO_ASYNC_LOADING), ServerCommands::bgsave));
        table.add(new CommandSpec("shutdown", -1, Set.of(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY),
            0, 0, 0, (DeferredHandler) ServerCommands::shutdown));
        table.add(new CommandSpec("monitor", 1, Set.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
            (DeferredHandler) ServerCommands::monitor));
        table.add(LogCommands.slowlog());
        table.add(LogCommands.latency());
        table.add(new CommandSpec("debug", -2, Set.of(ADMIN, NOSCRIPT, LOADING, STALE), 0, 0, 0,
            (DeferredHandler) DebugCommand::debug));
        table.add(function());
    }

    /** TIME: this node's clock, seconds and microseconds. */
    private static void time(final Connection connection, final List<byte[]> args, final RespWriter out) {
        final Instant now = Instant.now();
        out.array(2).bulk(Long.toString(now.getEpochSecond())).bulk(Long.toString(now.getNano() / 1000));
    }

    private static void bgsave(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() > 2 || args.size() == 2 && !Args.is(args.get(1), "schedule")) {
            throw RedisException.syntax();
        }
        connection.server().persistence().backgroundSave();
        out.simple("Background saving started");
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The node stops at once (there are no replicas to wait
     * for and nothing unsaved), after a snapshot when SAVE is given or save points are configured. On success
     * the client gets no reply: the connection closes as the node stops.
     */
    private static CompletionStage<DeferredHandler.ReplyWriter> shutdown(final Connection connection,
                                                                         final List<byte[]> args,
                                                                         final RespWriter out) {
        boolean save = false;
        boolean noSave = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < args.size(); i++) {
            final byte[] arg = args.get(i);
            if (Args.is(arg, "nosave")) {
                noSave = true;
            } else if (Args.is(arg, "save")) {
                save = true;
            } else if (Args.is(arg, "force")) {
                force = true;
            } else if (Args.is(arg, "abort")) {
                abort = true;
            } else if (!Args.is(arg, "now")) {
                throw RedisException.syntax();
            }
        }
        if (abort && args.size() > 2 || save && noSave) {
            throw RedisException.syntax();
        }
        if (abort) {
            throw new RedisException("ERR No shutdown in progress.");
        }
        final ServerContext server = connection.server();
        final boolean snapshot = save || !noSave && !server.config().get("save").isEmpty();
        final CompletableFuture<Void> saved = snapshot ? server.persistence().save()
            : CompletableFuture.completedFuture(null);
        final boolean ignoreFailure = force;
        return saved.handle((ok, failure) -> {
            if (failure != null && !ignoreFailure) {
                throw new RedisException("ERR Errors trying to SHUTDOWN. Check logs.");
            }
            server.shutdown();
            return new CompletableFuture<DeferredHandler.ReplyWriter>();
        }).thenCompose(never -> never);
    }

    /** MONITOR: from now on the connection receives every command the server runs. */
    private static CompletionStage<DeferredHandler.ReplyWriter> monitor(final Connection connection,
                                                                        final List<byte[]> args,
                                                                        final RespWriter out) {
        connection.monitor(true);
        connection.server().monitors().add(connection);
        out.simple("OK");
        return null;
    }

    /** FUNCTION FLUSH and LIST (and DELETE, HELP) over the empty library set: no scripting engine yet. */
    private static CommandSpec function() {
        final Subcommands function = Subcommands.of("function")
            .add("flush", -2, Set.of(WRITE, NOSCRIPT), (c, args, out) -> {
                if (args.size() > 3) {
                    throw new RedisException(Args.subcommandSyntax(args.get(0), args.get(1)));
                }
                if (args.size() == 3 && !Args.is(args.get(2), "sync") && !Args.is(args.get(2), "async")) {
                    throw new RedisException("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
                }
                out.simple("OK");
            })
            .add("list", -2, Set.of(NOSCRIPT), ServerCommands::functionList)
            .add("delete", 3, Set.of(WRITE, NOSCRIPT), (c, args, out) -> {
                throw new RedisException("ERR Library not found");
            })
            .add("help", 2, Set.of(LOADING, STALE), (c, args, out) -> Replies.help(out, "function", List.of(
                "DELETE <library-name>", "    Delete a library (there are none: scripting is not available).",
                "FLUSH [ASYNC|SYNC]", "    Delete all libraries.",
                "LIST [LIBRARYNAME <pattern>] [WITHCODE]", "    Return the libraries (none).")))
            .build();
        return new CommandSpec("function", -2, Set.of(), 0, 0, 0, function);
    }

    /** FUNCTION LIST [WITHCODE] [LIBRARYNAME pattern], each option at most once, in any order. */
    private static void functionList(final Connection connection, final List<byte[]> args, final RespWriter out) {
        boolean withCode = false;
        boolean named = false;
        for (int i = 2; i < args.size(); i++) {
            if (!withCode && Args.is(args.get(i), "withcode")) {
                withCode = true;
            } else if (!named && Args.is(args.get(i), "libraryname")) {
                if (++i >= args.size()) {
                    throw new RedisException("ERR library name argument was not given");
                }
                named = true;
            } else {
                throw new RedisException("ERR Unknown argument " + Args.text(args.get(i)));
            }
        }
        out.array(0);
    }
}
