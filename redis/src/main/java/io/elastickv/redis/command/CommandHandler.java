package io.elastickv.redis.command;

/**
 * How a command runs. The kind of handler decides the path through the node:
 *
 * <ul>
 *   <li>{@link LocalHandler}: on the connection alone (PING, SELECT, CLIENT ...), without the store.</li>
 *   <li>{@link DataHandler}: against the keyspace. Flagged {@code WRITE}, it is proposed to the Raft log and
 *   run by every replica's state machine; otherwise it runs on this node after a read fence. The handler is
 *   the same code in both places.</li>
 *   <li>{@link SessionReadHandler}: reads the keyspace after a fence and keeps something on the connection
 *   (WATCH, SCAN cursors).</li>
 *   <li>{@link ProposalHandler}: builds a replicated command from connection state (EXEC).</li>
 *   <li>{@link DeferredHandler}: answered by the node, possibly later (SAVE, SHUTDOWN, DEBUG SLEEP), once
 *   the connection's earlier commands have answered; never queued in MULTI.</li>
 * </ul>
 */
public sealed interface CommandHandler permits LocalHandler, DataHandler, SessionReadHandler, ProposalHandler,
    DeferredHandler {
}
