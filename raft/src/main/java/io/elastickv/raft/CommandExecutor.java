package io.elastickv.raft;

/**
 * The service provider a front end registers with a Raft group: it turns one replicated command into its
 * effects on the store and its reply. The Raft layer treats commands and replies as opaque bytes.
 *
 * <p>Every replica runs {@link #execute} for every command, in log order, so it must be deterministic:
 * its only inputs are the command bytes and the {@link ExecutionContext}. It must not read the wall clock,
 * a random source, node-local configuration, or anything else outside the context. A thrown exception
 * discards the command's writes and turns into the reply {@link #errorReply} returns, on every replica alike.
 */
public interface CommandExecutor {
    /** Executes one command and returns its reply. */
    byte[] execute(byte[] command, ExecutionContext context);

    /** The reply for a command whose execution threw; must itself be deterministic. */
    byte[] errorReply(byte[] command, RuntimeException failure);
}
