package io.elastickv.server.cli;

import io.elastickv.raft.node.PeerAddress;
import java.util.ArrayList;
import java.util.List;

/** Parsing of the address forms the command line takes. */
public final class Addresses {
    private Addresses() {
    }

    /** A {@code host:port} with its port in range; {@code flag} names the flag in the message. */
    public static String[] hostPort(final String flag, final String text) throws UsageException {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--" + flag + "=" + text + " is not host:port");
        }
        final int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + "=" + text + " has no numeric port");
        }
        if (port < 1 || port > 65_535) {
            throw new UsageException("--" + flag + "=" + text + ": port must be in [1, 65535]");
        }
        return new String[] {text.substring(0, colon), Integer.toString(port)};
    }

    public static PeerAddress peer(final String flag, final String text) throws UsageException {
        try {
            return PeerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + flag + ": " + e.getMessage());
        }
    }

    /** A comma-separated list of {@code id=host:port}. */
    public static List<PeerAddress> peers(final String flag, final String text) throws UsageException {
        final List<PeerAddress> out = new ArrayList<>();
        for (final String part : text.split(",")) {
            if (!part.isBlank()) {
                final PeerAddress peer = peer(flag, part.trim());
                if (out.stream().anyMatch(p -> p.id().equals(peer.id()))) {
                    throw new UsageException("--" + flag + " names node " + peer.id() + " twice");
                }
                out.add(peer);
            }
        }
        return out;
    }
}
