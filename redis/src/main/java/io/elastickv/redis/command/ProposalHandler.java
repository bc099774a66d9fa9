package io.elastickv.redis.command;

import io.elastickv.redis.resp.RespWriter;
import java.util.List;

/**
 * A command that turns connection state into one replicated command (EXEC). It either answers at once
 * (writes a reply and returns {@code null}) or returns the proposal.
 */
@FunctionalInterface
public non-sealed interface ProposalHandler extends CommandHandler {
    Proposal prepare(Connection connection, List<byte[]> args, RespWriter reply);

    /** A command for the log, and how its replicated reply becomes the client's reply. */
    record Proposal(byte[] command, ReplyWriter replyWriter) {
    }

    /** Writes the client's reply from the state machine's reply bytes. */
    @FunctionalInterface
    interface ReplyWriter {
        void write(byte[] replicatedReply, RespWriter reply);
    }
}
