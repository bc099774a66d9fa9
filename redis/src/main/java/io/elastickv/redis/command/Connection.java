package io.elastickv.redis.command;

/** Per-connection state that commands read and change: protocol version, selected database, name. */
public final class Connection {
    private final long id;
    private int protocol = 2;
    private int database;
    private byte[] name;
    private boolean closeAfterReply;

    public Connection(final long id) {
        this.id = id;
    }

    public long id() {
        return id;
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
}
