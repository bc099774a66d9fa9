package io.elastickv.redis.command.server;

import static io.elastickv.redis.command.CommandSpec.Flag.ADMIN;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.StrictNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** SLOWLOG and LATENCY: what the dispatcher recorded about slow commands. */
final class LogCommands {
    private static final Set<CommandSpec.Flag> HELP = Set.of(LOADING, STALE);

    private LogCommands() {
    }

    static CommandSpec slowlog() {
        final Set<CommandSpec.Flag> flags = Set.of(ADMIN, LOADING, STALE);
        return new CommandSpec("slowlog", -2, Set.of(), 0, 0, 0, Subcommands.of("slowlog")
            .add("get", -2, flags, (c, args, out) -> {
                if (args.size() > 3) {
                    throw new RedisException(Args.subcommandSyntax(args.get(0), args.get(1)));
                }
                long count = 10;
                if (args.size() > 2) {
                    count = StrictNumbers.parseLong(args.get(2));
                    if (count == StrictNumbers.INVALID || count < -1) {
                        throw new RedisException("ERR count should be greater than or equal to -1");
                    }
                }
                c.server().slowLog().write(count, out);
            })
            .add("len", 2, flags, (c, args, out) -> out.integer(c.server().slowLog().length()))
            .add("reset", 2, flags, (c, args, out) -> {
                c.server().slowLog().reset();
                out.simple("OK");
            })
            .add("help", 2, HELP, (c, args, out) -> Replies.help(out, "slowlog", List.of(
                "GET [<count>]", "    Return the <count> newest entries of the slow log (default: 10, -1: all).",
                "    An entry holds: id, Unix time, duration in microseconds, arguments, client address,",
                "    client name.",
                "LEN", "    Return the number of entries in the slow log.",
                "RESET", "    Empty the slow log.")))
            .build());
    }

    static CommandSpec latency() {
        final Set<CommandSpec.Flag> flags = Set.of(ADMIN, NOSCRIPT, LOADING, STALE);
        return new CommandSpec("latency", -2, Set.of(), 0, 0, 0, Subcommands.of("latency")
            .add("latest", 2, flags, (c, args, out) -> c.server().latency().writeLatest(out))
            .add("history", 3, flags, (c, args, out) -> c.server().latency().writeHistory(Args.text(args.get(2)), out))
            .add("reset", -2, flags, (c, args, out) -> {
                final List<String> events = new ArrayList<>();
                args.subList(2, args.size()).forEach(arg -> events.add(Args.text(arg)));
                out.integer(c.server().latency().reset(events));
            })
            .add("doctor", 2, flags, (c, args, out) -> Replies.verbatim(out,
                c.server().latency().report(c.server().config())))
            .add("help", 2, HELP, (c, args, out) -> Replies.help(out, "latency", List.of(
                "DOCTOR", "    Return a report of the latency spikes recorded, in words.",
                "HISTORY <event>", "    Return the time and latency of the samples of <event>.",
                "LATEST", "    Return the latest sample and the worst latency of every event.",
                "RESET [<event> ...]", "    Forget the samples of the events named (default: all events).")))
            .build());
    }
}
