package io.elastickv.redis.command.server;

import io.elastickv.redis.command.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients of one server, by id (ids grow, so id order is connection order). */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Connection> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A new client id, never reused while the server runs. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public void add(final Connection connection) {
        byId.put(connection.id(), connection);
    }

    public void remove(final Connection connection) {
        byId.remove(connection.id());
    }

    public int size() {
        return byId.size();
    }

    /** A snapshot of the clients in connection order. */
    public List<Connection> all() {
        return new ArrayList<>(byId.values());
    }
}
