package io.elastickv.raft.node;

import io.elastickv.common.Checks;

/** A Raft peer: its node id and the host:port of its Raft (gRPC) endpoint. */
public record PeerAddress(String id, String host, int port) {
    public PeerAddress {
        Checks.requireNonNull("id", id);
        Checks.requireNonNull("host", host);
        Checks.requireInRange("port", port, 1, 65_535);
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("id=" + id + " must be 1-64 characters of [A-Za-z0-9_.-]");
        }
    }

    /** Parses {@code id=host:port}. */
    public static PeerAddress parse(final String text) {
        final int eq = text.indexOf('=');
        final int colon = text.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2 || colon == text.length() - 1) {
            throw new IllegalArgumentException("peer=" + text + " is not id=host:port");
        }
        final int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer=" + text + " has no numeric port", e);
        }
        return new PeerAddress(text.substring(0, eq), text.substring(eq + 1, colon), port);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return id + "=" + address();
    }
}
