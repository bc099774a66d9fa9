package io.elastickv.raft.node;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ratis client that is replaced after it gives up. Once a Ratis client's retry policy is exhausted (for
 * example while there is no quorum), its ordered request window is closed for good and every later call
 * fails with {@link AlreadyClosedException}; this holder builds a fresh client for the next call instead.
 */
final class RebuildingClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildingClient.class);

    private final Supplier<RaftClient> factory;
    private RaftClient current;
    private boolean closed;

    RebuildingClient(final Supplier<RaftClient> factory) {
        this.factory = factory;
    }

    synchronized RaftClient get() {
        if (closed) {
            throw new IllegalStateException("client closed");
        }
        if (current == null) {
            current = factory.get();
        }
        return current;
    }

    /** Drops {@code client} if {@code failure} shows it can no longer be used. */
    void onFailure(final RaftClient client, final Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof AlreadyClosedException || cause instanceof RaftRetryFailureException) {
                discard(client);
                return;
            }
            cause = cause.getCause();
        }
    }

    private void discard(final RaftClient client) {
        synchronized (this) {
            if (current != client) {
                return;
            }
            current = null;
        }
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing a failed Raft client", e);
        }
    }

    @Override
    public void close() {
        final RaftClient last;
        synchronized (this) {
            closed = true;
            last = current;
            current = null;
        }
        if (last != null) {
            try {
                last.close();
            } catch (IOException e) {
                LOG.debug("closing a Raft client", e);
            }
        }
    }
}
