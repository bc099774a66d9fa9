package io.elastickv.redis.resp;

/**
 * Bytes that are not a Redis request. The message is Redis's own text without the {@code ERR} prefix
 * ("Protocol error: invalid bulk length"); the server replies with it and closes the connection.
 */
public final class RespProtocolException extends Exception {
    public RespProtocolException(final String message) {
        super(message, null, false, false);
    }
}
