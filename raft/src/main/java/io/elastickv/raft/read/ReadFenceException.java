package io.elastickv.raft.read;

/** A read could not be made linearizable (no leader, no quorum, or the round timed out). */
public final class ReadFenceException extends RuntimeException {
    public ReadFenceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
