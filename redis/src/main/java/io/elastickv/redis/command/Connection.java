package io.elastickv.redis.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection state that commands read and change: protocol version, selected database, name, an open
 * MULTI block and WATCHed keys. Touched only by the connection's event-loop thread.
 */
public final class Connection {
    private final long id;
    private final String remoteAddress;
    private final String localAddress;
    private final long createdMs;
    private int protocol = 2;
    private int database;
    private byte[] name;
    private boolean closeAfterReply;
    private TransactionState transaction;
    private final Map<WatchedKey, Long> watched = new LinkedHashMap<>();

    public Connection(final long id, final String remoteAddress, final String localAddress, final long createdMs) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.createdMs = createdMs;
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

    public long createdMs() {
        return createdMs;
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

    public void name(final byte[] clientName) {
        this.name = clientName;
    }

    /** Asks the server to close the connection once this reply is written (QUIT). */
    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    public boolean shouldClose() {
        return closeAfterReply;
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
            return other instanceof WatchedKey that && db == that.db && java.util.Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return 31 * db + java.util.Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return db + ":" + new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
