package io.elastickv.redis.command.connection;

import static io.elastickv.redis.command.CommandSpec.Flag.ALLOW_BUSY;
import static io.elastickv.redis.command.CommandSpec.Flag.FAST;
import static io.elastickv.redis.command.CommandSpec.Flag.LOADING;
import static io.elastickv.redis.command.CommandSpec.Flag.NOSCRIPT;
import static io.elastickv.redis.command.CommandSpec.Flag.NO_AUTH;
import static io.elastickv.redis.command.CommandSpec.Flag.STALE;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.Subcommands;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.RespWriter;
import io.elastickv.redis.resp.StrictNumbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PING, ECHO, QUIT, SELECT, HELLO, RESET, AUTH and CLIENT: commands about the connection itself, answered
 * without the store.
 *
 * <p>Authentication is Redis's without ACLs: one user, {@code default}, whose password is
 * {@code requirepass}; with no password set any password authenticates it, as in Redis.
 */
public final class ConnectionCommands {
    /** The Redis version elastickv reports (HELLO, INFO): the behaviour it follows. */
    public static final String REDIS_VERSION = "7.2.4";

    private static final byte[] DEFAULT_USER = "default".getBytes(StandardCharsets.US_ASCII);
    private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

    private ConnectionCommands() {
    }

    public static void register(final CommandTable.Builder table) {
        final Set<CommandSpec.Flag> session = Set.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY);
        table.add(CommandSpec.local("ping", -1, Set.of(FAST), ConnectionCommands::ping));
        table.add(CommandSpec.local("echo", 2, Set.of(LOADING, STALE, FAST), (c, args, out) -> out.bulk(args.get(1))));
        table.add(CommandSpec.local("quit", -1, session, (c, args, out) -> {
            c.closeAfterReply();
            out.simple("OK");
        }));
        table.add(CommandSpec.local("select", 2, Set.of(LOADING, STALE, FAST), ConnectionCommands::select));
        table.add(CommandSpec.local("hello", -1, session, ConnectionCommands::hello));
        table.add(CommandSpec.local("reset", 1, session, ConnectionCommands::reset));
        table.add(CommandSpec.local("auth", -2, session, ConnectionCommands::auth));
        table.add(ClientCommand.spec());
    }

    private static void ping(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() > 2) {
            out.error(Subcommands.wrongArity("ping"));
        } else if (args.size() == 2) {
            out.bulk(args.get(1));
        } else {
            out.simple("PONG");
        }
    }

    /**
     * Back to a fresh connection's state: no MULTI, no WATCH, database 0, RESP2, no name, not monitoring,
     * replies on, and unauthenticated again when a password is required. The library name and version stay:
     * they still describe the client.
     */
    private static void reset(final Connection connection, final List<byte[]> args, final RespWriter out) {
        connection.endTransaction();
        connection.unwatchAll();
        connection.database(0);
        connection.protocol(2);
        connection.name(null);
        connection.replyMode(Connection.ReplyMode.ON);
        connection.noEvict(false);
        connection.noTouch(false);
        if (connection.monitor()) {
            connection.monitor(false);
            connection.server().monitors().remove(connection);
        }
        connection.deauthenticate();
        out.simple("RESET");
    }

    /** {@code AUTH [username] password}. */
    private static void auth(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() > 3) {
            out.error(RedisException.SYNTAX);
            return;
        }
        if (args.size() == 2 && !connection.server().config().passwordRequired()) {
            out.error("ERR AUTH <password> called without any password configured for the default user. Are you"
                + " sure your configuration is correct?");
            return;
        }
        final byte[] user = args.size() == 2 ? DEFAULT_USER : args.get(1);
        if (authenticate(connection, user, args.get(args.size() - 1))) {
            out.simple("OK");
        } else {
            out.error(WRONGPASS);
        }
    }

    /** Authenticates the connection as {@code user} if the password is right; false (and no change) if not. */
    private static boolean authenticate(final Connection connection, final byte[] user, final byte[] password) {
        final boolean ok = Arrays.equals(user, DEFAULT_USER) && (!connection.server().config().passwordRequired()
            || connection.server().config().passwordMatches(password));
        if (ok) {
            connection.authenticate();
        }
        return ok;
    }

    private static void select(final Connection connection, final List<byte[]> args, final RespWriter out) {
        final long index = StrictNumbers.parseLong(args.get(1));
        if (index == StrictNumbers.INVALID) {
            out.error("ERR value is not an integer or out of range");
        } else if (index < 0 || index >= Keyspace.DATABASES) {
            out.error("ERR DB index is out of range");
        } else {
            connection.database((int) index);
            out.simple("OK");
        }
    }

    /** {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}. */
    private static void hello(final Connection connection, final List<byte[]> args, final RespWriter out) {
        int protocol = connection.protocol();
        int next = 1;
        if (args.size() > 1) {
            final long version = StrictNumbers.parseLong(args.get(1));
            if (version == StrictNumbers.INVALID) {
                out.error("ERR Protocol version is not an integer or out of range");
                return;
            }
            if (version < 2 || version > 3) {
                out.error("NOPROTO unsupported protocol version");
                return;
            }
            protocol = (int) version;
            next = 2;
        }
        byte[] name = null;
        byte[] user = null;
        byte[] password = null;
        for (int i = next; i < args.size(); i++) {
            final String option = new String(args.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            final int more = args.size() - i - 1;
            if (option.equals("AUTH") && more >= 2) {
                user = args.get(++i);
                password = args.get(++i);
            } else if (option.equals("SETNAME") && more >= 1) {
                name = args.get(++i);
                if (!ClientCommand.validName(name)) {
                    out.error(ClientCommand.BAD_NAME);
                    return;
                }
            } else {
                out.error("ERR Syntax error in HELLO option '" + new String(args.get(i), StandardCharsets.ISO_8859_1)
                    + "'");
                return;
            }
        }
        if (user != null && !authenticate(connection, user, password)) {
            out.error(WRONGPASS);
            return;
        }
        if (connection.authRequired()) {
            out.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
                + " <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
                + " protocol version at the same time");
            return;
        }
        if (name != null) {
            connection.name(name);
        }
        connection.protocol(protocol);
        final RespWriter reply = out.protocol() == protocol ? out : out.withProtocol(protocol);
        reply.map(7);
        reply.bulk("server").bulk("redis");
        reply.bulk("version").bulk(REDIS_VERSION);
        reply.bulk("proto").integer(protocol);
        reply.bulk("id").integer(connection.id());
        reply.bulk("mode").bulk("standalone");
        reply.bulk("role").bulk("master");
        reply.bulk("modules").array(0);
    }
}
