package io.elastickv.redis.command;

import io.elastickv.redis.command.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection state that commands read and change: protocol version, selected database, name, an open
 * MULTI block, WATCHed keys, authentication and reply mode.
 *
 * <p>The connection's event-loop thread is the only writer. Other connections read some fields (CLIENT LIST,
 * CLIENT KILL, the idle-timeout sweep), so those are volatile; each is written at most once or twice per
 * command.
 */
public final class Connection {
    private final long id;
    private final String remoteAddress;
    private final String localAddress;
    private final int fd;
    private final long createdMs;
    private final ServerContext server;
    private final Link link;
    private volatile int protocol = 2;
    private volatile int database;
    private volatile byte[] name;
    private volatile String libraryName = "";
    private volatile String libraryVersion = "";
    private volatile boolean authenticated;
    private volatile boolean monitor;
    private volatile boolean noEvict;
    private volatile boolean noTouch;
    private volatile long lastInteractionMs;
    private volatile String lastCommand = "NULL";
    private volatile TransactionState transaction;
    private boolean closeAfterReply;
    private boolean repliesOff;
    private int repliesToSkip;
    private final Map<WatchedKey, Long> watched = new LinkedHashMap<>();

    /** How the server reaches the connection's socket from any thread. */
    public interface Link {
        /** Sends bytes that are complete replies, outside the request-reply order (MONITOR's feed). */
        void push(byte[] replies);

        /** Closes the connection, dropping replies not yet written. */
        void close();
    }

    /**
     * A connection from {@code remoteAddress} to {@code localAddress} (both {@code ip:port} as Redis prints
     * them), {@code fd} its socket's descriptor or -1, authenticated from the start when the server
     * requires no password.
     */
    public Connection(final long id, final String remoteAddress, final String localAddress, final int fd,
                      final long createdMs, final ServerContext server, final Link link) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.fd = fd;
        this.createdMs = createdMs;
        this.lastInteractionMs = createdMs;
        this.server = server;
        this.link = link;
        this.authenticated = !server.config().passwordRequired();
    }

    public long id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String localAddress() {
        return localAddress;
    }

    public int fd() {
        return fd;
    }

    public long createdMs() {
        return createdMs;
    }

    /** The server this connection belongs to: its clients, configuration, statistics. */
    public ServerContext server() {
        return server;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(final int version) {
        this.protocol = version;
    }

    public int database() {
        return database;
    }

    public void database(final int index) {
        this.database = index;
    }

    /** The name CLIENT SETNAME or HELLO SETNAME gave, or {@code null}. */
    public byte[] name() {
        return name;
    }

    /** Sets the name; an empty one removes it, as in Redis. */
    public void name(final byte[] clientName) {
        this.name = clientName == null || clientName.length == 0 ? null : clientName;
    }

    public String libraryName() {
        return libraryName;
    }

    public void libraryName(final String value) {
        this.libraryName = value;
    }

    public String libraryVersion() {
        return libraryVersion;
    }

    public void libraryVersion(final String value) {
        this.libraryVersion = value;
    }

    /** True once AUTH or HELLO AUTH succeeded, or from the start when no password was required then. */
    public boolean authenticated() {
        return authenticated;
    }

    public void authenticate() {
        this.authenticated = true;
    }

    /** Back to a new connection's authentication (RESET): authenticated only when no password is required. */
    public void deauthenticate() {
        this.authenticated = !server.config().passwordRequired();
    }

    /** Whether commands other than those flagged NO_AUTH must be refused: a password is required now. */
    public boolean authRequired() {
        return !authenticated && server.config().passwordRequired();
    }

    public boolean monitor() {
        return monitor;
    }

    public void monitor(final boolean on) {
        this.monitor = on;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(final boolean on) {
        this.noEvict = on;
    }

    public boolean noTouch() {
        return noTouch;
    }

    public void noTouch(final boolean on) {
        this.noTouch = on;
    }

    public long lastInteractionMs() {
        return lastInteractionMs;
    }

    /** Records traffic on the socket (CLIENT LIST idle, the idle timeout). */
    public void touched(final long nowMs) {
        this.lastInteractionMs = nowMs;
    }

    /** The full name of the last command started ({@code client|list}), {@code "NULL"} before any. */
    public String lastCommand() {
        return lastCommand;
    }

    public void lastCommand(final String fullName) {
        this.lastCommand = fullName;
    }

    /** Asks the server to close the connection once this reply is written (QUIT, CLIENT KILL of itself). */
    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    public boolean shouldClose() {
        return closeAfterReply;
    }

    /** Closes the connection from any thread (CLIENT KILL, the idle timeout, SHUTDOWN). */
    public void kill() {
        link.close();
    }

    /** Sends complete replies outside the request order, from any thread (MONITOR). */
    public void push(final byte[] replies) {
        link.push(replies);
    }

    /** CLIENT REPLY: {@code ON}, {@code OFF} (this reply and all later ones dropped), or {@code SKIP}. */
    public enum ReplyMode { ON, OFF, SKIP }

    /** CLIENT REPLY's effect; SKIP drops the reply of the command that set it and of the next one. */
    public void replyMode(final ReplyMode mode) {
        switch (mode) {
            case ON -> {
                repliesOff = false;
                repliesToSkip = 0;
            }
            case OFF -> repliesOff = true;
            case SKIP -> repliesToSkip = repliesOff ? 0 : 2;
        }
    }

    /** Called once per command as it runs: whether its reply is to be dropped (CLIENT REPLY). */
    public boolean takeReplySuppressed() {
        if (repliesOff) {
            return true;
        }
        if (repliesToSkip > 0) {
            repliesToSkip--;
            return true;
        }
        return false;
    }

    /** The open MULTI block, or {@code null}. */
    public TransactionState transaction() {
        return transaction;
    }

    public void beginTransaction() {
        transaction = new TransactionState();
    }

    public void endTransaction() {
        transaction = null;
    }

    /** Records the watch token of {@code key} in {@code db}; the first WATCH of a key wins, as in Redis. */
    public void watch(final int db, final byte[] key, final long token) {
        watched.putIfAbsent(new WatchedKey(db, key), token);
    }

    public List<Map.Entry<WatchedKey, Long>> watchedKeys() {
        return new ArrayList<>(watched.entrySet());
    }

    public void unwatchAll() {
        watched.clear();
    }

    /** A key in a database; equal by content. */
    public record WatchedKey(int db, byte[] key) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof WatchedKey that && db == that.db && Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return 31 * db + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return db + ":" + new String(key, StandardCharsets.ISO_8859_1);
        }
    }
}
