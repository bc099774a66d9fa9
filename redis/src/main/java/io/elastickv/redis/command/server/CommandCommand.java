package io.elastickv.redis.command.server;

import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandSpec.Flag;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.GlobPattern;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands: the command table as Redis 7 describes it. Key specifications are derived
 * from each row's key positions: one range from the first to the last key, flagged {@code RW update} for a
 * write, {@code RO access} for a read, {@code RO} otherwise.
 */
final class CommandCommand {
    private static final Set<Flag> FLAGS = Set.of(LOADING, STALE);

    private CommandCommand() {
    }

    static CommandSpec spec() {
        final Subcommands subcommands = Subcommands.of("command", (c, args, out) -> writeInfos(c, all(c), out))
            .add("count", 2, FLAGS, (c, args, out) -> out.integer(c.server().table().specs().size()))
            .add("info", -2, FLAGS, CommandCommand::info)
            .add("docs", -2, FLAGS, CommandCommand::docs)
            .add("list", -2, FLAGS, CommandCommand::list)
            .add("getkeys", -4, FLAGS, (c, args, out) -> getKeys(c, args, out, false))
            .add("getkeysandflags", -4, FLAGS, (c, args, out) -> getKeys(c, args, out, true))
            .add("help", 2, FLAGS, (c, args, out) -> Replies.help(out, "command", List.of(
                "(no subcommand)", "    Return details about every command.",
                "COUNT", "    Return the number of commands.",
                "DOCS [<command-name> ...]", "    Return documentation of the commands named, or of all.",
                "GETKEYS <full-command>", "    Return the keys a full command line names.",
                "GETKEYSANDFLAGS <full-command>", "    Return the keys a full command line names, with flags.",
                "INFO [<command-name> ...]", "    Return details about the commands named, or about all.",
                "LIST [FILTERBY (MODULE <name>|ACLCAT <category>|PATTERN <pattern>)]",
                "    Return the names of the commands, possibly filtered.")))
            .build();
        return new CommandSpec("command", -1, FLAGS, 0, 0, 0, subcommands);
    }

    private static List<CommandSpec> all(final Connection connection) {
        return new ArrayList<>(connection.server().table().specs());
    }

    private static void info(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() == 2) {
            writeInfos(connection, all(connection), out);
            return;
        }
        final List<CommandSpec> found = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            found.add(named(connection.server().table(), args.get(i)));
        }
        writeInfos(connection, found, out);
    }

    private static void writeInfos(final Connection connection, final List<CommandSpec> specs, final RespWriter out) {
        out.array(specs.size());
        for (final CommandSpec spec : specs) {
            if (spec == null) {
                out.nullBulk();
            } else {
                writeInfo(spec, out);
            }
        }
    }

    /** One command's COMMAND INFO entry: ten fields, its subcommands' entries nested in the last. */
    private static void writeInfo(final CommandSpec spec, final RespWriter out) {
        final Subcommands subcommands = spec.handler() instanceof Subcommands s ? s : null;
        out.array(10).bulk(spec.name()).integer(spec.arity());
        final List<String> flags = CommandCatalog.flagNames(spec);
        out.set(flags.size());
        flags.forEach(out::simple);
        out.integer(spec.firstKey()).integer(spec.lastKey()).integer(spec.keyStep());
        final Set<CommandCatalog.Category> categories = CommandCatalog.categories(spec, subcommands != null);
        out.set(categories.size());
        categories.forEach(category -> out.simple(category.label()));
        final List<String> tips = CommandCatalog.tips(spec.name());
        out.set(tips.size());
        tips.forEach(out::bulk);
        if (spec.firstKey() == 0) {
            out.set(0);
        } else {
            out.set(1).map(3);
            out.bulk("flags");
            final List<String> keyFlags = keyFlags(spec);
            out.set(keyFlags.size());
            keyFlags.forEach(out::simple);
            out.bulk("begin_search").map(2).bulk("type").bulk("index").bulk("spec").map(1).bulk("index")
                .integer(spec.firstKey());
            out.bulk("find_keys").map(2).bulk("type").bulk("range").bulk("spec").map(3)
                .bulk("lastkey").integer(spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey())
                .bulk("keystep").integer(spec.keyStep()).bulk("limit").integer(0);
        }
        if (subcommands == null) {
            out.set(0);
        } else {
            out.array(subcommands.specs().size());
            subcommands.specs().forEach(sub -> writeInfo(sub, out));
        }
    }

    private static List<String> keyFlags(final CommandSpec spec) {
        if (spec.isWrite()) {
            return List.of("RW", "update");
        }
        return spec.flags().contains(Flag.READONLY) ? List.of("RO", "access") : List.of("RO");
    }

    /** COMMAND DOCS: a map of name to its documentation (summary, group, and subcommands' docs). */
    private static void docs(final Connection connection, final List<byte[]> args, final RespWriter out) {
        final List<CommandSpec> found = new ArrayList<>();
        if (args.size() == 2) {
            found.addAll(all(connection));
        }
        for (int i = 2; i < args.size(); i++) {
            final CommandSpec spec = named(connection.server().table(), args.get(i));
            if (spec != null) {
                found.add(spec);
            }
        }
        out.map(found.size());
        found.forEach(spec -> writeDocs(spec, out));
    }

    private static void writeDocs(final CommandSpec spec, final RespWriter out) {
        final Subcommands subcommands = spec.handler() instanceof Subcommands s ? s : null;
        out.bulk(spec.name()).map(subcommands == null ? 2 : 3);
        out.bulk("summary").bulk("");
        out.bulk("group").bulk(CommandCatalog.group(spec.name()));
        if (subcommands != null) {
            out.bulk("subcommands").map(subcommands.specs().size());
            subcommands.specs().forEach(sub -> writeDocs(sub, out));
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
    private static void list(final Connection connection, final List<byte[]> args, final RespWriter out) {
        Predicate<CommandSpec> filter = spec -> true;
        if (args.size() == 5 && Args.is(args.get(2), "filterby")) {
            final byte[] value = args.get(4);
            if (Args.is(args.get(3), "module")) {
                filter = spec -> false;
            } else if (Args.is(args.get(3), "aclcat")) {
                final CommandCatalog.Category category = CommandCatalog.Category.named(
                    new String(value, StandardCharsets.ISO_8859_1));
                filter = spec -> category != null && CommandCatalog.categories(spec,
                    spec.handler() instanceof Subcommands).contains(category);
            } else if (Args.is(args.get(3), "pattern")) {
                final GlobPattern glob = GlobPattern.ofIgnoringCase(value);
                filter = spec -> glob.matches(spec.name().getBytes(StandardCharsets.ISO_8859_1));
            } else {
                throw RedisException.syntax();
            }
        } else if (args.size() > 2) {
            throw RedisException.syntax();
        }
        final List<String> names = new ArrayList<>();
        for (final CommandSpec spec : connection.server().table().specs()) {
            if (filter.test(spec)) {
                names.add(spec.name());
            }
            if (spec.handler() instanceof Subcommands subcommands) {
                for (final CommandSpec sub : subcommands.specs()) {
                    if (filter.test(sub)) {
                        names.add(sub.name());
                    }
                }
            }
        }
        out.array(names.size());
        names.forEach(out::bulk);
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS: the keys of the command line after the subcommand. */
    private static void getKeys(final Connection connection, final List<byte[]> args, final RespWriter out,
                                final boolean withFlags) {
        final List<byte[]> command = args.subList(2, args.size());
        final CommandSpec spec = lookup(connection.server().table(), command);
        if (spec == null) {
            throw new RedisException("ERR Invalid command specified");
        }
        if (spec.firstKey() == 0) {
            throw new RedisException("ERR The command has no key arguments");
        }
        if (!spec.acceptsArgumentCount(command.size())) {
            throw new RedisException("ERR Invalid number of arguments specified for command");
        }
        final int last = spec.lastKey() < 0 ? command.size() + spec.lastKey() : spec.lastKey();
        final List<byte[]> keys = new ArrayList<>();
        for (int i = spec.firstKey(); i <= last && i < command.size(); i += Math.max(1, spec.keyStep())) {
            keys.add(command.get(i));
        }
        if (keys.isEmpty()) {
            throw new RedisException("ERR Invalid arguments specified for command");
        }
        out.array(keys.size());
        for (final byte[] key : keys) {
            if (withFlags) {
                final List<String> flags = keyFlags(spec);
                out.array(2).bulk(key).set(flags.size());
                flags.forEach(out::simple);
            } else {
                out.bulk(key);
            }
        }
    }

    /** The command or subcommand with full name {@code name} ({@code get}, {@code client|list}), or null. */
    private static CommandSpec named(final CommandTable table, final byte[] name) {
        final String text = Args.text(name);
        final int bar = text.indexOf('|');
        if (bar < 0) {
            return table.lookup(name);
        }
        final List<byte[]> parts = List.of(text.substring(0, bar).getBytes(StandardCharsets.ISO_8859_1),
            text.substring(bar + 1).getBytes(StandardCharsets.ISO_8859_1));
        final CommandSpec container = table.lookup(parts.get(0));
        return container != null && container.handler() instanceof Subcommands ? lookup(table, parts) : null;
    }

    /** The command (or subcommand, for a container given one) that {@code command} names, or null. */
    private static CommandSpec lookup(final CommandTable table, final List<byte[]> command) {
        final CommandSpec spec = table.lookup(command.get(0));
        if (spec != null && command.size() > 1 && spec.handler() instanceof Subcommands subcommands) {
            return subcommands.lookup(command);
        }
        return spec;
    }

}
