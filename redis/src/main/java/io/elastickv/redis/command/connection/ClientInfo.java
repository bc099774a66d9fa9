package io.elastickv.redis.command.connection;

import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.TransactionState;
import java.nio.charset.StandardCharsets;

/**
 * A client's line in CLIENT LIST and CLIENT INFO, with Redis 7.2's fields in its order. Buffers are
 * Netty's, not Redis's, so the buffer and memory fields report 0.
 */
final class ClientInfo {
    private ClientInfo() {
    }

    static String line(final Connection client) {
        final long now = System.currentTimeMillis();
        final byte[] name = client.name();
        final TransactionState transaction = client.transaction();
        return "id=" + client.id()
            + " addr=" + client.remoteAddress()
            + " laddr=" + client.localAddress()
            + " fd=" + client.fd()
            + " name=" + (name == null ? "" : new String(name, StandardCharsets.ISO_8859_1))
            + " age=" + (now - client.createdMs()) / 1000
            + " idle=" + Math.max(0, now - client.lastInteractionMs()) / 1000
            + " flags=" + flags(client, transaction)
            + " db=" + client.database()
            + " sub=0 psub=0 ssub=0"
            + " multi=" + (transaction == null ? -1 : transaction.queued().size())
            + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r"
            + " cmd=" + client.lastCommand()
            + " user=default redir=-1"
            + " resp=" + client.protocol()
            + " lib-name=" + client.libraryName()
            + " lib-ver=" + client.libraryVersion();
    }

    private static String flags(final Connection client, final TransactionState transaction) {
        final StringBuilder flags = new StringBuilder();
        if (client.monitor()) {
            flags.append('O');
        }
        if (transaction != null) {
            flags.append('x');
        }
        if (client.shouldClose()) {
            flags.append('c');
        }
        if (client.noEvict()) {
            flags.append('e');
        }
        if (client.noTouch()) {
            flags.append('T');
        }
        return flags.length() == 0 ? "N" : flags.toString();
    }
}
