package io.elastickv.redis.command.server;

import static io.elastickv.redis.command.CommandSpec.Flag.ADMIN;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.command.Subcommands.Builder;
import io.elastickv.redis.keyspace.RedisException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CONFIG GET, SET, RESETSTAT, REWRITE, HELP over {@link ServerConfig}. There is no configuration file (the
 * node is configured by its command line), so REWRITE answers Redis's error for a server started without
 * one.
 */
final class ConfigCommand {
    private static final Set<CommandSpec.Flag> ADMIN_FLAGS = Set.of(ADMIN, NOSCRIPT, LOADING, STALE);

    private ConfigCommand() {
    }

    static CommandSpec spec() {
        final Builder config = Subcommands.of("config")
            .add("get", -3, ADMIN_FLAGS, (c, args, out) -> {
                final Map<String, String> found = c.server().config().matching(args.subList(2, args.size()));
                out.map(found.size());
                found.forEach((name, value) -> out.bulk(name).bulk(value));
            })
            .add("set", -4, ADMIN_FLAGS, (c, args, out) -> {
                if (args.size() % 2 != 0) {
                    throw RedisException.syntax();
                }
                c.server().config().set(args.subList(2, args.size()));
                out.simple("OK");
            })
            .add("resetstat", 2, ADMIN_FLAGS, (c, args, out) -> {
                c.server().resetStats();
                out.simple("OK");
            })
            .add("rewrite", 2, ADMIN_FLAGS, (c, args, out) -> {
                throw new RedisException("ERR The server is running without a config file");
            })
            .add("help", 2, Set.of(LOADING, STALE), (c, args, out) -> Replies.help(out, "config", List.of(
                "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                "RESETSTAT", "    Reset the statistics INFO reports.",
                "REWRITE", "    Not available: elastickv is configured by its command line, not a file.")));
        return new CommandSpec("config", -2, Set.of(), 0, 0, 0, config.build());
    }
}
