package io.elastickv.redis.command.connection;

import static io.elastickv.redis.command.CommandSpec.Flag.ADMIN;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.command.server.Args;
import io.elastickv.redis.command.server.Replies;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.redis.resp.StrictNumbers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CLIENT and its subcommands over the server's client registry. Every client is a normal client of user
 * {@code default} (there are no replicas, and pub/sub state is not tracked here), so TYPE filters match
 * {@code normal} or nothing.
 */
final class ClientCommand {
    private static final Set<CommandSpec.Flag> SESSION = Set.of(NOSCRIPT, LOADING, STALE);
    private static final Set<CommandSpec.Flag> ADMIN_FLAGS = Set.of(ADMIN, NOSCRIPT, LOADING, STALE);
    static final String BAD_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    private ClientCommand() {
    }

    static CommandSpec spec() {
        final Subcommands client = Subcommands.of("client")
            .add("id", 2, SESSION, (c, args, out) -> out.integer(c.id()))
            .add("getname", 2, SESSION, (c, args, out) -> {
                if (c.name() == null) {
                    out.nullBulk();
                } else {
                    out.bulk(c.name());
                }
            })
            .add("setname", 3, SESSION, (c, args, out) -> {
                if (!validName(args.get(2))) {
                    throw new RedisException(BAD_NAME);
                }
                c.name(args.get(2));
                out.simple("OK");
            })
            .add("setinfo", 4, SESSION, ClientCommand::setInfo)
            .add("info", 2, SESSION, (c, args, out) -> Replies.verbatim(out, ClientInfo.line(c) + "\n"))
            .add("list", -2, ADMIN_FLAGS, ClientCommand::list)
            .add("kill", -3, ADMIN_FLAGS, ClientCommand::kill)
            .add("pause", -3, ADMIN_FLAGS, ClientCommand::pause)
            .add("unpause", 2, ADMIN_FLAGS, (c, args, out) -> {
                c.server().pause().unpause();
                out.simple("OK");
            })
            .add("reply", 3, SESSION, ClientCommand::reply)
            .add("no-evict", 3, ADMIN_FLAGS, (c, args, out) -> {
                c.noEvict(onOff(args.get(2)));
                out.simple("OK");
            })
            .add("no-touch", 3, SESSION, (c, args, out) -> {
                c.noTouch(onOff(args.get(2)));
                out.simple("OK");
            })
            .add("help", 2, Set.of(LOADING, STALE), (c, args, out) -> Replies.help(out, "client", List.of(
                "GETNAME", "    Return the name of this connection.",
                "ID", "    Return the id of this connection.",
                "INFO", "    Return details about this connection.",
                "KILL <ip:port>", "    Close the connection from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Close the connections matching every option: ID <id>, ADDR <ip:port>, LADDR <ip:port>,",
                "    TYPE (NORMAL|MASTER|REPLICA|PUBSUB), USER <username>, SKIPME (YES|NO) (default: YES).",
                "LIST [TYPE (NORMAL|MASTER|REPLICA|PUBSUB)] [ID <id> [<id> ...]]",
                "    Return details about connections.",
                "NO-EVICT (ON|OFF)", "    Accepted for compatibility: clients are never evicted.",
                "NO-TOUCH (ON|OFF)", "    Accepted for compatibility: keys have no access time to touch.",
                "PAUSE <timeout> [WRITE|ALL]", "    Hold every command, or only writes, for <timeout> milliseconds.",
                "REPLY (ON|OFF|SKIP)", "    Turn replies to this connection on or off, or skip the next one.",
                "SETINFO <LIB-NAME|LIB-VER> <value>", "    Record the client library's name or version.",
                "SETNAME <name>", "    Name this connection.",
                "UNPAUSE", "    End a CLIENT PAUSE.")))
            .build();
        return new CommandSpec("client", -2, Set.of(), 0, 0, 0, client);
    }

    /** Redis accepts names and library fields of printable ASCII other than space. */
    static boolean validName(final byte[] name) {
        for (final byte b : name) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }

    private static void setInfo(final Connection connection, final List<byte[]> args, final RespWriter out) {
        final String attribute = Args.text(args.get(2));
        final boolean libraryName = attribute.equalsIgnoreCase("lib-name");
        if (!libraryName && !attribute.equalsIgnoreCase("lib-ver")) {
            throw new RedisException("ERR Unrecognized option '" + attribute + "'");
        }
        if (!validName(args.get(3))) {
            throw new RedisException("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
        }
        if (libraryName) {
            connection.libraryName(Args.text(args.get(3)));
        } else {
            connection.libraryVersion(Args.text(args.get(3)));
        }
        out.simple("OK");
    }

    /** CLIENT LIST [TYPE type] [ID id ...]. */
    private static void list(final Connection connection, final List<byte[]> args, final RespWriter out) {
        Predicate<Connection> filter = c -> true;
        if (args.size() == 4 && Args.is(args.get(2), "type")) {
            filter = typeFilter(args.get(3));
        } else if (args.size() >= 4 && Args.is(args.get(2), "id")) {
            final Set<Long> ids = new HashSet<>();
            for (int i = 3; i < args.size(); i++) {
                final long id = StrictNumbers.parseLong(args.get(i));
                if (id == StrictNumbers.INVALID) {
                    throw new RedisException("ERR Invalid client ID");
                }
                ids.add(id);
            }
            filter = c -> ids.contains(c.id());
        } else if (args.size() != 2) {
            throw RedisException.syntax();
        }
        final StringBuilder text = new StringBuilder();
        for (final Connection client : connection.server().clients().all()) {
            if (filter.test(client)) {
                text.append(ClientInfo.line(client)).append('\n');
            }
        }
        Replies.verbatim(out, text.toString());
    }

    private static Predicate<Connection> typeFilter(final byte[] type) {
        final String name = Args.text(type);
        if (name.equalsIgnoreCase("normal")) {
            return c -> true;
        }
        for (final String other : List.of("master", "replica", "slave", "pubsub")) {
            if (name.equalsIgnoreCase(other)) {
                return c -> false;
            }
        }
        throw new RedisException("ERR Unknown client type '" + name + "'");
    }

    /** CLIENT KILL ip:port (old form) or CLIENT KILL filter value [filter value ...] (new form). */
    private static void kill(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() == 3) {
            final String address = Args.text(args.get(2));
            for (final Connection client : connection.server().clients().all()) {
                if (client.remoteAddress().equals(address)) {
                    killOne(connection, client);
                    out.simple("OK");
                    return;
                }
            }
            throw new RedisException("ERR No such client");
        }
        if (args.size() % 2 != 0) {
            throw RedisException.syntax();
        }
        final List<Predicate<Connection>> filters = new ArrayList<>();
        boolean skipMe = true;
        for (int i = 2; i < args.size(); i += 2) {
            final byte[] option = args.get(i);
            final byte[] value = args.get(i + 1);
            if (Args.is(option, "id")) {
                final long id = StrictNumbers.parseLong(value);
                if (id == StrictNumbers.INVALID || id <= 0) {
                    throw new RedisException("ERR client-id should be greater than 0");
                }
                filters.add(c -> c.id() == id);
            } else if (Args.is(option, "type")) {
                filters.add(typeFilter(value));
            } else if (Args.is(option, "addr")) {
                final String address = Args.text(value);
                filters.add(c -> c.remoteAddress().equals(address));
            } else if (Args.is(option, "laddr")) {
                final String address = Args.text(value);
                filters.add(c -> c.localAddress().equals(address));
            } else if (Args.is(option, "user")) {
                if (!Args.text(value).equals("default")) {
                    throw new RedisException("ERR No such user '" + Args.text(value) + "'");
                }
            } else if (Args.is(option, "skipme")) {
                if (Args.is(value, "yes")) {
                    skipMe = true;
                } else if (Args.is(value, "no")) {
                    skipMe = false;
                } else {
                    throw RedisException.syntax();
                }
            } else {
                throw RedisException.syntax();
            }
        }
        long killed = 0;
        for (final Connection client : connection.server().clients().all()) {
            if (skipMe && client == connection || !filters.stream().allMatch(f -> f.test(client))) {
                continue;
            }
            killOne(connection, client);
            killed++;
        }
        out.integer(killed);
    }

    /** Closes {@code client}; the calling connection itself closes only after this reply. */
    private static void killOne(final Connection caller, final Connection client) {
        if (client == caller) {
            caller.closeAfterReply();
        } else {
            client.kill();
        }
    }

    /** CLIENT PAUSE timeout [WRITE|ALL]. */
    private static void pause(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() > 4) {
            throw new RedisException(Args.subcommandSyntax(args.get(0), args.get(1)));
        }
        boolean all = true;
        if (args.size() == 4) {
            if (Args.is(args.get(3), "write")) {
                all = false;
            } else if (!Args.is(args.get(3), "all")) {
                throw new RedisException("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        final long timeout = StrictNumbers.parseLong(args.get(2));
        if (timeout == StrictNumbers.INVALID) {
            throw new RedisException("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new RedisException("ERR timeout is negative");
        }
        final long now = System.currentTimeMillis();
        if (timeout > Long.MAX_VALUE - now) {
            throw new RedisException("ERR timeout is out of range");
        }
        connection.server().pause().pause(now + timeout, all);
        out.simple("OK");
    }

    private static void reply(final Connection connection, final List<byte[]> args, final RespWriter out) {
        final byte[] mode = args.get(2);
        if (Args.is(mode, "on")) {
            connection.replyMode(Connection.ReplyMode.ON);
        } else if (Args.is(mode, "off")) {
            connection.replyMode(Connection.ReplyMode.OFF);
        } else if (Args.is(mode, "skip")) {
            connection.replyMode(Connection.ReplyMode.SKIP);
        } else {
            throw RedisException.syntax();
        }
        out.simple("OK");
    }

    private static boolean onOff(final byte[] value) {
        if (Args.is(value, "on")) {
            return true;
        }
        if (Args.is(value, "off")) {
            return false;
        }
        throw RedisException.syntax();
    }
}
